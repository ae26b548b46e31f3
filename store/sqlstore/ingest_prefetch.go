package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// maxPrefetchRefs matches the matcher's bound on references followed.
const maxPrefetchRefs = crm.MaxThreadRefs

// maxPrefetchRecipients matches the matcher's bound on the To and Cc
// addresses searched for a customer's colleagues (matcher.MaxRecipients).
const maxPrefetchRecipients = 100

// Prefetch reads what the batch's messages will look up: their dedupe
// keys, thread references with the conversations they lead to, the
// contacts and leads of their senders' addresses, and the contacts of the
// addresses they were also sent to (To, Cc); and it reserves the ids of
// their conversations and messages. All in one go.
func (t *ingestTx) Prefetch(ctx context.Context, batch []*crm.Inbound) error {
	k := keysOf(batch)
	var qs []Query
	var found []*crm.Message
	fresh := 0
	for ca, ids := range k.ext {
		ids = dedupe(ids)
		fresh += len(ids)
		qs = append(qs, t.messagesQuery(ca, ids, &found))
	}
	for ca, rs := range k.refs {
		qs = append(qs, t.refsQuery(ca, dedupe(rs)))
	}
	senders := dedupe(k.senders)
	if len(senders) > 0 {
		qs = append(qs, t.customersQuery(senders), t.leadsQuery(senders))
	}
	if domains := senderDomains(senders); len(domains) > 0 {
		qs = append(qs, t.domainsQuery(domains))
	}
	if all := dedupe(append(k.senders, k.recipients...)); len(all) > 0 {
		qs = append(qs, t.contactsQuery(all))
	}
	qs = append(qs, t.b.reserveQuery(fresh, convTable, msgTable), // duplicates leave a gap
		t.leadIDsQuery(senders, k.noEmail))
	if err := t.b.run(ctx, "prefetch", qs...); err != nil {
		return err
	}
	t.sortSenders()
	t.sortDomains()
	t.b.newLeads = t.unknownSenders(batch)
	return t.db.loadParts(direct(ctx), t.b.tx, found) // of duplicates: rare
}

// batchKeys are the values a batch's messages will look up.
type batchKeys struct {
	ext, refs  map[chanAccount][]string // dedupe keys, thread references
	senders    []string                 // normalized sender addresses
	recipients []string                 // normalized To and Cc addresses
	noEmail    int                      // messages without a sender address
}

func keysOf(batch []*crm.Inbound) *batchKeys {
	k := &batchKeys{ext: map[chanAccount][]string{}, refs: map[chanAccount][]string{}}
	for _, in := range batch {
		ca := chanAccount{in.Channel, in.Account}
		k.ext[ca] = append(k.ext[ca], in.ExternalID)
		for i, r := range in.References {
			if i < maxPrefetchRefs && r != "" {
				k.refs[ca] = append(k.refs[ca], r)
			}
		}
		for _, r := range []string{in.MessageRef, in.ThreadHint} { // a reply ingested before it names it; a guess
			if r != "" {
				k.refs[ca] = append(k.refs[ca], r)
			}
		}
		n := len(k.senders)
		k.senders = appendEmails(k.senders, []crm.Address{{Address: in.From.Address}, {Address: in.Person.Email}}, 2)
		if len(k.senders) == n {
			k.noEmail++
		}
		to := appendEmails(nil, in.To, maxPrefetchRecipients)
		k.recipients = appendEmails(k.recipients, in.Cc, maxPrefetchRecipients-len(to))
		k.recipients = append(k.recipients, to...)
	}
	return k
}

// appendEmails appends the valid addresses among the first n of list.
func appendEmails(dst []string, list []crm.Address, n int) []string {
	for i, a := range list {
		if i == n {
			break
		}
		if e, ok := crm.NormalizeEmail(a.Address); ok {
			dst = append(dst, e)
		}
	}
	return dst
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
