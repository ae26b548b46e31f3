package matcher

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// owner sets who should answer: the owner of the linked contact, else of
// the customer, else of the lead. Under review nobody is named: whose the
// message is, is the open question.
func (d *decision) owner(ctx context.Context) error {
	switch {
	case d.out.NeedsReview:
		return nil
	case d.out.ContactID != 0 && d.contactOwner != nil:
		d.out.OwnerID = d.contactOwner
	case d.out.CustomerID != 0:
		c, err := d.customerRecord(ctx)
		if err != nil {
			return err
		}
		d.out.OwnerID = c.OwnerID
	case d.out.LeadID != 0:
		l, err := d.r.Lead(ctx, crm.System, d.out.LeadID)
		if err != nil {
			return err
		}
		d.out.OwnerID = l.OwnerID
	}
	return nil
}

// customerRecord returns the linked customer, read once per decision.
func (d *decision) customerRecord(ctx context.Context) (*crm.Customer, error) {
	if d.cust != nil && d.cust.ID == d.out.CustomerID {
		return d.cust, nil
	}
	c, err := d.r.Customer(ctx, crm.System, d.out.CustomerID)
	if err != nil {
		return nil, err
	}
	d.cust = c
	return c, nil
}
