package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// importedCustomers are the statements that write new customers, with
// their claim time and countdown computed here from the same facts
// refreshPool reads (a new customer has no order, contract, activity or
// freeze), so none is left for the pool sweep; then their tag and domain
// index rows. It reads the rules, the owners' teams and the tags' labels.
func (db *DB) importedCustomers(ctx context.Context, tx *sql.Tx, cs []*crm.Customer, now time.Time) ([]Stmt, error) {
	if len(cs) == 0 {
		return nil, nil
	}
	rules, err := db.poolRules(ctx, tx, crm.RefCustomer)
	if err != nil {
		return nil, err
	}
	teams, err := db.ownerTeams(ctx, tx, cs)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, 0, len(cs))
	var labels, domains [][]any
	tags := map[string]int64{}
	for _, c := range cs {
		c.CreatedAt, c.UpdatedAt, c.ClaimedAt, c.PoolState = now, now, nil, crm.PoolState{}
		if c.OwnerID != nil {
			c.ClaimedAt = &now
		}
		f := crm.PoolFacts{Kind: crm.RefCustomer, OwnerID: c.OwnerID, Level: c.Level, CreatedAt: now, ClaimedAt: c.ClaimedAt}
		if c.OwnerID != nil {
			f.OwnerTeamID = teams[*c.OwnerID]
		}
		var rule any
		if due := crm.ReclaimOf(rules, f); due != nil {
			at, warn := due.At, due.WarnAt
			c.ReclaimAt, c.WarnAt, c.ReclaimRuleID, c.ReclaimWhy = &at, &warn, &due.RuleID, due.Why
			rule = due.RuleID
		}
		rows = append(rows, []any{c.ID, c.Name, c.ShortName, c.Kind, c.Industry, c.Level, c.Region, c.Source,
			c.Status, idArg(c.OwnerID), jsonArg(c.Tags), c.Address, c.Website, c.Domain, c.Notes, now, now,
			crm.CompanyKey(c.Name), jsonArg(c.Domains), c.Phone, nullTime(c.ClaimedAt), nullTime(c.ReclaimAt),
			nullTime(c.WarnAt), nullTime(c.WarnAt), rule, c.ReclaimWhy})
		for _, t := range c.Tags {
			tags[t] = 0
		}
		for _, d := range c.Domains {
			domains = append(domains, []any{c.ID, d})
		}
	}
	if err := db.labelsByName(ctx, tx, tags); err != nil {
		return nil, err
	}
	for _, c := range cs {
		for _, t := range c.Tags {
			labels = append(labels, []any{c.ID, tags[t]})
		}
	}
	out := db.insertStmts(`INSERT INTO customers (id, name, short_name, kind, industry, level, region, source,
		status, owner_id, tags, address, website, domain, notes, created_at, updated_at, name_key, domains, phone,
		claimed_at, reclaim_at, warn_at, warn_pending, reclaim_rule_id, reclaim_why, pool_checked)`, "", withChecked(rows))
	out = append(out, db.insertStmts(`INSERT INTO customer_labels (customer_id, label_id)`, " ON CONFLICT DO NOTHING", labels)...)
	return append(out, db.insertStmts(`INSERT INTO customer_domains (customer_id, domain)`, "", domains)...), nil
}

// withChecked ends each row with pool_checked = 1: its countdown is set.
func withChecked(rows [][]any) [][]any {
	for i := range rows {
		rows[i] = append(rows[i], 1)
	}
	return rows
}

// ownerTeams answers the team of each owner of cs, for the pool rules.
func (db *DB) ownerTeams(ctx context.Context, tx *sql.Tx, cs []*crm.Customer) (map[int64]*int64, error) {
	out := map[int64]*int64{}
	for _, c := range cs {
		if c.OwnerID == nil {
			continue
		}
		if _, ok := out[*c.OwnerID]; ok {
			continue
		}
		var team *int64
		if err := tx.QueryRowContext(ctx, `SELECT team_id FROM users WHERE id = $1`, *c.OwnerID).Scan(nid{&team}); err != nil {
			return nil, db.notFound(err, "Owner", "owner team")
		}
		out[*c.OwnerID] = team
	}
	return out, nil
}

// labelsByName fills the id of each label named in ids, creating the new
// ones: once per distinct tag of a chunk, not once per customer.
func (db *DB) labelsByName(ctx context.Context, tx *sql.Tx, ids map[string]int64) error {
	names := make([]string, 0, len(ids))
	for n := range ids {
		names = append(names, n)
	}
	got, err := db.labelIDs(ctx, tx, names)
	for i, n := range names {
		if err == nil {
			ids[n] = got[i]
		}
	}
	return err
}

// importedContacts are the statements that write new contacts and their
// email, phone, identity and label index rows.
func (db *DB) importedContacts(ctx context.Context, tx *sql.Tx, cts []*crm.Contact, now time.Time) ([]Stmt, error) {
	rows := make([][]any, 0, len(cts))
	var emails, phones, ids, labels [][]any
	tags := map[string]int64{}
	for _, c := range cts {
		c.CreatedAt, c.UpdatedAt = now, now
		rows = append(rows, []any{c.ID, idArg(c.CustomerID), c.Name, c.Title, jsonArg(c.Emails), jsonArg(c.Phones),
			jsonArg(c.Identities), dateArg(c.Birthday), c.Notes, idArg(c.OwnerID), jsonArg(c.Tags), now, now})
		for _, e := range c.Emails {
			emails = append(emails, []any{c.ID, e})
		}
		for _, p := range c.Phones {
			phones = append(phones, []any{c.ID, p})
		}
		for _, x := range c.Identities {
			ids = append(ids, []any{c.ID, x.Kind, x.Key, x.Value})
		}
		for _, t := range c.Tags {
			tags[t] = 0
		}
	}
	if err := db.labelsByName(ctx, tx, tags); err != nil {
		return nil, err
	}
	for _, c := range cts {
		for _, t := range c.Tags {
			labels = append(labels, []any{c.ID, tags[t]})
		}
	}
	out := db.insertStmts(`INSERT INTO contacts (id, customer_id, name, title, emails, phones, identities,
		birthday, notes, owner_id, tags, created_at, updated_at)`, "", rows)
	out = append(out, db.insertStmts(`INSERT INTO contact_emails (contact_id, email)`, "", emails)...)
	out = append(out, db.insertStmts(`INSERT INTO contact_phones (contact_id, phone)`, "", phones)...)
	out = append(out, db.insertStmts(`INSERT INTO contact_identities (contact_id, kind, key, value)`, "", ids)...)
	return append(out, db.insertStmts(`INSERT INTO contact_labels (contact_id, label_id)`, " ON CONFLICT DO NOTHING", labels)...), nil
}
