package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// listStore is what the list suites need beyond crm.Store.
type listStore interface {
	crm.Store
	crm.ListCounter
	crm.ListViewStore
}

// RunLists checks what a list page is built from: totals that follow the
// viewer's visibility, sorting that is stable and pages by keyset in both
// directions, the columns a user chose, and saved filters.
func RunLists(t *testing.T, open Opener) {
	for _, tt := range []storeTest{
		{"CountFollowsVisibility", testListCounts},
		{"SortPagesStably", testListSort},
		{"SortRefusesUnknownKeys", testListSortInvalid},
		{"Columns", testListColumns},
		{"SavedFilters", testSavedFilters},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

func lists(t *testing.T, s crm.Store) listStore {
	t.Helper()
	ls, ok := s.(listStore)
	if !ok {
		t.Fatalf("%T does not count lists or keep list views", s)
	}
	return ls
}

func testListCounts(t *testing.T, s crm.Store) {
	ls, w := lists(t, s), newWorld(t, s)
	for i, owner := range w.owners() {
		for j := range i + 1 { // owners get different numbers, so a wrong rule shows
			must(t, s.CreateCustomer(ctx, &crm.Customer{Name: fmt.Sprintf("客户 %d-%d", i, j), OwnerID: ownerID(owner)}))
			must(t, s.CreateLead(ctx, &crm.Lead{Name: fmt.Sprintf("线索 %d-%d", i, j), OwnerID: ownerID(owner)}))
		}
	}
	for _, u := range w.viewers() {
		want := int64(0)
		for i, owner := range w.owners() {
			if w.sees(u, owner) {
				want += int64(i + 1)
			}
		}
		v := u.Viewer()
		n, err := ls.CountCustomers(ctx, crm.CustomerFilter{Viewer: v, Page: crm.Page{Limit: 1}})
		must(t, err)
		same(t, u.Email+" counts customers", n, want)
		n, err = ls.CountLeads(ctx, crm.LeadFilter{Viewer: v})
		must(t, err)
		same(t, u.Email+" counts leads", n, want)
		l, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: v, Page: crm.Page{Limit: 500}})
		must(t, err)
		same(t, u.Email+" lists as many as counted", int64(len(l.Items)), want)
	}
	n, err := ls.CountCustomers(ctx, crm.CustomerFilter{Viewer: w.admin.Viewer(), Query: "客户 3-"})
	must(t, err)
	same(t, "count with a search", n, int64(4))
	n, err = ls.CountLeads(ctx, crm.LeadFilter{Viewer: w.admin.Viewer(), InPool: true})
	must(t, err)
	same(t, "count of the pool", n, int64(1))
}

func testListSort(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	names := []string{"Beta", "alpha", "Gamma", "Beta", "Delta", "Beta", "Epsilon"}
	for _, n := range names {
		must(t, s.CreateCustomer(ctx, &crm.Customer{Name: n, OwnerID: ownerID(w.repA1)}))
	}
	for _, desc := range []bool{false, true} {
		sort := "name"
		if desc {
			sort = "-name"
		}
		var got []string
		var ids []int64
		after := int64(0)
		for range 10 { // pages of 2 through 7 records
			l, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: w.repA1.Viewer(),
				Page: crm.Page{Limit: 2, After: after, Sort: sort}})
			must(t, err)
			for _, c := range l.Items {
				got, ids = append(got, c.Name), append(ids, c.ID)
			}
			if after = l.Next; after == 0 {
				break
			}
		}
		if len(got) != len(names) {
			t.Fatalf("sort %s: %d records over the pages, want %d: %q", sort, len(got), len(names), got)
		}
		if !slices.IsSortedFunc(got, func(a, b string) int { return cmpDir(a, b, desc) }) {
			t.Errorf("sort %s: %q", sort, got)
		}
		// The three Betas tie: the id breaks it, in the list's direction.
		var betas []int64
		for i, n := range got {
			if n == "Beta" {
				betas = append(betas, ids[i])
			}
		}
		if !slices.IsSortedFunc(betas, func(a, b int64) int { return cmpDir(a, b, desc) }) {
			t.Errorf("sort %s: ties in id order %v", sort, betas)
		}
	}
	o1 := &crm.Order{Number: "SO-S1", CustomerID: 1, Amount: 500, Currency: "CNY", Status: crm.OrderActive}
	o2 := &crm.Order{Number: "SO-S2", CustomerID: 1, Amount: 100, Currency: "CNY", Status: crm.OrderActive}
	must(t, s.CreateOrder(ctx, o1))
	must(t, s.CreateOrder(ctx, o2))
	l, err := s.ListOrders(ctx, crm.OrderFilter{Viewer: crm.System, Page: crm.Page{Sort: "amount"}})
	must(t, err)
	if len(l.Items) != 2 || l.Items[0].ID != o2.ID {
		t.Errorf("orders by amount: %v", l.Items)
	}
}

