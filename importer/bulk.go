package importer

import (
	"context"
	"errors"

	"github.com/rapport-crm/rapport/crm"
)

// bulk gathers the customers and contacts a chunk creates, their ids
// reserved up front, and writes them in a few multi-row statements when
// the chunk ends (or before a row reads the store): the per-record create
// methods cost about ten statements a row, which is what kept an import
// under 1,000 rows a second. Only the first, savepoint-free run of a chunk
// gathers; the rerun of a refused chunk creates row by row, so that the
// row at fault fails alone.
type bulk struct {
	n        int                // ids reserved at a time: the chunk's rows
	ids      map[string][]int64 // reserved and not yet given, by table
	reserved map[string]bool    // tables reserved from in this chunk
	cs       []*crm.Customer
	contacts []*crm.Contact
}

func newBulk(n int) *bulk { return &bulk{n: n, ids: map[string][]int64{}, reserved: map[string]bool{}} }

// bulkKinds are the kinds whose creates are gathered: customers with their
// contact persons, and contacts (the benchmark's 100k-row imports).
func bulkKinds(kind string) bool { return kind == crm.ImportCustomers || kind == crm.ImportContacts }

// nextID gives the next reserved id of table, reserving more when none is
// left (a second reserve after writing what is gathered: on SQLite a
// reserve starts after the highest row written).
func (e *engine) nextID(ctx context.Context, table string) (int64, error) {
	b := e.bulk
	if len(b.ids[table]) == 0 {
		if b.reserved[table] {
			if err := e.flush(ctx); err != nil {
				return 0, err
			}
		}
		b.reserved[table] = true
		ids, err := e.st.ReserveImportIDs(ctx, table, b.n)
		if err != nil {
			return 0, err
		}
		b.ids[table] = ids
	}
	id := b.ids[table][0]
	b.ids[table] = b.ids[table][1:]
	return id, nil
}

// createCustomer gathers c, or creates it at once outside a bulk run.
func (e *engine) createCustomer(ctx context.Context, c *crm.Customer) (int64, error) {
	return gather(ctx, e, "customers", c, &c.ID, func(b *bulk) *[]*crm.Customer { return &b.cs }, e.st.CreateCustomer)
}

// createContact gathers c, or creates it at once outside a bulk run.
func (e *engine) createContact(ctx context.Context, c *crm.Contact) (int64, error) {
	return gather(ctx, e, "contacts", c, &c.ID, func(b *bulk) *[]*crm.Contact { return &b.contacts }, e.st.CreateContact)
}

// gather gives rec (whose id is at id) a reserved id of table and adds it
// to the bulk's list of its kind; outside a bulk run it creates rec with
// single.
func gather[T any](ctx context.Context, e *engine, table string, rec T, id *int64, list func(*bulk) *[]T,
	single func(context.Context, T) error) (int64, error) {
	if e.bulk == nil {
		err := single(ctx, rec)
		return *id, err
	}
	n, err := e.nextID(ctx, table)
	if err != nil {
		return 0, err
	}
	*id = n
	l := list(e.bulk)
	*l = append(*l, rec)
	return n, nil
}

// flush writes what is gathered. The store refusing it refuses the chunk
// (errRowRefused): its rerun finds the row at fault.
func (e *engine) flush(ctx context.Context) error {
	b := e.bulk
	if b == nil || len(b.cs)+len(b.contacts) == 0 {
		return nil
	}
	err := e.st.CreateImported(ctx, b.cs, b.contacts)
	b.cs, b.contacts = nil, nil
	if err != nil {
		return errors.Join(errRowRefused, err)
	}
	return nil
}
