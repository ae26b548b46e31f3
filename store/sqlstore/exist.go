package sqlstore

import (
	"context"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// exists names one referenced row that must be there.
type exists struct {
	field string // the input field, for the EINVALID message
	table string // a constant table name, never user input
	id    *int64 // nil: nothing referenced
}

// checkExist returns EINVALID naming each field whose referenced row is
// missing, so callers learn which id was wrong (a foreign key error would
// not say).
func (db *DB) checkExist(ctx context.Context, q querier, checks ...exists) error {
	p := crm.Problems{}
	for _, c := range checks {
		if c.id == nil {
			continue
		}
		ok, err := db.rowExists(ctx, q, c.table, *c.id)
		if err != nil {
			return err
		}
		if !ok {
			p.Add(c.field, "no record "+strconv.FormatInt(*c.id, 10))
		}
	}
	return p.Err()
}

func (db *DB) rowExists(ctx context.Context, q querier, table string, id int64) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id = $1", id).Scan(&one)
	return one > 0, db.wrap(err, "check "+table)
}

// refTables maps each Ref kind that tasks, follow-ups and attachments may
// point at to its table.
var refTables = map[string]string{
	crm.RefCustomer:     "customers",
	crm.RefContact:      "contacts",
	crm.RefLead:         "leads",
	crm.RefOrder:        "orders",
	crm.RefTask:         "tasks",
	crm.RefConversation: "conversations",
}

// refChecks returns the checks that each Ref with a table points at an
// existing row, to pass to checkExist with the record's other checks.
func refChecks(field string, refs []crm.Ref) []exists {
	checks := make([]exists, 0, len(refs))
	for _, r := range refs {
		if t, ok := refTables[r.Kind]; ok {
			id := r.ID
			checks = append(checks, exists{field, t, &id})
		}
	}
	return checks
}

// validRef checks a Ref's kind and id, as crm's own validation does.
func validRef(p crm.Problems, r crm.Ref) {
	if _, ok := refTables[r.Kind]; !ok {
		p.Add("ref", "unknown record kind "+strconv.Quote(r.Kind))
	}
	if r.ID <= 0 {
		p.Add("ref", "record ids must be positive")
	}
}
