package importer

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// engine decides and, unless dry, does what each row of one job does.
type engine struct {
	st     Store
	job    *crm.ImportJob
	viewer crm.Viewer // who started the import: the owners they may give
	dry    bool
	now    func() time.Time
	users  map[string]*crm.User // by lower-case email and by name
	// seen holds the records earlier rows of this pass made or matched, by
	// duplicate key ("customer:name:<key>", "contact:email:<addr>"…): the
	// file's rows refer to each other, and a dry run has no records to find.
	seen map[string]match
	// pre is the current chunk's prefetch (nil: none; ask the store).
	pre map[string][]match
	// strict: the chunk runs without savepoints, so a write the store
	// refuses fails the chunk (errRowRefused) instead of the row.
	strict bool
	// bulk gathers the chunk's creates while strict (nil: create each).
	bulk *bulk
	// caps is what each owner given records holds, by user id: read once
	// per chunk (once per dry run), counted on row by row.
	caps map[int64]*held
}

// match is a record a row matches: existing (id) or made by an earlier
// row of a dry run (row).
type match struct {
	id    int64
	row   int
	label string
	rule  string
}

func (m match) String() string {
	if m.id == 0 {
		return "row " + itoa(m.row) + " (" + m.rule + ")"
	}
	return "#" + itoa(int(m.id)) + " " + m.label + " (" + m.rule + ")"
}

func newEngine(ctx context.Context, st Store, job *crm.ImportJob, dry bool, now func() time.Time) (*engine, error) {
	u, err := st.UserByID(ctx, job.CreatedBy)
	if err != nil {
		return nil, err
	}
	users, err := st.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	e := &engine{st: st, job: job, viewer: u.Viewer(), dry: dry, now: now, users: map[string]*crm.User{}, seen: map[string]match{},
		caps: map[int64]*held{}}
	for _, x := range users {
		e.users[strings.ToLower(x.Email)] = x
		if _, ok := e.users[x.Name]; !ok && x.Name != "" {
			e.users[x.Name] = x
		}
	}
	return e, nil
}

// owner resolves the owner column, or the import's default owner.
func (e *engine) owner(r row, p *rowProblems) *int64 {
	name := r.vals["owner"]
	if name == "" {
		return e.job.Options.OwnerID
	}
	u := e.users[strings.ToLower(name)]
	if u == nil {
		u = e.users[name]
	}
	switch {
	case u == nil:
		p.add("owner", "no user "+name)
		return nil
	case !mayOwn(e.viewer, u):
		p.add("owner", name+" is not in your team")
		return nil
	}
	return &u.ID
}

// mayOwn reports whether v may give records to u: admins to anyone,
// managers within their team.
func mayOwn(v crm.Viewer, u *crm.User) bool {
	return v.SeesAll() || u.ID == v.UserID || (u.TeamID != nil && *u.TeamID == v.TeamID && v.TeamID != 0)
}

// do runs one row: the import rows it records, the first being the row's
// main record. An error is the store's failure, not the row's.
func (e *engine) do(ctx context.Context, r row) ([]crm.ImportRow, error) {
	key := r.key(e.job.Kind)
	prev, err := e.lookup(ctx, dupKey{key: "row_key:" + key}, func(ctx context.Context, _ dupKey) ([]match, error) {
		x, err := e.st.RowImported(ctx, key)
		if crm.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []match{{id: x.JobID, row: x.RowNo}}, nil
	})
	if err != nil {
		return nil, err
	}
	if len(prev) > 0 {
		return []crm.ImportRow{e.result(r, key, "", crm.RowSkipped, nil,
			"imported already by import #"+itoa(int(prev[0].id))+" (its row "+itoa(prev[0].row)+")")}, nil
	}
	switch e.job.Kind {
	case crm.ImportCustomers:
		return e.customerRow(ctx, r, key)
	case crm.ImportContacts:
		return e.contactRow(ctx, r, key)
	case crm.ImportProducts:
		return e.productRow(ctx, r, key)
	case crm.ImportOrders:
		return e.orderRow(ctx, r, key)
	default:
		return e.leadRow(ctx, r, key)
	}
}

func (e *engine) result(r row, key, kind, action string, id *int64, reason string) crm.ImportRow {
	x := crm.ImportRow{JobID: e.job.ID, RowNo: r.no, RecordKind: kind, Action: action, RecordID: id, Key: key, Reason: reason}
	if action == crm.RowFailed || action == crm.RowSkipped {
		x.Cells = r.cells
	}
	return x
}

func (e *engine) failed(r row, key string, p rowProblems) []crm.ImportRow {
	return []crm.ImportRow{e.result(r, key, "", crm.RowFailed, nil, p.reason())}
}

