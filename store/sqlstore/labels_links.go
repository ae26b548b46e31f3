package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// labelLink is one kind of record that carries labels: its table, the JSON
// display copy column, and the link table with its record column.
type labelLink struct{ table, col, join, key string }

var (
	customerLinks     = labelLink{"customers", "tags", "customer_labels", "customer_id"}
	conversationLinks = labelLink{"conversations", "labels", "conversation_labels", "conversation_id"}
	leadLinks         = labelLink{"leads", "tags", "lead_labels", "lead_id"}
	contactLinks      = labelLink{"contacts", "tags", "contact_labels", "contact_id"}
)

// has is the condition that the record aliased alias carries the label
// named by the placeholder name: by id, so a renamed label is found under
// its new name only.
func (k labelLink) has(alias, name string) string {
	return "EXISTS (SELECT 1 FROM " + k.join + " t JOIN labels lb ON lb.id = t.label_id WHERE t." + k.key +
		" = " + alias + ".id AND lb.name = " + name + ")"
}

// count is the subquery counting the records of this kind that carry
// label l.id and that v may see (their owner in ownerCol); one who sees
// everything counts the link table alone.
func (k labelLink) count(w *where, v crm.Viewer, ownerCol string) string {
	q := "(SELECT COUNT(*) FROM " + k.join + " x"
	if v.SeesAll() {
		return q + " WHERE x.label_id = l.id)"
	}
	return q + " JOIN " + k.table + " r ON r.id = x." + k.key + " WHERE x.label_id = l.id AND " +
		w.owns(v, "r."+ownerCol, true) + ")"
}

// setLabelLinks points record id at the labels its tags name, by id,
// creating the labels that are new (isNew: the record has none to clear).
func (db *DB) setLabelLinks(ctx context.Context, tx *sql.Tx, k labelLink, id int64, tags []string, isNew bool) error {
	if !isNew {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+k.join+` WHERE `+k.key+` = $1`, id); err != nil {
			return db.wrap(err, "clear "+k.table+" labels")
		}
	}
	ids, err := db.labelIDs(ctx, tx, tags)
	if err != nil {
		return err
	}
	for _, l := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+k.join+` (`+k.key+`, label_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, id, l); err != nil {
			return db.wrap(err, "add "+k.table+" label")
		}
	}
	return nil
}
