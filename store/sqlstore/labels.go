package sqlstore

import (
	"context"
	"database/sql"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.LabelStore = (*DB)(nil)

// labelIDs returns the ids of the labels named, creating those that do not
// exist yet (gray), in the order of names.
func (db *DB) labelIDs(ctx context.Context, tx *sql.Tx, names []string) ([]int64, error) {
	ids := make([]int64, len(names))
	for i, n := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO labels (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, n); err != nil {
			return nil, db.wrap(err, "add label")
		}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM labels WHERE name = $1`, n).Scan(&ids[i]); err != nil {
			return nil, db.wrap(err, "label id")
		}
	}
	return ids, nil
}

// ListLabels returns every label by name with how many records carrying it
// v may see.
func (db *DB) ListLabels(ctx context.Context, v crm.Viewer) (out []*crm.Label, err error) {
	w := &where{}
	counts := customerLinks.count(w, v, "owner_id") + ",\n" + conversationLinks.count(w, v, "assignee_id") + ",\n" +
		leadLinks.count(w, v, "owner_id") + ",\n" + contactLinks.count(w, v, "owner_id")
	err = db.query(ctx, func(q querier) error {
		out, err = queryAll(ctx, q, func(r scanner) (*crm.Label, error) {
			l := &crm.Label{}
			return l, r.Scan(&l.ID, &l.Name, &l.Color, &l.Customers, &l.Conversations, &l.Leads, &l.Contacts)
		}, `SELECT l.id, l.name, l.color, `+counts+` FROM labels l ORDER BY l.name, l.id`, w.args...)
		return err
	})
	return out, db.wrap(err, "list labels")
}

// CreateLabel stores a new label. EINVALID, ECONFLICT.
func (db *DB) CreateLabel(ctx context.Context, l *crm.Label) error {
	if err := l.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO labels (name, color) VALUES ($1, $2) RETURNING id`,
			l.Name, l.Color).Scan(&l.ID)
		return db.conflict(err, "create label", "A label of this name exists.")
	})
}

// UpdateLabel renames or recolours a label, and rewrites the display copy
// (customers.tags, conversations.labels, leads.tags, contacts.tags) of every record that carries it
// in the same transaction.
func (db *DB) UpdateLabel(ctx context.Context, l *crm.Label) error {
	if err := l.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM labels WHERE id = $1`, l.ID).Scan(&old); err != nil {
			return db.notFound(err, "Label", "get label")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE labels SET name = $1, color = $2 WHERE id = $3`, l.Name, l.Color, l.ID); err != nil {
			return db.conflict(err, "update label", "A label of this name exists.")
		}
		if old == l.Name {
			return nil
		}
		return db.rewriteLabel(ctx, tx, l.ID, old, l.Name)
	})
}

// DeleteLabel takes a label off every record (their display copy too)
// and deletes it; the label tables cascade. ENOTFOUND.
func (db *DB) DeleteLabel(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM labels WHERE id = $1`, id).Scan(&old); err != nil {
			return db.notFound(err, "Label", "get label")
		}
		if err := db.rewriteLabel(ctx, tx, id, old, ""); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM labels WHERE id = $1`, id)
		return db.wrap(err, "delete label")
	})
}

// labelCopies are the JSON display copies of each label table: the table
// of records, its JSON column, and the join table with its record column.
var labelCopies = []labelLink{customerLinks, conversationLinks, leadLinks, contactLinks}

// rewriteLabel replaces old by name (or removes it, name "") in the display
// copy of every record carrying label id.
func (db *DB) rewriteLabel(ctx context.Context, tx *sql.Tx, id int64, old, name string) error {
	for _, c := range labelCopies {
		type row struct {
			id    int64
			names []string
		}
		rows, err := queryAll(ctx, tx, func(r scanner) (row, error) {
			var x row
			return x, r.Scan(&x.id, jsonCol{&x.names})
		}, `SELECT r.id, r.`+c.col+` FROM `+c.table+` r JOIN `+c.join+` j ON j.`+c.key+` = r.id WHERE j.label_id = $1`, id)
		if err != nil {
			return db.wrap(err, "read "+c.table+" labels")
		}
		for _, x := range rows {
			names := slices.DeleteFunc(x.names, func(s string) bool { return s == old })
			if name != "" && !slices.Contains(names, name) {
				names = append(names, name)
			}
			if names == nil {
				names = []string{}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE `+c.table+` SET `+c.col+` = $1 WHERE id = $2`, jsonArg(names), x.id); err != nil {
				return db.wrap(err, "rewrite "+c.table+" labels")
			}
		}
	}
	return nil
}
