package importer

import (
	"context"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// dupKey is one duplicate key of a record (查重): a company name key, an
// email or a phone, with the rule's name for the reason.
type dupKey struct{ key, rule string }

// find returns the records matching any of keys: first what this pass made
// or filled, then what the store holds, each record once.
func (e *engine) find(ctx context.Context, keys []dupKey, lookup func(context.Context, dupKey) ([]match, error)) ([]match, error) {
	var out []match
	seen := map[int64]bool{}
	for _, k := range keys {
		if m, ok := e.seen[k.key]; ok {
			return []match{m}, nil
		}
		ms, err := e.lookup(ctx, k, lookup)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if !seen[m.id] {
				seen[m.id] = true
				out = append(out, m)
			}
		}
		if len(out) > 0 {
			return out, nil // the strongest key that matches decides
		}
	}
	return out, nil
}

func companyKeys(name string) []dupKey {
	if k := crm.CompanyKey(name); k != "" {
		return []dupKey{{"customer:name:" + k, "company name"}}
	}
	return nil
}

func (e *engine) customersNamed(ctx context.Context, k dupKey) ([]match, error) {
	cs, err := e.st.CustomersByNameKey(ctx, k.key[len("customer:name:"):])
	out := make([]match, 0, len(cs))
	for _, c := range cs {
		out = append(out, match{id: c.ID, label: c.Name, rule: k.rule})
	}
	return out, err
}

func personKeys(prefix string, emails, phones []string) []dupKey {
	var out []dupKey
	for _, m := range emails {
		out = append(out, dupKey{prefix + ":email:" + m, "email " + m})
	}
	for _, p := range phones {
		out = append(out, dupKey{prefix + ":phone:" + p, "phone " + p})
	}
	return out
}

func (e *engine) contactsBy(ctx context.Context, k dupKey) ([]match, error) {
	var cs []*crm.Contact
	var err error
	if v, ok := cutKey(k.key, "contact:email:"); ok {
		cs, err = e.st.ContactsByEmail(ctx, crm.System, v)
	} else if v, ok := cutKey(k.key, "contact:phone:"); ok {
		cs, err = e.st.ContactsByPhone(ctx, crm.System, v)
	}
	out := make([]match, 0, len(cs))
	for _, c := range cs {
		out = append(out, match{id: c.ID, label: c.Name, rule: k.rule})
	}
	return out, err
}

func (e *engine) leadsBy(ctx context.Context, k dupKey) ([]match, error) {
	var ls []*crm.Lead
	var err error
	if v, ok := cutKey(k.key, "lead:email:"); ok {
		ls, err = e.st.LeadsByEmail(ctx, v)
	} else if v, ok := cutKey(k.key, "lead:phone:"); ok {
		ls, err = e.st.LeadsByPhone(ctx, v)
	}
	out := make([]match, 0, len(ls))
	for _, l := range ls {
		out = append(out, match{id: l.ID, label: strings.TrimSpace(l.Name + " " + l.Company), rule: k.rule})
	}
	return out, err
}

func cutKey(s, prefix string) (string, bool) {
	if len(s) > len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return "", false
}

// customerRow makes or matches the customer, then its contact person.
func (e *engine) customerRow(ctx context.Context, r row, key string) ([]crm.ImportRow, error) {
	var p rowProblems
	c, ct := customerOf(r, e.job.Options.Region, &p)
	c.OwnerID = e.owner(r, &p)
	if len(p) > 0 {
		return e.failed(r, key, p), nil
	}
	keys := companyKeys(c.Name)
	ms, err := e.find(ctx, keys, e.customersNamed)
	if err != nil {
		return nil, err
	}
	x, id, err := e.apply(ctx, r, key, ms, e.customerOps(c))
	if err != nil {
		return nil, err
	}
	e.remember(keys, x, id, c.Name)
	out := []crm.ImportRow{x}
	if ct == nil || x.Action == crm.RowFailed {
		return out, nil
	}
	ct.OwnerID = c.OwnerID
	if id != 0 {
		ct.CustomerID = &id
	}
	y, err := e.contact(ctx, r, key, ct)
	return append(out, y), err
}

