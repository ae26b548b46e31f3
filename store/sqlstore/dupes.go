package sqlstore

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// FindDuplicates (查重, and the public search 公共检索) returns the leads,
// contacts and customers that match any field of q, whoever owns them: a rep
// must learn that a person is someone's already before creating them twice.
// Each carries a label, the rule and the matched value (the asker's own
// words), its owner and whether v may open it; a record v may not see is
// masked (crm.DupMatch), never shown.
func (db *DB) FindDuplicates(ctx context.Context, v crm.Viewer, q crm.DupQuery) ([]crm.DupMatch, error) {
	if q.Empty() {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "Give a name, phone, email or company to check.",
			Fields: map[string]string{"name": "give at least one of name, phone, email, company"}}
	}
	q = splitQuery(q, db.region)
	d := &dupSet{seen: map[crm.Ref]bool{}}
	checks := []func(context.Context, crm.DupQuery, *dupSet) error{
		db.dupsByEmail, db.dupsByPhone, db.dupsByCompany, db.dupsByName, db.dupsByFragment}
	for _, check := range checks {
		if err := check(ctx, q, d); err != nil {
			return nil, err
		}
	}
	return db.ownersOf(ctx, v, d.out)
}

// dupSet collects candidates, each record once, under its strongest rule.
type dupSet struct {
	seen map[crm.Ref]bool
	out  []crm.DupMatch
}

func (d *dupSet) add(kind string, id int64, rule, value, label string, owner *int64) {
	r := crm.Ref{Kind: kind, ID: id}
	if !d.seen[r] {
		d.seen[r] = true
		d.out = append(d.out, crm.DupMatch{OwnerID: owner,
			Candidate: crm.Candidate{Kind: kind, ID: id, Rule: rule, Value: value, Label: label}})
	}
}

func (db *DB) dupsByEmail(ctx context.Context, q crm.DupQuery, d *dupSet) error {
	email, ok := crm.NormalizeEmail(q.Email)
	if !ok {
		return nil
	}
	return db.dupsByContact(ctx, d, crm.RuleEmail, email, db.ContactsByEmail, db.LeadsByEmail)
}

func (db *DB) dupsByPhone(ctx context.Context, q crm.DupQuery, d *dupSet) error {
	phone, ok := crm.NormalizePhone(q.Phone, db.region)
	if !ok {
		return nil
	}
	return db.dupsByContact(ctx, d, crm.RulePhone, phone, db.ContactsByPhone, db.LeadsByPhone)
}

func (db *DB) dupsByContact(ctx context.Context, d *dupSet, rule, val string,
	contacts func(context.Context, crm.Viewer, string) ([]*crm.Contact, error),
	leads func(context.Context, string) ([]*crm.Lead, error)) error {
	cs, err := contacts(ctx, crm.System, val)
	if err != nil {
		return err
	}
	for _, c := range cs {
		d.add(crm.RefContact, c.ID, rule, val, c.Name, c.OwnerID)
	}
	ls, err := leads(ctx, val)
	for _, l := range ls {
		d.add(crm.RefLead, l.ID, rule, val, leadName(l), l.OwnerID)
	}
	return err
}

func (db *DB) dupsByCompany(ctx context.Context, q crm.DupQuery, d *dupSet) error {
	key := crm.CompanyKey(q.Company)
	if key == "" {
		return nil
	}
	cs, err := db.CustomersByNameKey(ctx, key)
	if err != nil {
		return err
	}
	for _, c := range cs {
		d.add(crm.RefCustomer, c.ID, crm.RuleCompany, q.Company, c.Name, c.OwnerID)
	}
	ls, err := db.LeadsByCompanyKey(ctx, key)
	for _, l := range ls {
		d.add(crm.RefLead, l.ID, crm.RuleCompany, q.Company, leadName(l), l.OwnerID)
	}
	return err
}

// dupsByName matches people by their exact name: a weak signal (张伟 is a
// common name), listed last and labelled as such.
func (db *DB) dupsByName(ctx context.Context, q crm.DupQuery, d *dupSet) error {
	name := strings.TrimSpace(q.Name)
	if name == "" {
		return nil
	}
	err := db.view(ctx, func(qr querier) error {
		cs, err := queryAll(ctx, qr, scanContact, `SELECT `+contactCols+` FROM contacts c WHERE c.name = $1
			ORDER BY c.id LIMIT `+itoa(matchLimit), name)
		if err != nil {
			return db.wrap(err, "contacts by name")
		}
		for _, c := range cs {
			d.add(crm.RefContact, c.ID, "name", name, c.Name, c.OwnerID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	ls, err := db.leadsWhere(ctx, "l.name = $1", name)
	for _, l := range ls {
		d.add(crm.RefLead, l.ID, "name", name, leadName(l), l.OwnerID)
	}
	return err
}

func leadName(l *crm.Lead) string {
	if l.Company != "" && l.Name != "" {
		return l.Name + " · " + l.Company
	}
	return l.Name + l.Company
}