func cmpDir[T int64 | string](a, b T, desc bool) int {
	c := 0
	switch {
	case a < b:
		c = -1
	case a > b:
		c = 1
	}
	if desc {
		return -c
	}
	return c
}

func testListSortInvalid(t *testing.T, s crm.Store) {
	_, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System, Page: crm.Page{Sort: "notes"}})
	wantFields(t, err, "sort")
	_, err = s.ListTasks(ctx, crm.TaskFilter{Viewer: crm.System, Page: crm.Page{Sort: "-id; DROP TABLE tasks"}})
	wantFields(t, err, "sort")
}

func testListColumns(t *testing.T, s crm.Store) {
	ls, w := lists(t, s), newWorld(t, s)
	cols, err := ls.ListColumns(ctx, w.repA1.ID, "customers")
	must(t, err)
	same(t, "columns before any choice", len(cols), 0)
	must(t, ls.SetListColumns(ctx, w.repA1.ID, "customers", []string{"name", "owner_id"}))
	must(t, ls.SetListColumns(ctx, w.repA1.ID, "customers", []string{"level", "name"}))
	cols, err = ls.ListColumns(ctx, w.repA1.ID, "customers")
	must(t, err)
	same(t, "columns chosen last, in order", fmt.Sprint(cols), "[level name]")
	other, err := ls.ListColumns(ctx, w.repA2.ID, "customers")
	must(t, err)
	same(t, "another user's columns", len(other), 0)
	must(t, ls.SetListColumns(ctx, w.repA1.ID, "customers", nil))
	cols, err = ls.ListColumns(ctx, w.repA1.ID, "customers")
	must(t, err)
	same(t, "columns back to the defaults", len(cols), 0)
	wantCode(t, ls.SetListColumns(ctx, 987654, "customers", []string{"name"}), crm.ENOTFOUND)
}

func testSavedFilters(t *testing.T, s crm.Store) {
	ls, w := lists(t, s), newWorld(t, s)
	mine := &crm.SavedFilter{Kind: "leads", Name: " 我的新线索 ", Query: "owner=mine&status=new"}
	must(t, ls.SaveFilter(ctx, w.repA1.Viewer(), mine))
	same(t, "name trimmed", mine.Name, "我的新线索")
	shared := &crm.SavedFilter{Kind: "leads", Name: "Team hot", Query: "sort=-updated_at", TeamID: w.repA1.TeamID}
	must(t, ls.SaveFilter(ctx, w.repA1.Viewer(), shared))
	wantCode(t, ls.SaveFilter(ctx, w.repA1.Viewer(), &crm.SavedFilter{Kind: "leads", Name: "x", TeamID: w.repB.TeamID}), crm.EFORBIDDEN)
	wantFields(t, ls.SaveFilter(ctx, w.repA1.Viewer(), &crm.SavedFilter{Kind: "leads", Name: " "}), "name")
	wantFields(t, ls.SaveFilter(ctx, w.repA1.Viewer(), &crm.SavedFilter{Kind: "nothing", Name: "x"}), "kind")

	again := &crm.SavedFilter{Kind: "leads", Name: "我的新线索", Query: "owner=mine&status=contacted"}
	must(t, ls.SaveFilter(ctx, w.repA1.Viewer(), again))
	same(t, "same name replaces", again.ID, mine.ID)

	names := func(u *crm.User, kind string) string {
		fs, err := ls.SavedFilters(ctx, u.Viewer(), kind)
		must(t, err)
		var out []string
		for _, f := range fs {
			out = append(out, f.Name+"?"+f.Query)
		}
		return fmt.Sprint(out)
	}
	same(t, "the owner's", names(w.repA1, "leads"), "[Team hot?sort=-updated_at 我的新线索?owner=mine&status=contacted]")
	same(t, "a teammate's", names(w.repA2, "leads"), "[Team hot?sort=-updated_at]")
	same(t, "another team's", names(w.repB, "leads"), "[]")
	same(t, "another list's", names(w.repA1, "customers"), "[]")

	wantCode(t, ls.DeleteSavedFilter(ctx, w.repA2.Viewer(), shared.ID), crm.ENOTFOUND)
	must(t, ls.DeleteSavedFilter(ctx, w.repA1.Viewer(), shared.ID))
	same(t, "deleted", names(w.repA2, "leads"), "[]")
}
