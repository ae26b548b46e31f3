package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// normalizeCustomer validates c and cleans its phone in the store's region.
func (db *DB) normalizeCustomer(c *crm.Customer) error {
	if err := c.Normalize(); err != nil {
		return err
	}
	return c.NormalizePhone(db.region)
}

// setCustomerIndexes replaces a customer's tag and domain index rows (a
// new customer has none to clear: two statements fewer per imported row).
func (db *DB) setCustomerIndexes(ctx context.Context, tx *sql.Tx, c *crm.Customer, isNew bool) error {
	if err := db.setTags(ctx, tx, c.ID, c.Tags, isNew); err != nil {
		return err
	}
	if !isNew {
		if _, err := tx.ExecContext(ctx, `DELETE FROM customer_domains WHERE customer_id = $1`, c.ID); err != nil {
			return db.wrap(err, "clear domains")
		}
	}
	for _, d := range c.Domains {
		_, err := tx.ExecContext(ctx, `INSERT INTO customer_domains (customer_id, domain) VALUES ($1, $2)`, c.ID, d)
		if err != nil {
			return db.wrap(err, "add domain")
		}
	}
	return nil
}
