package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

var customerTests = []storeTest{
	{"Customer/RoundTrip", testCustomerRoundTrip},
	{"Customer/Invalid", testCustomerInvalid},
	{"Customer/NotFound", testCustomerNotFound},
	{"Customer/Visibility", testCustomerVisibility},
	{"Customer/PagesAndFilters", testCustomerPages},
	{"Customer/Search", testCustomerSearch},
}

func fullCustomer(owner *int64) *crm.Customer {
	return &crm.Customer{Name: "深圳市华强电子有限公司", ShortName: "华强电子", Kind: crm.KindDealer,
		Industry: "电子元器件", Level: "A", Region: "广东 深圳", Source: "展会", Status: crm.CustomerDeal,
		OwnerID: owner, Tags: []string{"重点", "VIP", "重点"}, Address: "深圳市福田区华强北路 1001 号",
		Website: "https://huaqiang.example", Domain: "huaqiang.example", Notes: "年采购额约 500 万\n多行备注"}
}

func testCustomerRoundTrip(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	c := fullCustomer(ptr(w.repA1.ID))
	must(t, s.CreateCustomer(ctx, c))
	if c.ID == 0 || c.CreatedAt.IsZero() || !c.UpdatedAt.Equal(c.CreatedAt) {
		t.Fatalf("after create: %+v", c)
	}
	same(t, "tags deduplicated", c.Tags, []string{"重点", "VIP"})
	got, err := s.Customer(ctx, w.repA1.Viewer(), c.ID)
	must(t, err)
	same(t, "customer", got, c)

	c.Name, c.Kind, c.Status, c.Tags, c.OwnerID, c.Domain = "Acme Trading Ltd", crm.KindCustomer, crm.CustomerLost, nil, nil, ""
	must(t, s.UpdateCustomer(ctx, w.admin.Viewer(), c))
	got, err = s.Customer(ctx, w.repB.Viewer(), c.ID) // now in the pool
	must(t, err)
	same(t, "after update", got, c)
}

func testCustomerInvalid(t *testing.T, s crm.Store) {
	err := s.CreateCustomer(ctx, &crm.Customer{Kind: "friend", Status: "maybe", Domain: "not a domain"})
	wantFields(t, err, "name", "kind", "status", "domain")
	wantFields(t, s.CreateCustomer(ctx, &crm.Customer{Name: "x", OwnerID: ptr(int64(999))}), "owner_id")
	c := &crm.Customer{Name: "好公司"}
	must(t, s.CreateCustomer(ctx, c))
	c.Name = ""
	wantFields(t, s.UpdateCustomer(ctx, crm.System, c), "name")
	got, err := s.Customer(ctx, crm.System, c.ID)
	must(t, err)
	if got.Name != "好公司" || got.Kind != crm.KindCustomer || got.Status != crm.CustomerPotential {
		t.Fatalf("after failed update: %+v", got)
	}
	l, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System})
	must(t, err)
	if len(l.Items) != 1 {
		t.Fatalf("%d customers stored, want 1", len(l.Items))
	}
}

func testCustomerNotFound(t *testing.T, s crm.Store) {
	_, err := s.Customer(ctx, crm.System, 404)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.UpdateCustomer(ctx, crm.System, &crm.Customer{ID: 404, Name: "x"}), crm.ENOTFOUND)
}

func testCustomerVisibility(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	checkVisibility(t, w, owned{
		create: func(o *crm.User) int64 {
			c := &crm.Customer{Name: "客户 of " + name(o), OwnerID: ownerID(o)}
			must(t, s.CreateCustomer(ctx, c))
			return c.ID
		},
		get: func(v crm.Viewer, id int64) error { _, err := s.Customer(ctx, v, id); return err },
		list: func(v crm.Viewer) ([]int64, error) {
			return listIDs(t, 2, custID, func(p crm.Page) (crm.List[*crm.Customer], error) {
				return s.ListCustomers(ctx, crm.CustomerFilter{Viewer: v, Page: p})
			}), nil
		},
	})
	// An invisible customer cannot be updated either.
	c := &crm.Customer{Name: "B 的客户", OwnerID: ptr(w.repB.ID)}
	must(t, s.CreateCustomer(ctx, c))
	c.Name = "taken over"
	wantCode(t, s.UpdateCustomer(ctx, w.repA1.Viewer(), c), crm.ENOTFOUND)
	wantCode(t, s.UpdateCustomer(ctx, w.mgrA.Viewer(), c), crm.ENOTFOUND)
	must(t, s.UpdateCustomer(ctx, w.mgrB.Viewer(), c))
}

