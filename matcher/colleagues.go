package matcher

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

const (
	// MaxRecipients bounds the To and Cc addresses one message is searched
	// for colleagues: a mail to a whole company costs no more than a normal
	// one. (The stores read ahead the same number.)
	MaxRecipients = 100
	// MaxColleagues bounds the contacts one message creates from its
	// co-recipients, so that it cannot flood the contact list.
	MaxColleagues = 20
)

// colleagues makes contacts of the people the message was also sent to,
// when it is linked to a customer and their addresses are at that
// customer's corporate domain: a customer's buyer copying their boss
// introduces the boss. Addresses at free mail, at our own domains or at other companies
// are only recorded on the message, as is every co-recipient of a message
// that names no customer or is under review: whose colleagues they are is
// then unknown.
func (d *decision) colleagues(ctx context.Context) error {
	if d.out.CustomerID == 0 || d.out.NeedsReview || d.in.Automated {
		return nil
	}
	addrs := d.coRecipients()
	if len(addrs) == 0 {
		return nil
	}
	cust, err := d.customerRecord(ctx)
	if err != nil {
		return err
	}
	own, sender := d.customerDomains(cust)
	for _, a := range addrs {
		if len(d.out.NewColleagues) == MaxColleagues {
			break
		}
		if dom := crm.EmailDomain(a.Address); dom != own && dom != sender {
			continue
		}
		cs, err := d.r.ContactsByEmail(ctx, crm.System, a.Address)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			d.out.NewColleagues = append(d.out.NewColleagues, colleague(cust, a))
		}
	}
	return nil
}

// coRecipients are the message's To then Cc addresses, normalized, at a
// corporate domain (not free mail, not ours), each once, without the
// sender's own.
func (d *decision) coRecipients() []crm.Address {
	var out []crm.Address
	n := 0
	for _, list := range [][]crm.Address{d.in.To, d.in.Cc} {
		for _, a := range list {
			if n++; n > MaxRecipients {
				return out
			}
			e, ok := crm.NormalizeEmail(a.Address)
			if !ok || hasAddress(out, e) || contains(d.f.emails, e) || d.m.corporateDomain(e) == "" {
				continue
			}
			out = append(out, crm.Address{Name: a.Name, Address: e})
		}
	}
	return out
}

func hasAddress(list []crm.Address, e string) bool {
	for _, a := range list {
		if a.Address == e {
			return true
		}
	}
	return false
}

// customerDomains are the domains whose people are the customer's: its
// own, and the sender's corporate domain when the sender is its contact
// ("" when there is none; no address has an empty domain).
func (d *decision) customerDomains(c *crm.Customer) (own, sender string) {
	if d.senderCustomer == c.ID {
		sender = d.f.domain
	}
	return strings.ToLower(c.Domain), sender
}

// colleague is the new contact for a co-recipient: named by the display
// name, else the address's local part; owned by the customer's owner.
func colleague(c *crm.Customer, a crm.Address) *crm.Contact {
	id := c.ID
	return &crm.Contact{
		CustomerID: &id,
		Name:       clip(firstOf(a.Name, localPart(a.Address)), 200),
		Emails:     []string{a.Address},
		OwnerID:    c.OwnerID,
	}
}
