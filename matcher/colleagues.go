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
// when it is linked to a customer and they write from that customer's
// corporate domain: a customer's buyer copying their boss introduces the
// boss. Addresses at free mail, at our own domains or at other companies
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
	domains := d.customerDomains(cust)
	for _, a := range addrs {
		if len(d.out.NewColleagues) == MaxColleagues {
			break
		}
		if !domains[crm.EmailDomain(a.Address)] {
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
	seen, n := map[string]bool{}, 0
	for _, list := range [][]crm.Address{d.in.To, d.in.Cc} {
		for _, a := range list {
			if n++; n > MaxRecipients {
				return out
			}
			e, ok := crm.NormalizeEmail(a.Address)
			if !ok || seen[e] || contains(d.f.emails, e) || d.m.corporateDomain(e) == "" {
				continue
			}
			seen[e] = true
			out = append(out, crm.Address{Name: a.Name, Address: e})
		}
	}
	return out
}

// customerDomains are the domains whose people are the customer's: its
// own, and the sender's corporate domain when the sender is its contact.
func (d *decision) customerDomains(c *crm.Customer) map[string]bool {
	set := map[string]bool{}
	if c.Domain != "" {
		set[strings.ToLower(c.Domain)] = true
	}
	if d.f.domain != "" && d.senderCustomer == c.ID {
		set[d.f.domain] = true
	}
	return set
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
