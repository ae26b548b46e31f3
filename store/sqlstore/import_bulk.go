package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// ReserveImportIDs reserves n ids of customers or contacts for the rows an
// import inserts later in the same transaction with CreateImported: the
// importer needs a record's id when it decides the row (a contact points
// at its customer, the import row at its record), not when it is written.
// Call it inside WithTx or WithBatchTx only (on SQLite a reserve is the
// rows after the highest id, good until the transaction ends). EINVALID
// for another table.
func (db *DB) ReserveImportIDs(ctx context.Context, table string, n int) (ids []int64, err error) {
	if table != "customers" && table != "contacts" {
		return nil, crm.Errorf(crm.EINVALID, "Import reserves no ids of %s.", table)
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		ids, err = db.reserveIDs(ctx, tx, table, n)
		return err
	})
	return ids, err
}

// CreateImported stores new customers and contacts, their ids reserved by
// ReserveImportIDs, as CreateCustomer and CreateContact would one by one
// (index rows, claim time and countdown included), but in a few multi-row
// INSERTs, sent together: an import chunk's 500 rows in about fifty
// statements and, on PostgreSQL, one round trip, not ten statements per row. The customers come first, so a contact may point at one of
// them. It sets each record's times and pool state. The references are
// the database's to check: any error refuses the lot, and the importer
// then redoes the chunk one row at a time.
func (db *DB) CreateImported(ctx context.Context, cs []*crm.Customer, cts []*crm.Contact) error {
	for _, c := range cs {
		if err := db.normalizeCustomer(c); err != nil {
			return err
		}
	}
	for _, c := range cts {
		if err := db.normalizeContact(c); err != nil {
			return err
		}
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		stmts, err := db.importedCustomers(ctx, tx, cs, now)
		if err != nil {
			return err
		}
		more, err := db.importedContacts(ctx, tx, cts, now)
		if err != nil {
			return err
		}
		stmts = append(stmts, more...)
		// One round trip on PostgreSQL inside WithBatchTx, in order.
		_, err = db.dialect.ExecAll(ctx, batchConn(ctx), tx, stmts)
		return db.wrap(err, "create imported records")
	})
}
