package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// MergeContacts folds m.MergedID into m.SurvivorID: every email, phone and
// identity, conversation, message link, signed order, task, follow-up and
// attachment moves to the survivor; the merged contact is deleted; the merge
// is audited. Both must be visible to v.
func (db *DB) MergeContacts(ctx context.Context, v crm.Viewer, m crm.Merge) (s *crm.Contact, err error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var gone *crm.Contact
		if s, gone, err = db.contactPair(ctx, v, m); err != nil {
			return err
		}
		foldContact(s, gone)
		if _, err := tx.ExecContext(ctx, `DELETE FROM contact_identities WHERE contact_id = $1`, gone.ID); err != nil {
			return db.wrap(err, "free identities")
		}
		if err := db.UpdateContact(ctx, v, s); err != nil {
			return err
		}
		if err := db.repoint(ctx, tx, gone.ID, s.ID, "conversations.contact_id", "orders.customer_signer_id",
			"lead_conversions.contact_id"); err != nil {
			return err
		}
		if err := db.moveRefs(ctx, tx, crm.RefContact, gone.ID, s.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contacts WHERE id = $1`, gone.ID); err != nil {
			return db.wrap(err, "delete merged contact")
		}
		return db.audit(ctx, v, "contact.merge", crm.Ref{Kind: crm.RefContact, ID: s.ID},
			fmt.Sprintf("merged contact %d (%s) into %d", gone.ID, gone.Name, s.ID))
	})
	return s, err
}

func (db *DB) contactPair(ctx context.Context, v crm.Viewer, m crm.Merge) (*crm.Contact, *crm.Contact, error) {
	s, err := db.Contact(ctx, v, m.SurvivorID)
	if err != nil {
		return nil, nil, err
	}
	gone, err := db.Contact(ctx, v, m.MergedID)
	return s, gone, err
}

// foldContact gives s what only gone has.
func foldContact(s, gone *crm.Contact) {
	s.Emails = dedupe(append(s.Emails, gone.Emails...))
	s.Phones = dedupe(append(s.Phones, gone.Phones...))
	s.Identities = dedupe(append(s.Identities, gone.Identities...))
	if s.CustomerID == nil {
		s.CustomerID = gone.CustomerID
	}
	if s.Birthday == nil {
		s.Birthday = gone.Birthday
	}
	s.Title = firstNonEmpty(s.Title, gone.Title)
	s.Notes = joinNotes(s.Notes, gone.Notes)
}

// MergeCustomers folds m.MergedID into m.SurvivorID: contacts, orders,
// conversations, message links, tasks, follow-ups, attachments and tags move;
// the merged customer is deleted; the merge is audited.
func (db *DB) MergeCustomers(ctx context.Context, v crm.Viewer, m crm.Merge) (s *crm.Customer, err error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if s, err = db.Customer(ctx, v, m.SurvivorID); err != nil {
			return err
		}
		gone, err := db.Customer(ctx, v, m.MergedID)
		if err != nil {
			return err
		}
		foldCustomer(s, gone)
		if err := db.repoint(ctx, tx, gone.ID, s.ID, "contacts.customer_id", "orders.customer_id", "conversations.customer_id",
			"orders.dealer_id", "lead_conversions.customer_id"); err != nil {
			return err
		}
		if err := db.UpdateCustomer(ctx, v, s); err != nil {
			return err
		}
		if err := db.moveRefs(ctx, tx, crm.RefCustomer, gone.ID, s.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM customers WHERE id = $1`, gone.ID); err != nil {
			return db.wrap(err, "delete merged customer")
		}
		return db.audit(ctx, v, "customer.merge", crm.Ref{Kind: crm.RefCustomer, ID: s.ID},
			fmt.Sprintf("merged customer %d (%s) into %d", gone.ID, gone.Name, s.ID))
	})
	return s, err
}

func foldCustomer(s, gone *crm.Customer) {
	s.Tags = dedupe(append(s.Tags, gone.Tags...))
	s.ShortName = firstNonEmpty(s.ShortName, gone.ShortName)
	s.Industry = firstNonEmpty(s.Industry, gone.Industry)
	s.Region = firstNonEmpty(s.Region, gone.Region)
	s.Address = firstNonEmpty(s.Address, gone.Address)
	s.Website = firstNonEmpty(s.Website, gone.Website)
	s.Domain = firstNonEmpty(s.Domain, gone.Domain)
	s.Domains = dedupe(append(s.Domains, gone.Domains...)) // the matcher finds the survivor by any
	s.Phone = firstNonEmpty(s.Phone, gone.Phone)
	if s.OwnerID == nil {
		s.OwnerID = gone.OwnerID
	}
	s.Notes = joinNotes(s.Notes, gone.Notes)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func joinNotes(a, b string) string {
	switch {
	case b == "":
		return a
	case a == "":
		return b
	}
	return a + "\n\n" + b
}
