package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// importTables are the record kinds an import writes, children first: a
// payment before its order, an order before its customer and products, a
// contact before its customer. Payments have no updated_at: they are
// never changed, only added, so their order's stamp stands for them.
var importTables = []struct {
	kind, table string
	stamped     bool
}{
	{crm.RefPayment, "payments", false}, {crm.RefOrder, "orders", true}, {crm.RefContact, "contacts", true},
	{crm.RefCustomer, "customers", true}, {crm.RefLead, "leads", true}, {crm.RefProduct, "products", true},
}

// UndoImport removes the records a job created and restores those it
// updated, all or nothing, if none was changed since the import wrote it
// (its updated_at is still the import's stamp). ECONFLICT otherwise, and
// when a removed record is in use (a conversation, an order). ENOTFOUND.
func (db *DB) UndoImport(ctx context.Context, jobID int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.importUntouched(ctx, tx, jobID); err != nil {
			return err
		}
		if err := db.restoreUpdated(ctx, tx, jobID); err != nil {
			return err
		}
		for _, t := range importTables {
			_, err := tx.ExecContext(ctx, `DELETE FROM `+t.table+` WHERE id IN (SELECT record_id FROM import_rows
				WHERE job_id = $1 AND record_kind = $2 AND action = 'created')`, jobID, t.kind)
			if err != nil {
				return db.conflict(err, "undo import",
					"A record of this import is in use now (a conversation, an order, a contact added to it): the import cannot be undone.")
			}
		}
		return nil
	})
}

// importUntouched refuses when a record the job wrote has changed since:
// its updated_at differs from the last stamp the job gave it.
func (db *DB) importUntouched(ctx context.Context, tx *sql.Tx, jobID int64) error {
	total := 0
	for _, t := range importTables {
		if !t.stamped {
			continue
		}
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t.table+` x WHERE x.id IN (SELECT record_id
			FROM import_rows WHERE job_id = $1 AND record_kind = $2 AND action IN ('created', 'updated'))
			AND x.updated_at <> (SELECT MAX(r.stamp) FROM import_rows r WHERE r.job_id = $1
				AND r.record_kind = $2 AND r.record_id = x.id)`, jobID, t.kind).Scan(&n)
		if err != nil {
			return db.wrap(err, "check import untouched")
		}
		total += n
	}
	if total > 0 {
		return crm.Errorf(crm.ECONFLICT, "%d records of this import were changed since: the import cannot be undone.", total)
	}
	return nil
}

// restoreUpdated puts back the records the job updated but did not create,
// each as it was before the job's first update of it.
func (db *DB) restoreUpdated(ctx context.Context, tx *sql.Tx, jobID int64) error {
	rows, err := queryAll(ctx, tx, scanImportRow, `SELECT `+importRowCols+` FROM import_rows r
		WHERE job_id = $1 AND action = 'updated' AND NOT EXISTS (SELECT 1 FROM import_rows c
			WHERE c.job_id = r.job_id AND c.record_kind = r.record_kind AND c.record_id = r.record_id
			AND c.action = 'created') ORDER BY row_no DESC`, jobID)
	if err != nil {
		return db.wrap(err, "updated import rows")
	}
	for _, r := range rows { // the last row first, so the first update's before wins
		if err := db.restoreRecord(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) restoreRecord(ctx context.Context, r crm.ImportRow) error {
	var rec any
	var save func() error
	switch r.RecordKind {
	case crm.RefCustomer:
		c := &crm.Customer{}
		rec, save = c, func() error { return db.UpdateCustomer(ctx, crm.System, c) }
	case crm.RefContact:
		c := &crm.Contact{}
		rec, save = c, func() error { return db.UpdateContact(ctx, crm.System, c) }
	case crm.RefLead:
		l := &crm.Lead{}
		rec, save = l, func() error { return db.UpdateLead(ctx, crm.System, l) }
	case crm.RefProduct:
		p := &crm.Product{}
		rec, save = p, func() error { return db.UpdateProduct(ctx, p) }
	default:
		return fmt.Errorf("sqlstore: restore an imported %q", r.RecordKind)
	}
	if err := json.Unmarshal([]byte(r.Before), rec); err != nil {
		return fmt.Errorf("sqlstore: restore row %d: %w", r.RowNo, err)
	}
	return save()
}
