package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.LeadConverter = (*DB)(nil)

// ConvertLead implements crm.LeadConverter in one transaction.
func (db *DB) ConvertLead(ctx context.Context, v crm.Viewer, id int64, c crm.LeadConversion) (out crm.LeadConversion, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		l, err := db.Lead(ctx, v, id)
		if err != nil {
			return err
		}
		if done, err := db.LeadConverted(ctx, id); err != nil || done.CustomerID != nil {
			return errors.Join(err, crm.Errorf(crm.ECONFLICT, "This lead was converted already."))
		}
		if out.CustomerID, err = db.conversionCustomer(ctx, v, l, c.CustomerID); err != nil {
			return err
		}
		if out.ContactID, err = db.conversionContact(ctx, v, l, *out.CustomerID, c.ContactID); err != nil {
			return err
		}
		return db.finishConversion(ctx, tx, v, l, out)
	})
	return out, err
}

// conversionCustomer is the chosen customer (which v must see) or a new
// one from the lead.
func (db *DB) conversionCustomer(ctx context.Context, v crm.Viewer, l *crm.Lead, id *int64) (*int64, error) {
	if id != nil {
		cu, err := db.Customer(ctx, v, *id)
		if err != nil {
			return nil, err
		}
		if tags, more := withTags(cu.Tags, l.Tags); more {
			cu.Tags = tags
			if err := db.UpdateCustomer(ctx, crm.System, cu); err != nil {
				return nil, err
			}
		}
		return &cu.ID, nil
	}
	cu := &crm.Customer{Name: firstOfStrings(l.Company, l.Name, l.Email, l.Phone), Status: crm.CustomerPotential,
		Source: l.Source.Channel, OwnerID: l.OwnerID, Tags: l.Tags}
	if err := db.CreateCustomer(ctx, cu); err != nil {
		return nil, err
	}
	return &cu.ID, nil
}

// conversionContact is the chosen contact (v must see it, and it must be
// the customer's or nobody's) or a new one from the lead.
func (db *DB) conversionContact(ctx context.Context, v crm.Viewer, l *crm.Lead, customer int64, id *int64) (*int64, error) {
	if id != nil {
		k, err := db.Contact(ctx, v, *id)
		if err != nil {
			return nil, err
		}
		if k.CustomerID != nil && *k.CustomerID != customer {
			return nil, &crm.Error{Code: crm.EINVALID, Message: "Some fields are invalid.",
				Fields: map[string]string{"contact_id": "is another customer's contact"}}
		}
		tags, more := withTags(k.Tags, l.Tags)
		if k.CustomerID == nil || more {
			k.CustomerID, k.Tags = &customer, tags
			if err := db.UpdateContact(ctx, crm.System, k); err != nil {
				return nil, err
			}
		}
		return &k.ID, nil
	}
	k := &crm.Contact{Name: firstOfStrings(l.Name, l.Email, l.Phone, l.Company), Title: l.Title, CustomerID: &customer,
		OwnerID: l.OwnerID, Tags: l.Tags}
	if l.Email != "" {
		k.Emails = []string{l.Email}
	}
	if l.Phone != "" {
		k.Phones = []string{l.Phone}
	}
	if err := db.CreateContact(ctx, k); err != nil {
		return nil, err
	}
	return &k.ID, nil
}

// withTags is have with the labels of add it lacks, and whether there
// were any: a converted lead's labels go with it to its customer and
// contact, new or existing.
func withTags(have, add []string) ([]string, bool) {
	out := append([]string(nil), have...)
	for _, t := range add {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, len(out) > len(have)
}

// finishConversion files the lead's conversations under the contact and
// customer (a conversation keeps its lead, so the lead's page still lists
// it), marks the lead converted, records the conversion (where to, by
// whom, when: the one record of it, read by the lead page, the timelines
// and the funnel) and audits the move on both records.
func (db *DB) finishConversion(ctx context.Context, tx *sql.Tx, v crm.Viewer, l *crm.Lead, out crm.LeadConversion) error {
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET contact_id = COALESCE(contact_id, $1),
		customer_id = COALESCE(customer_id, $2) WHERE lead_id = $3`, *out.ContactID, *out.CustomerID, l.ID); err != nil {
		return db.wrap(err, "file conversations")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE leads SET status = 'converted' WHERE id = $1`, l.ID); err != nil {
		return db.wrap(err, "mark converted")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO lead_conversions (lead_id, customer_id, contact_id, converted_by,
		converted_at) VALUES ($1, $2, $3, $4, $5)`, l.ID, *out.CustomerID, *out.ContactID, idArg(viewerID(v)),
		db.now()); err != nil {
		return db.conflict(err, "convert lead", "This lead was converted already.")
	}
	detail := "customer:" + strconv.FormatInt(*out.CustomerID, 10) + " contact:" + strconv.FormatInt(*out.ContactID, 10)
	if err := db.audit(ctx, v, "lead.convert", crm.Ref{Kind: crm.RefLead, ID: l.ID}, detail); err != nil {
		return err
	}
	return db.audit(ctx, v, "lead.convert", crm.Ref{Kind: crm.RefCustomer, ID: *out.CustomerID}, "lead:"+strconv.FormatInt(l.ID, 10))
}

// LeadConverted implements crm.LeadConverter from lead_conversions.
func (db *DB) LeadConverted(ctx context.Context, id int64) (c crm.LeadConversion, err error) {
	err = db.view(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT c.customer_id, c.contact_id FROM leads l
			LEFT JOIN lead_conversions c ON c.lead_id = l.id WHERE l.id = $1`, id).Scan(&c.CustomerID, &c.ContactID)
		if errors.Is(err, sql.ErrNoRows) {
			return crm.Errorf(crm.ENOTFOUND, "No such lead.")
		}
		return db.wrap(err, "lead conversion")
	})
	return c, err
}

// firstOfStrings is the first non-empty string.
func firstOfStrings(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
