package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// maxPrefetchRefs matches the matcher's bound on references followed.
const maxPrefetchRefs = 20

// Prefetch reads what the batch's messages will look up: their dedupe
// keys, thread references with the conversations they lead to, and the
// contacts and leads of their senders' addresses; and it reserves the ids
// of their conversations and messages. All in one go.
func (t *ingestTx) Prefetch(ctx context.Context, batch []*crm.Inbound) error {
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

// keyed scans a leading key column, then the columns the wrapped scanner's
// caller asks for.
type keyed struct {
	r   scanner
	key any
}

func (k keyed) Scan(dest ...any) error { return k.r.Scan(append([]any{k.key}, dest...)...) }