func (e *engine) customerOps(c *crm.Customer) ops {
	return ops{kind: crm.RefCustomer, capKind: crm.RefCustomer, owner: c.OwnerID,
		create: func(ctx context.Context) (int64, *time.Time, error) {
			id, err := e.createCustomer(ctx, c)
			return id, &c.UpdatedAt, err
		},
		load: func(ctx context.Context, id int64) (any, error) { return e.st.Customer(ctx, crm.System, id) },
		update: func(ctx context.Context, old any) (time.Time, error) {
			o := old.(*crm.Customer)
			if err := e.takeCap(ctx, crm.RefCustomer, o.OwnerID, c.OwnerID); err != nil {
				return time.Time{}, err
			}
			fillCustomer(o, c)
			err := e.st.UpdateCustomer(ctx, crm.System, o)
			return o.UpdatedAt, err
		}}
}

// contact makes or matches a contact by its emails, then its phones.
func (e *engine) contact(ctx context.Context, r row, key string, ct *crm.Contact) (crm.ImportRow, error) {
	keys := personKeys("contact", ct.Emails, ct.Phones)
	ms, err := e.find(ctx, keys, e.contactsBy)
	if err != nil {
		return crm.ImportRow{}, err
	}
	x, id, err := e.apply(ctx, r, key, ms, ops{kind: crm.RefContact,
		create: func(ctx context.Context) (int64, *time.Time, error) {
			id, err := e.createContact(ctx, ct)
			return id, &ct.UpdatedAt, err
		},
		load: func(ctx context.Context, id int64) (any, error) { return e.st.Contact(ctx, crm.System, id) },
		update: func(ctx context.Context, old any) (time.Time, error) {
			o := old.(*crm.Contact)
			fillContact(o, ct)
			err := e.st.UpdateContact(ctx, crm.System, o)
			return o.UpdatedAt, err
		}})
	e.remember(keys, x, id, ct.Name)
	return x, err
}

// contactRow resolves the contact's customer by name (a customer imported
// before, or in the same file's earlier rows of a customer import), then
// makes or matches the contact.
func (e *engine) contactRow(ctx context.Context, r row, key string) ([]crm.ImportRow, error) {
	var p rowProblems
	ct := contactOf(r, e.job.Options.Region, &p)
	ct.OwnerID = e.owner(r, &p)
	if name := r.vals["customer"]; name != "" {
		ms, err := e.find(ctx, companyKeys(name), e.customersNamed)
		if err != nil {
			return nil, err
		}
		switch {
		case len(ms) == 0:
			p.add("customer", "no customer named "+name+" (import the customers first)")
		case len(ms) > 1:
			p.add("customer", name+" matches "+itoa(len(ms))+" customers ("+ms[0].String()+", "+ms[1].String()+"…)")
		default:
			ct.CustomerID = idOf(ms[0])
		}
	}
	if len(p) > 0 {
		return e.failed(r, key, p), nil
	}
	x, err := e.contact(ctx, r, key, ct)
	return []crm.ImportRow{x}, err
}

func (e *engine) leadRow(ctx context.Context, r row, key string) ([]crm.ImportRow, error) {
	var p rowProblems
	l := leadOf(r, e.job.Options.Region, &p)
	l.OwnerID = e.owner(r, &p)
	if len(p) > 0 {
		return e.failed(r, key, p), nil
	}
	var em, ph []string
	if l.Email != "" {
		em = []string{l.Email}
	}
	if l.Phone != "" {
		ph = []string{l.Phone}
	}
	keys := personKeys("lead", em, ph)
	ms, err := e.find(ctx, keys, e.leadsBy)
	if err != nil {
		return nil, err
	}
	x, id, err := e.apply(ctx, r, key, ms, ops{kind: crm.RefLead, capKind: openLead(l), owner: l.OwnerID,
		create: func(ctx context.Context) (int64, *time.Time, error) {
			err := e.st.CreateLead(ctx, l)
			return l.ID, &l.UpdatedAt, err
		},
		load: func(ctx context.Context, id int64) (any, error) { return e.st.Lead(ctx, crm.System, id) },
		update: func(ctx context.Context, old any) (time.Time, error) {
			o := old.(*crm.Lead)
			if err := e.takeCap(ctx, openLead(o), o.OwnerID, l.OwnerID); err != nil {
				return time.Time{}, err
			}
			fillLead(o, l)
			err := e.st.UpdateLead(ctx, crm.System, o)
			return o.UpdatedAt, err
		}})
	e.remember(keys, x, id, l.Name)
	return []crm.ImportRow{x}, err
}
