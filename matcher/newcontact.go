package matcher

import (
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// newContact asks Ingest to create the sender as a contact of cust, whose
// corporate domain the sender writes from. Never for automated mail (a
// bounce from MAILER-DAEMON@customer is no person) nor when a contact was
// found.
func (d *decision) newContact(cust *crm.Customer) {
	if d.out.ContactID != 0 || d.in.Automated || len(d.f.emails) == 0 {
		return
	}
	id := cust.ID
	c := &crm.Contact{
		CustomerID: &id,
		Name:       clip(firstOf(d.in.From.Name, d.in.Person.Name, localPart(d.f.emails[0])), 200),
		Title:      clip(d.in.Person.Title, 200),
		Emails:     []string{d.f.emails[0]},
		Identities: d.identities(),
		OwnerID:    cust.OwnerID,
	}
	if d.f.stated != "" {
		c.Phones = []string{d.f.stated}
	}
	d.out.NewContact = c
}

func localPart(email string) string {
	local, _, _ := strings.Cut(email, "@")
	return local
}

func firstOf(list ...string) string {
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// clip cuts s to n characters, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
