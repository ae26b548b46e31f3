package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// setRefs replaces the index rows (table: task_refs or followup_refs) that
// find the records about a Ref.
func (db *DB) setRefs(ctx context.Context, tx *sql.Tx, table, idCol string, id int64, refs []crm.Ref) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+idCol+` = $1`, id); err != nil {
		return db.wrap(err, "clear "+table)
	}
	for _, r := range refs {
		_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+idCol+`, kind, ref_id) VALUES ($1, $2, $3)`, id, r.Kind, r.ID)
		if err != nil {
			return db.wrap(err, "add "+table)
		}
	}
	return nil
}

// aboutRef adds "the record is about r" through a refs table.
func (w *where) aboutRef(table, idCol, outerID string, r *crm.Ref) {
	if r != nil {
		w.and("EXISTS (SELECT 1 FROM " + table + " x WHERE x." + idCol + " = " + outerID +
			" AND x.kind = " + w.arg(r.Kind) + " AND x.ref_id = " + w.arg(r.ID) + ")")
	}
}
