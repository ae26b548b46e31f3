package sqlstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// maxPrefetchRefs matches the matcher's bound on references followed.
const maxPrefetchRefs = 20

// Prefetch reads what the batch's messages will look up: their dedupe
// keys, thread references with the conversations they lead to, and the
// contacts and leads of their senders' addresses; and it reserves the ids
// of their conversations and messages. All in one go.
func (t *ingestTx) Prefetch(ctx context.Context, batch []*crm.Inbound) error {
	t.b.size = len(batch)
	ext, refs := map[chanAccount][]string{}, map[chanAccount][]string{}
	var emails []string
	noEmail := 0
	for _, in := range batch {
		ca := chanAccount{in.Channel, in.Account}
		ext[ca] = append(ext[ca], in.ExternalID)
		for i, r := range in.References {
			if i < maxPrefetchRefs && r != "" {
				refs[ca] = append(refs[ca], r)
			}
		}
		n := len(emails)
		for _, a := range []string{in.From.Address, in.Person.Email} {
			if e, ok := crm.NormalizeEmail(a); ok {
				emails = append(emails, e)
			}
		}
		if len(emails) == n {
			noEmail++
		}
	}
	var qs []Query
	var found []*crm.Message
	fresh := 0
	for ca, ids := range ext {
		ids = dedupe(ids)
		fresh += len(ids)
		qs = append(qs, t.messagesQuery(ca, ids, &found))
	}
	for ca, rs := range refs {
		qs = append(qs, t.refsQuery(ca, dedupe(rs)))
	}
	if emails = dedupe(emails); len(emails) > 0 {
		qs = append(qs, t.contactsQuery(emails), t.customersQuery(emails), t.leadsQuery(emails))
	}
	qs = append(qs, t.b.reserveQuery(fresh, convTable, msgTable), // duplicates leave a gap
		t.leadIDsQuery(emails, noEmail))
	if err := t.b.run(ctx, "prefetch", qs...); err != nil {
		return err
	}
	t.sortSenders()
	t.b.newLeads = t.unknownSenders(batch)
	return t.db.loadParts(direct(ctx), t.b.tx, found) // of duplicates: rare
}

type chanAccount struct{ channel, account string }

// messagesQuery reads the messages stored under ids into the overlay
// (absent ones as nil) and adds them to found.
func (t *ingestTx) messagesQuery(ca chanAccount, ids []string, found *[]*crm.Message) Query {
	for _, id := range ids {
		t.b.msgs[tripleKey{ca.channel, ca.account, id}] = nil
	}
	d := t.db.dialect
	return Query{SQL: d.ForEachKey("$3", "text", messageCols, "messages m",
		"m.channel = $1 AND m.account = $2 AND m.external_id = k.v"),
		Args: []any{ca.channel, ca.account, d.ListArg(ids)},
		Row: func(r Scanner) error {
			m, err := scanMessage(r)
			if err == nil {
				t.b.msgs[tripleKey{ca.channel, ca.account, m.ExternalID}] = m
				*found = append(*found, m)
			}
			return err
		}}
}

// refsQuery reads the stored references among refs, with the
// conversations they lead to.
func (t *ingestTx) refsQuery(ca chanAccount, refs []string) Query {
	for _, r := range refs {
		t.b.refs[tripleKey{ca.channel, ca.account, r}] = 0
	}
	d := t.db.dialect
	return Query{SQL: d.ForEachKey("$3", "text", "r.ref, "+conversationCols,
		"conversation_refs r JOIN conversations v ON v.id = r.conversation_id",
		"r.channel = $1 AND r.account = $2 AND r.ref = k.v"),
		Args: []any{ca.channel, ca.account, d.ListArg(refs)},
		Row: func(r Scanner) error {
			var ref string
			c, err := scanConversation(keyed{r, &ref})
			if err == nil {
				t.b.refs[tripleKey{ca.channel, ca.account, ref}] = c.ID
				t.b.convs[c.ID] = c
			}
			return err
		}}
}

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

// keyed scans a leading key column, then the columns the wrapped scanner's
// caller asks for.
type keyed struct {
	r   scanner
	key any
}

func (k keyed) Scan(dest ...any) error { return k.r.Scan(append([]any{k.key}, dest...)...) }
