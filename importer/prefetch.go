package importer

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// prefetch looks up, in one query per rule, every value a chunk of rows
// will check (its content keys, company names, emails, phones, SKUs and
// order numbers), so that the rows ask the store nothing while they are
// decided: round trips, not rows, are what an import costs on PostgreSQL.
// Records the chunk itself makes are found through seen, as before.
func (e *engine) prefetch(ctx context.Context, rows []row) error {
	want := map[string]map[string]bool{}
	add := func(rule, v string) {
		if v == "" {
			return
		}
		if want[rule] == nil {
			want[rule] = map[string]bool{}
		}
		want[rule][v] = true
	}
	for _, r := range rows {
		add("row_key", r.key(e.job.Kind))
		v := r.vals
		switch e.job.Kind {
		case crm.ImportCustomers:
			add("customer:name", crm.CompanyKey(v["name"]))
			e.people("contact", v["contact_email"], v["contact_phone"], add)
		case crm.ImportContacts:
			add("customer:name", crm.CompanyKey(v["customer"]))
			e.people("contact", v["email"], v["phone"], add)
		case crm.ImportLeads:
			e.people("lead", v["email"], v["phone"], add)
		case crm.ImportProducts:
			add("product:sku", v["sku"])
		case crm.ImportOrders:
			add("order:number", v["number"])
			add("customer:name", crm.CompanyKey(v["customer"]))
			add("customer:name", crm.CompanyKey(v["dealer"]))
			add("product:sku", v["sku"])
		}
	}
	pre := map[string][]match{}
	for rule, set := range want {
		vals := make([]string, 0, len(set))
		for v := range set {
			vals = append(vals, v)
		}
		found, err := e.st.ImportMatches(ctx, rule, vals)
		if err != nil {
			return err
		}
		for v, ms := range found {
			for _, m := range ms {
				pre[rule+":"+v] = append(pre[rule+":"+v], match{id: m.ID, label: strings.TrimSpace(m.Label), row: m.Row})
			}
		}
	}
	e.pre = pre
	return nil
}

// people adds a row's emails and phones, normalized as the records keep
// them, to the lookups of prefix (contact, lead).
func (e *engine) people(prefix, emailCell, phoneCell string, add func(rule, v string)) {
	var p rowProblems
	for _, m := range emails(&p, "", emailCell) {
		add(prefix+":email", m)
	}
	for _, n := range phones(&p, "", phoneCell, e.job.Options.Region) {
		add(prefix+":phone", n)
	}
}

// lookup answers a duplicate key from the chunk's prefetch when there is
// one, else from the store.
func (e *engine) lookup(ctx context.Context, k dupKey, store func(context.Context, dupKey) ([]match, error)) ([]match, error) {
	if e.pre != nil {
		ms := make([]match, len(e.pre[k.key]))
		for i, m := range e.pre[k.key] {
			m.rule = k.rule
			ms[i] = m
		}
		return ms, nil
	}
	return store(ctx, k)
}