func custID(c *crm.Customer) int64 { return c.ID }

func testCustomerPages(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	var all []int64
	for i := range 7 {
		c := &crm.Customer{Name: "客户", Level: []string{"A", "B"}[i%2], Tags: []string{"t" + string(rune('0'+i%3))}}
		if i%3 == 0 {
			c.OwnerID = ptr(w.repA1.ID)
		}
		if i == 6 {
			c.Status, c.Kind = crm.CustomerDeal, crm.KindAgent
		}
		must(t, s.CreateCustomer(ctx, c))
		all = append([]int64{c.ID}, all...)
	}
	ids := func(f crm.CustomerFilter) []int64 {
		f.Viewer = w.admin.Viewer()
		return listIDs(t, 3, custID, func(p crm.Page) (crm.List[*crm.Customer], error) {
			f.Page = p
			return s.ListCustomers(ctx, f)
		})
	}
	same(t, "all pages", ids(crm.CustomerFilter{}), all)
	same(t, "level B", ids(crm.CustomerFilter{Level: "B"}), []int64{all[1], all[3], all[5]})
	same(t, "tag t0", ids(crm.CustomerFilter{Tag: "t0"}), []int64{all[0], all[3], all[6]})
	same(t, "owner", ids(crm.CustomerFilter{OwnerID: ptr(w.repA1.ID)}), []int64{all[0], all[3], all[6]})
	same(t, "pool", len(ids(crm.CustomerFilter{InPool: true})), 4)
	same(t, "status deal", ids(crm.CustomerFilter{Status: crm.CustomerDeal}), []int64{all[0]})
	same(t, "kind agent", ids(crm.CustomerFilter{Kind: crm.KindAgent}), []int64{all[0]})
	l, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System, Page: crm.Page{Limit: 7}})
	must(t, err)
	if len(l.Items) != 7 || l.Next != 0 {
		t.Fatalf("exact page: %d items, next %d; want 7 and 0", len(l.Items), l.Next)
	}
}

func testCustomerSearch(t *testing.T, s crm.Store) {
	names := []struct{ name, short, addr string }{
		{"深圳市华强电子有限公司", "华强", "福田区"},
		{"Acme Trading Ltd", "ACME", "Hong Kong"},
		{"100% Cotton_Co", "", ""},
		{"北京燕山石化", "", "房山区华强路"},
	}
	ids := make([]int64, len(names))
	for i, n := range names {
		c := &crm.Customer{Name: n.name, ShortName: n.short, Address: n.addr}
		must(t, s.CreateCustomer(ctx, c))
		ids[i] = c.ID
	}
	for _, tt := range []struct {
		q    string
		want []int64
	}{
		{"华强", []int64{ids[3], ids[0]}},
		{"电子", []int64{ids[0]}},
		{"acme", []int64{ids[1]}},
		{"TRADING", []int64{ids[1]}},
		{"hong", []int64{ids[1]}},
		{"100%", []int64{ids[2]}},
		{"n_C", []int64{ids[2]}},
		{"%", []int64{ids[2]}},
		{"_", []int64{ids[2]}},
		{"无此公司", nil},
	} {
		l, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System, Query: tt.q})
		must(t, err)
		var got []int64
		for _, c := range l.Items {
			got = append(got, c.ID)
		}
		same(t, "search "+tt.q, got, tt.want)
	}
}
