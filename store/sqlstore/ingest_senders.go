package sqlstore

import (
	"cmp"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// contactsQuery reads the contacts of the addresses, as ContactsByEmail
// returns them to an admin (sortSenders orders them).
func (t *ingestTx) contactsQuery(emails []string) Query {
	for _, e := range emails {
		t.b.contacts[e] = []*crm.Contact{}
	}
	d := t.db.dialect
	return Query{SQL: d.ForEachKey("$1", "text", "x.email, "+contactCols,
		"contact_emails x JOIN contacts c ON c.id = x.contact_id", "x.email = k.v"),
		Args: []any{d.ListArg(emails)},
		Row: func(r Scanner) error {
			var e string
			c, err := scanContact(keyed{r, &e})
			if err == nil {
				t.b.contacts[e] = append(t.b.contacts[e], c)
			}
			return err
		}}
}

// customersQuery reads the customers of the contacts of the addresses,
// whose owner answers for a contact without one.
func (t *ingestTx) customersQuery(emails []string) Query {
	d := t.db.dialect
	return Query{SQL: d.ForEachKey("$1", "text", customerCols,
		"contact_emails x JOIN contacts ct ON ct.id = x.contact_id JOIN customers c ON c.id = ct.customer_id",
		"x.email = k.v"),
		Args: []any{d.ListArg(emails)},
		Row: func(r Scanner) error {
			c, err := scanCustomer(r)
			if err == nil {
				t.b.customers[c.ID] = c
			}
			return err
		}}
}

// leadsQuery reads the leads of the addresses, as LeadsByEmail returns
// them (sortSenders orders and bounds them).
func (t *ingestTx) leadsQuery(emails []string) Query {
	for _, e := range emails {
		t.b.leads[e] = []*crm.Lead{}
	}
	d := t.db.dialect
	return Query{SQL: d.ForEachKey("$1", "text", leadCols, "leads l", "l.email = k.v"),
		Args: []any{d.ListArg(emails)},
		Row: func(r Scanner) error {
			l, err := scanLead(r)
			if err == nil {
				t.b.leads[l.Email] = append(t.b.leads[l.Email], l)
			}
			return err
		}}
}

// sortSenders orders the contacts and leads read by id, as the one-address
// lookups do, and keeps matchLimit leads.
func (t *ingestTx) sortSenders() {
	byID := func(a, b *crm.Contact) int { return cmp.Compare(a.ID, b.ID) }
	for _, cs := range t.b.contacts {
		slices.SortFunc(cs, byID)
	}
	for e, ls := range t.b.leads {
		slices.SortFunc(ls, func(a, b *crm.Lead) int { return cmp.Compare(a.ID, b.ID) })
		t.b.leads[e] = ls[:min(len(ls), matchLimit)]
	}
}

// leadIDsQuery reserves an id for each lead the batch may create: one for
// each address no contact or lead has, one for each message without one.
func (t *ingestTx) leadIDsQuery(emails []string, noEmail int) Query {
	d := t.db.dialect
	unknown := d.ForEachKey("$1", "text", "k.v", "(SELECT 1) AS one",
		"NOT EXISTS (SELECT 1 FROM contact_emails x WHERE x.email = k.v) AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.email = k.v)")
	return t.b.reserveQueryFor("(SELECT count(*) FROM ("+unknown+") AS u) + CAST($2 AS INTEGER)",
		[]any{d.ListArg(nonNil(emails)), noEmail}, leadTable)
}

// unknownSenders counts the messages whose sender no contact or lead
// knows by address: those that may create a lead.
func (t *ingestTx) unknownSenders(batch []*crm.Inbound) int {
	n := 0
	for _, in := range batch {
		known := false
		for _, a := range []string{in.From.Address, in.Person.Email} {
			if e, ok := crm.NormalizeEmail(a); ok {
				known = known || len(t.b.contacts[e]) > 0 || len(t.b.leads[e]) > 0
			}
		}
		if !known {
			n++
		}
	}
	return n
}
