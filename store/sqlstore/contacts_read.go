package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// Contact returns one contact v may see. ENOTFOUND.
func (db *DB) Contact(ctx context.Context, v crm.Viewer, id int64) (c *crm.Contact, err error) {
	err = db.query(ctx, func(q querier) error {
		c, err = db.contact(ctx, q, v, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (db *DB) contact(ctx context.Context, q querier, v crm.Viewer, id int64) (*crm.Contact, error) {
	w := &where{}
	w.and("c.id = " + w.arg(id))
	w.visible(v, "c.owner_id")
	c, err := scanContact(q.QueryRowContext(ctx, `SELECT `+contactCols+` FROM contacts c`+w.String(), w.args...))
	if err != nil {
		return nil, db.notFound(err, "Contact", "get contact")
	}
	return c, nil
}

// ListContacts returns a page of contacts, newest first.
func (db *DB) ListContacts(ctx context.Context, f crm.ContactFilter) (l crm.List[*crm.Contact], err error) {
	pg := f.Page.Clamp()
	w := contactWhere(db, f)
	tail, err := w.sorted("contacts", "c", "contacts", pg)
	if err != nil {
		return l, err
	}
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanContact, `SELECT `+contactCols+` FROM contacts c`+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(c *crm.Contact) int64 { return c.ID })
		return db.wrap(err, "list contacts")
	})
	return l, err
}

// CountContacts counts what f selects, ignoring its page.
func (db *DB) CountContacts(ctx context.Context, f crm.ContactFilter) (int64, error) {
	return db.count(ctx, "contacts", "contacts c", contactWhere(db, f))
}

func contactWhere(db *DB, f crm.ContactFilter) *where {
	w := &where{}
	w.visible(f.Viewer, "c.owner_id")
	w.search(db.dialect.ILike(), f.Query, "c.name", "c.title", "c.emails", "c.phones")
	w.equalID("c.customer_id", f.CustomerID)
	w.equalID("c.owner_id", f.OwnerID)
	if f.Tag != "" {
		w.and(contactLinks.has("c", w.arg(f.Tag)))
	}
	return w
}

// ContactsByEmail returns the contacts v may see with this address.
func (db *DB) ContactsByEmail(ctx context.Context, v crm.Viewer, email string) ([]*crm.Contact, error) {
	if e, ok := crm.NormalizeEmail(email); ok {
		email = e
	}
	return db.contactsBy(ctx, v, `contact_emails x ON x.contact_id = c.id`, "x.email", email)
}

// ContactsByPhone returns the contacts v may see with this E.164 number.
func (db *DB) ContactsByPhone(ctx context.Context, v crm.Viewer, e164 string) ([]*crm.Contact, error) {
	if !isE164(e164) { // parsing a number costs more than the lookup
		if n, ok := crm.NormalizePhone(e164, db.region); ok {
			e164 = n
		}
	}
	return db.contactsBy(ctx, v, `contact_phones x ON x.contact_id = c.id`, "x.phone", e164)
}

func (db *DB) contactsBy(ctx context.Context, v crm.Viewer, join, col, val string) (cs []*crm.Contact, err error) {
	w := &where{}
	w.and(col + " = " + w.arg(val))
	w.visible(v, "c.owner_id")
	err = db.query(ctx, func(q querier) error {
		cs, err = queryAll(ctx, q, scanContact, `SELECT `+contactCols+` FROM contacts c JOIN `+join+w.String()+
			` ORDER BY c.id`, w.args...)
		return db.wrap(err, "find contacts")
	})
	return cs, err
}

// ContactByIdentity returns the contact holding a channel identity.
func (db *DB) ContactByIdentity(ctx context.Context, v crm.Viewer, id crm.Identity) (c *crm.Contact, err error) {
	w := &where{}
	w.and("x.kind = " + w.arg(id.Kind) + " AND x.key = " + w.arg(id.Key) + " AND x.value = " + w.arg(id.Value))
	w.visible(v, "c.owner_id")
	err = db.query(ctx, func(q querier) error {
		c, err = scanContact(q.QueryRowContext(ctx, `SELECT `+contactCols+` FROM contacts c
			JOIN contact_identities x ON x.contact_id = c.id`+w.String(), w.args...))
		return db.notFound(err, "Contact", "contact by identity")
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// isE164 reports whether s is already in the form stored: + and 8 to 15 digits.
func isE164(s string) bool {
	if len(s) < 9 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
