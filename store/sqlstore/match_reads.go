package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// The matcher's lookups. Each is one indexed query, so that a decision costs
// the same with ten thousand contacts as with a million. They return at most
// matchLimit rows: more candidates than that is ambiguous anyway.
const matchLimit = 20

// TaskByNumber returns the task with this reference number. ENOTFOUND.
func (db *DB) TaskByNumber(ctx context.Context, number string) (t *crm.Task, err error) {
	var id int64
	err = db.view(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT id FROM tasks WHERE number = $1`, number).Scan(&id)
		return db.notFound(err, "Task", "task by number")
	})
	if err != nil {
		return nil, err
	}
	return db.Task(ctx, crm.System, id)
}

// CustomersByDomain returns the customers one of whose corporate email
// domains is domain (lower case).
func (db *DB) CustomersByDomain(ctx context.Context, domain string) ([]*crm.Customer, error) {
	return db.customersWhere(ctx, "c.id IN (SELECT customer_id FROM customer_domains WHERE domain = $1)", domain)
}

// CustomersByNameKey returns the customers whose crm.CompanyKey is key.
func (db *DB) CustomersByNameKey(ctx context.Context, key string) ([]*crm.Customer, error) {
	if key == "" {
		return []*crm.Customer{}, nil
	}
	// The name_key <> '' term lets SQLite use the partial index.
	return db.customersWhere(ctx, "c.name_key = $1 AND c.name_key <> ''", key)
}

func (db *DB) customersWhere(ctx context.Context, cond string, arg any) (cs []*crm.Customer, err error) {
	err = db.view(ctx, func(q querier) error {
		cs, err = queryAll(ctx, q, scanCustomer, `SELECT `+customerCols+` FROM customers c WHERE `+cond+
			` ORDER BY c.id LIMIT `+itoa(matchLimit), arg)
		return db.wrap(err, "customers by "+cond)
	})
	return cs, err
}

// LeadsByEmail returns the leads with this address.
func (db *DB) LeadsByEmail(ctx context.Context, email string) ([]*crm.Lead, error) {
	return db.leadsWhere(ctx, "l.email = $1", email)
}

// LeadsByPhone returns the leads with this E.164 number.
func (db *DB) LeadsByPhone(ctx context.Context, e164 string) ([]*crm.Lead, error) {
	return db.leadsWhere(ctx, "l.phone = $1", e164)
}

// LeadsByCompanyKey returns the leads whose company's crm.CompanyKey is key.
func (db *DB) LeadsByCompanyKey(ctx context.Context, key string) ([]*crm.Lead, error) {
	if key == "" {
		return []*crm.Lead{}, nil
	}
	return db.leadsWhere(ctx, "l.company_key = $1 AND l.company_key <> ''", key)
}

func (db *DB) leadsWhere(ctx context.Context, cond string, arg any) (ls []*crm.Lead, err error) {
	if arg == "" {
		return []*crm.Lead{}, nil
	}
	err = db.view(ctx, func(q querier) error {
		ls, err = queryAll(ctx, q, scanLead, `SELECT `+leadCols+` FROM leads l WHERE `+cond+
			` ORDER BY l.id LIMIT `+itoa(matchLimit), arg)
		return db.wrap(err, "leads by "+cond)
	})
	return ls, err
}