// ops is how one kind of record is created, read and updated.
type ops struct {
	kind    string
	capKind string // the cap a new record counts against ("" none)
	owner   *int64 // the new record's owner
	// create answers the new id and where the record's updated_at is (a
	// gathered record's is set when the chunk's records are written).
	create func(ctx context.Context) (int64, *time.Time, error)
	load   func(ctx context.Context, id int64) (any, error)      // the record as it is
	update func(ctx context.Context, old any) (time.Time, error) // fill old with the row, save
}

// apply is the duplicate decision (查重) for one record: create it, or
// skip or update the one it matches, as the import's mode says. It
// returns the record's id (0 in a dry run for a record not yet made).
func (e *engine) apply(ctx context.Context, r row, key string, ms []match, o ops) (crm.ImportRow, int64, error) {
	mode := e.job.Options.Mode
	switch {
	case len(ms) == 0 || mode == crm.DupCreate:
		if err := e.takeCap(ctx, o.capKind, nil, o.owner); err != nil {
			if crm.ErrorCode(err) != crm.ECONFLICT {
				return crm.ImportRow{}, 0, err
			}
			return e.result(r, key, o.kind, crm.RowFailed, nil, "owner: "+crm.ErrorMessage(err)), 0, nil
		}
		if e.dry {
			return e.result(r, key, o.kind, crm.RowCreated, nil, ""), 0, nil
		}
		id, stamp, err := o.create(ctx)
		if err != nil {
			return e.storeFailure(r, key, o.kind, err)
		}
		x := e.result(r, key, o.kind, crm.RowCreated, &id, "")
		x.Stamp = stamp
		return x, id, nil
	case mode == crm.DupSkip:
		return e.result(r, key, o.kind, crm.RowSkipped, idOf(ms[0]), "matches "+ms[0].String()), ms[0].id, nil
	case len(ms) > 1:
		return e.result(r, key, o.kind, crm.RowFailed, nil, "matches "+itoa(len(ms))+" records ("+ms[0].String()+", "+
			ms[1].String()+"…): merge them first, or import with skip"), 0, nil
	case e.dry || ms[0].id == 0:
		return e.result(r, key, o.kind, crm.RowUpdated, idOf(ms[0]), "fills "+ms[0].String()), ms[0].id, nil
	}
	return e.update(ctx, r, key, ms[0], o)
}

func (e *engine) update(ctx context.Context, r row, key string, m match, o ops) (crm.ImportRow, int64, error) {
	// The record may be one this chunk gathered: written first, it is read.
	if err := e.flush(ctx); err != nil {
		return crm.ImportRow{}, 0, err
	}
	old, err := o.load(ctx, m.id)
	if err != nil {
		return e.storeFailure(r, key, o.kind, err)
	}
	before, err := json.Marshal(old)
	if err != nil {
		return crm.ImportRow{}, 0, err
	}
	stamp, err := o.update(ctx, old)
	if err != nil {
		return e.storeFailure(r, key, o.kind, err)
	}
	x := e.result(r, key, o.kind, crm.RowUpdated, &m.id, "fills "+m.String())
	x.Before, x.Stamp = string(before), &stamp
	return x, m.id, nil
}

// errRowRefused stops a chunk run without savepoints at the first write the
// store refuses: the chunk is then run again with them.
var errRowRefused = errors.New("import: a row's write was refused")

// storeFailure turns a refusal of the store (invalid, conflict, gone) into
// the row's failure; anything else stops the chunk.
func (e *engine) storeFailure(r row, key, kind string, err error) (crm.ImportRow, int64, error) {
	switch crm.ErrorCode(err) {
	case crm.EINVALID, crm.ECONFLICT, crm.ENOTFOUND:
		if e.strict {
			return crm.ImportRow{}, 0, errors.Join(errRowRefused, err)
		}
		var p rowProblems
		p.addErr("", err)
		return e.result(r, key, kind, crm.RowFailed, nil, p.reason()), 0, nil
	}
	return crm.ImportRow{}, 0, err
}

func idOf(m match) *int64 {
	if m.id == 0 {
		return nil
	}
	return &m.id
}

// remember notes what a row made or filled, by each of its duplicate
// keys, for the rows after it.
func (e *engine) remember(keys []dupKey, x crm.ImportRow, id int64, label string) {
	if x.Action != crm.RowCreated && x.Action != crm.RowUpdated {
		return
	}
	for _, k := range keys {
		if _, ok := e.seen[k.key]; !ok {
			e.seen[k.key] = match{id: id, row: x.RowNo, label: label, rule: k.rule}
		}
	}
}
