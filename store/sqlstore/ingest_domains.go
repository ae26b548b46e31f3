package sqlstore

import (
	"cmp"
	"slices"

	"github.com/rapport-crm/rapport/crm"
)

// senderDomains are the mail domains of the batch's senders, whose
// customers the matcher looks up for every sender no contact knows: on
// PostgreSQL one round trip each inside the writer's transaction, unless
// read ahead for the batch.
func senderDomains(senders []string) []string {
	var out []string
	for _, e := range senders {
		if d := crm.EmailDomain(e); d != "" {
			out = append(out, d)
		}
	}
	return dedupe(out)
}

// domainsQuery reads the customers of the domains (by any of their
// domains, as CustomersByDomain finds them; sortDomains orders and bounds
// them).
func (t *ingestTx) domainsQuery(domains []string) Query {
	for _, d := range domains {
		t.b.domains[d] = []*crm.Customer{}
	}
	d := t.db.dialect
	return Query{SQL: d.ForEachKey("$1", "text", "x.domain, "+customerCols,
		"customer_domains x JOIN customers c ON c.id = x.customer_id", "x.domain = k.v"),
		Args: []any{d.ListArg(domains)},
		Row: func(r Scanner) error {
			var domain string
			c, err := scanCustomer(keyed{r, &domain})
			if err == nil {
				t.b.domains[domain] = append(t.b.domains[domain], c)
			}
			return err
		}}
}

// sortDomains orders the customers read by id and keeps matchLimit, as
// CustomersByDomain does.
func (t *ingestTx) sortDomains() {
	for d, cs := range t.b.domains {
		slices.SortFunc(cs, func(a, b *crm.Customer) int { return cmp.Compare(a.ID, b.ID) })
		t.b.domains[d] = cs[:min(len(cs), matchLimit)]
	}
}

// customersOfDomain answers from what the batch read ahead; ok is false
// for a domain it did not.
func (t *ingestTx) customersOfDomain(domain string) (cs []*crm.Customer, ok bool) {
	read, ok := t.b.domains[domain]
	if !ok {
		return nil, false
	}
	cs = make([]*crm.Customer, len(read))
	for i, c := range read {
		d := *c
		d.Tags = slices.Clone(c.Tags)
		cs[i] = &d
	}
	return cs, true
}
