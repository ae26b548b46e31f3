package storetest

import (
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// owned describes one kind of owned record for the visibility check.
type owned struct {
	// create makes a record owned by owner (nil: the pool) and returns its id.
	create func(owner *crm.User) int64
	// get reads one record as v.
	get func(v crm.Viewer, id int64) error
	// list returns the ids v sees, all of them.
	list func(v crm.Viewer) ([]int64, error)
	// ownerOf, if set, maps the owner asked for to the owner the record
	// really has (a follow-up has no pool: its author owns it).
	ownerOf func(owner *crm.User) *crm.User
}

// checkVisibility spreads records over every owner and checks, for every
// viewer, that get and list show exactly what crm.Viewer's rule allows, and
// that an invisible record is ENOTFOUND.
func checkVisibility(t *testing.T, w *world, k owned) {
	t.Helper()
	ids := map[int64]*crm.User{}
	for _, o := range w.owners() {
		id := k.create(o)
		if k.ownerOf != nil {
			o = k.ownerOf(o)
		}
		ids[id] = o
	}
	for _, u := range w.viewers() {
		var want []int64
		for id, o := range ids {
			err := k.get(u.Viewer(), id)
			if w.sees(u, o) {
				want = append(want, id)
				if err != nil {
					t.Errorf("%s get record of %s: %v, want it visible", u.Email, name(o), err)
				}
			} else if !crm.IsNotFound(err) {
				t.Errorf("%s get record of %s: %v, want ENOTFOUND", u.Email, name(o), err)
			}
		}
		got, err := k.list(u.Viewer())
		must(t, err)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %v, want %v", u.Email, got, want)
		}
	}
	// System sees everything, as does the admin.
	got, err := k.list(crm.System)
	must(t, err)
	if len(got) != len(ids) {
		t.Errorf("System lists %d records, want %d", len(got), len(ids))
	}
}

func name(u *crm.User) string {
	if u == nil {
		return "the pool"
	}
	return u.Email
}

// listIDs walks every page of a list and returns the ids in order, checking
// that pages come newest first and never overlap.
func listIDs[T any](t *testing.T, limit int, id func(T) int64, page func(p crm.Page) (crm.List[T], error)) []int64 {
	t.Helper()
	var out []int64
	p := crm.Page{Limit: limit}
	for i := 0; ; i++ {
		l, err := page(p)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		for _, it := range l.Items {
			if n := len(out); n > 0 && id(it) >= out[n-1] {
				t.Fatalf("page %d: id %d after %d: not newest first", i, id(it), out[n-1])
			}
			out = append(out, id(it))
		}
		if len(l.Items) > limit {
			t.Fatalf("page of %d items, limit %d", len(l.Items), limit)
		}
		if l.Next == 0 {
			return out
		}
		p.After = l.Next
	}
}
