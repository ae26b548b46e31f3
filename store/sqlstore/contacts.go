package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const contactCols = `c.id, c.customer_id, c.name, c.title, c.emails, c.phones, c.identities, c.birthday,
	c.notes, c.owner_id, c.created_at, c.updated_at, c.tags`

func scanContact(r scanner) (*crm.Contact, error) {
	c := &crm.Contact{}
	err := r.Scan(&c.ID, nid{&c.CustomerID}, &c.Name, &c.Title, jsonCol{&c.Emails}, jsonCol{&c.Phones},
		jsonCol{&c.Identities}, dt{&c.Birthday}, &c.Notes, nid{&c.OwnerID}, tm{&c.CreatedAt}, tm{&c.UpdatedAt}, jsonCol{&c.Tags})
	return c, err
}

// CreateContact stores c with its emails, phones and identities.
func (db *DB) CreateContact(ctx context.Context, c *crm.Contact) error {
	if err := db.normalizeContact(c); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkContactRefs(ctx, tx, c); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO contacts (customer_id, name, title, emails, phones, identities,
			birthday, notes, owner_id, created_at, updated_at, tags)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id`,
			idArg(c.CustomerID), c.Name, c.Title, jsonArg(c.Emails), jsonArg(c.Phones), jsonArg(c.Identities),
			dateArg(c.Birthday), c.Notes, idArg(c.OwnerID), now, jsonArg(c.Tags)).Scan(&c.ID)
		if err != nil {
			return db.wrap(err, "create contact")
		}
		if err := db.setLabelLinks(ctx, tx, contactLinks, c.ID, c.Tags, true); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = now, now
		return db.indexContact(ctx, tx, c, true)
	})
}

// UpdateContact saves c, replacing its emails, phones and identities.
func (db *DB) UpdateContact(ctx context.Context, v crm.Viewer, c *crm.Contact) error {
	if err := db.normalizeContact(c); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		old, err := db.contact(ctx, tx, v, c.ID)
		if err != nil {
			return err
		}
		if err := db.checkContactRefs(ctx, tx, c); err != nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE contacts SET customer_id = $1, name = $2, title = $3, emails = $4,
			phones = $5, identities = $6, birthday = $7, notes = $8, owner_id = $9, updated_at = $10, tags = $12
			WHERE id = $11`,
			idArg(c.CustomerID), c.Name, c.Title, jsonArg(c.Emails), jsonArg(c.Phones), jsonArg(c.Identities),
			dateArg(c.Birthday), c.Notes, idArg(c.OwnerID), now, c.ID, jsonArg(c.Tags))
		if err != nil {
			return db.wrap(err, "update contact")
		}
		if err := db.setLabelLinks(ctx, tx, contactLinks, c.ID, c.Tags, false); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = old.CreatedAt, now
		return db.indexContact(ctx, tx, c, false)
	})
}

func (db *DB) normalizeContact(c *crm.Contact) error {
	if err := c.Normalize(db.region); err != nil {
		return err
	}
	c.Identities = dedupe(c.Identities)
	return nil
}

func (db *DB) checkContactRefs(ctx context.Context, tx *sql.Tx, c *crm.Contact) error {
	return db.checkExist(ctx, tx, exists{"customer_id", "customers", c.CustomerID},
		exists{"owner_id", "users", c.OwnerID})
}

// indexContact replaces the rows that lookups by email, phone and channel
// identity use (a new contact has none to clear).
func (db *DB) indexContact(ctx context.Context, tx *sql.Tx, c *crm.Contact, isNew bool) error {
	for _, table := range []string{"contact_emails", "contact_phones", "contact_identities"} {
		if isNew {
			break
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE contact_id = $1`, c.ID); err != nil {
			return db.wrap(err, "clear "+table)
		}
	}
	for _, e := range c.Emails {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_emails (contact_id, email) VALUES ($1, $2)`, c.ID, e); err != nil {
			return db.wrap(err, "add contact email")
		}
	}
	for _, p := range c.Phones {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_phones (contact_id, phone) VALUES ($1, $2)`, c.ID, p); err != nil {
			return db.wrap(err, "add contact phone")
		}
	}
	for _, id := range c.Identities {
		_, err := tx.ExecContext(ctx, `INSERT INTO contact_identities (contact_id, kind, key, value)
			VALUES ($1, $2, $3, $4)`, c.ID, id.Kind, id.Key, id.Value)
		if err != nil {
			return db.conflict(err, "add contact identity",
				"The "+id.Kind+" identity "+id.Value+" belongs to another contact already.")
		}
	}
	return nil
}

// dedupe drops repeated values, keeping the first of each, and keeps nil nil.
func dedupe[T comparable](in []T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, 0, len(in))
	seen := map[T]bool{}
	for _, v := range in {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
