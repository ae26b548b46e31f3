package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

var contactTests = []storeTest{
	{"Contact/RoundTrip", testContactRoundTrip},
	{"Contact/Invalid", testContactInvalid},
	{"Contact/IdentityConflict", testContactIdentityConflict},
	{"Contact/Lookups", testContactLookups},
	{"Contact/Visibility", testContactVisibility},
	{"Contact/ListAndSearch", testContactList},
}

func testContactRoundTrip(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "深圳市华强电子有限公司"}
	must(t, s.CreateCustomer(ctx, cust))
	c := &crm.Contact{CustomerID: ptr(cust.ID), Name: "李伟", Title: "采购经理",
		Emails:     []string{" Li.Wei@HuaQiang.example ", "liwei@qq.com", "li.wei@huaqiang.example"},
		Phones:     []string{"138 0013 8000", "(0755) 8888-1234"},
		Identities: []crm.Identity{{Kind: crm.IdentityWeChat, Key: "wx123", Value: "openid-1"}, {Kind: crm.IdentityUnionID, Value: "union-1"}},
		Birthday:   &crm.Date{Year: 1985, Month: 2, Day: 28}, Notes: "喜欢喝茶", OwnerID: ptr(w.repA1.ID)}
	must(t, s.CreateContact(ctx, c))
	same(t, "emails normalised", c.Emails, []string{"li.wei@huaqiang.example", "liwei@qq.com"})
	same(t, "phones normalised", c.Phones, []string{"+8613800138000", "+8675588881234"})
	got, err := s.Contact(ctx, w.repA1.Viewer(), c.ID)
	must(t, err)
	same(t, "contact", got, c)

	c.Name, c.Emails, c.Phones, c.Identities, c.Birthday, c.CustomerID, c.OwnerID =
		"Li Wei", []string{"wei@new.example"}, nil, nil, nil, nil, nil
	must(t, s.UpdateContact(ctx, w.repA1.Viewer(), c))
	got, err = s.Contact(ctx, w.repB.Viewer(), c.ID)
	must(t, err)
	same(t, "after update", got, c)
	// The old email, phone and identity no longer lead to the contact.
	old, err := s.ContactsByEmail(ctx, crm.System, "li.wei@huaqiang.example")
	must(t, err)
	same(t, "old email", len(old), 0)
	old, err = s.ContactsByPhone(ctx, crm.System, "+8613800138000")
	must(t, err)
	same(t, "old phone", len(old), 0)
	_, err = s.ContactByIdentity(ctx, crm.System, crm.Identity{Kind: crm.IdentityUnionID, Value: "union-1"})
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.Contact(ctx, crm.System, c.ID+100)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.UpdateContact(ctx, crm.System, &crm.Contact{ID: c.ID + 100, Name: "x"}), crm.ENOTFOUND)
}

func testContactInvalid(t *testing.T, s crm.Store) {
	err := s.CreateContact(ctx, &crm.Contact{Emails: []string{"nope"}, Phones: []string{"12345"},
		Identities: []crm.Identity{{Kind: "qq", Value: "1"}}})
	wantFields(t, err, "name", "emails", "phones", "identities")
	err = s.CreateContact(ctx, &crm.Contact{Name: "x", CustomerID: ptr(int64(99)), OwnerID: ptr(int64(98))})
	wantFields(t, err, "customer_id", "owner_id")
	l, err := s.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System})
	must(t, err)
	same(t, "contacts stored", len(l.Items), 0)
}

func testContactIdentityConflict(t *testing.T, s crm.Store) {
	wx := crm.Identity{Kind: crm.IdentityWeChat, Key: "wx1", Value: "openid-9"}
	a := &crm.Contact{Name: "甲", Emails: []string{"shared@x.example"}, Identities: []crm.Identity{wx, wx}}
	must(t, s.CreateContact(ctx, a))
	same(t, "repeated identity kept once", a.Identities, []crm.Identity{wx})
	// An email may be shared; a channel identity may not.
	b := &crm.Contact{Name: "乙", Emails: []string{"shared@x.example", "b-only@x.example"}, Identities: []crm.Identity{wx}}
	wantCode(t, s.CreateContact(ctx, b), crm.ECONFLICT)
	// Nothing of the failed contact was kept: not the row, not its email.
	l, err := s.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System})
	must(t, err)
	same(t, "contacts after conflict", len(l.Items), 1)
	found, err := s.ContactsByEmail(ctx, crm.System, "b-only@x.example")
	must(t, err)
	same(t, "email of the failed contact", len(found), 0)
	// The same identity under another appid is someone else.
	b.Identities = []crm.Identity{{Kind: crm.IdentityWeChat, Key: "wx2", Value: "openid-9"}}
	must(t, s.CreateContact(ctx, b))
	b.Identities = []crm.Identity{wx}
	wantCode(t, s.UpdateContact(ctx, crm.System, b), crm.ECONFLICT)
	got, err := s.Contact(ctx, crm.System, b.ID)
	must(t, err)
	same(t, "identities after failed update", got.Identities[0].Key, "wx2")
	same(t, "same value may be re-saved", s.UpdateContact(ctx, crm.System, a), nil)
}

func testContactLookups(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	mine := &crm.Contact{Name: "A", Emails: []string{"Same@Shared.example"}, Phones: []string{"+86 138 0013 8000"},
		OwnerID: ptr(w.repA1.ID), Identities: []crm.Identity{{Kind: crm.IdentityUnionID, Value: "u-1"}}}
	pool := &crm.Contact{Name: "B", Emails: []string{"same@shared.example"}, Phones: []string{"13800138000"}}
	other := &crm.Contact{Name: "C", Emails: []string{"same@shared.example"}, Phones: []string{"13800138000"}, OwnerID: ptr(w.repB.ID)}
	for _, c := range []*crm.Contact{mine, pool, other} {
		must(t, s.CreateContact(ctx, c))
	}
	ids := func(cs []*crm.Contact, err error) []int64 {
		t.Helper()
		must(t, err)
		out := []int64{}
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	same(t, "by email as rep A1", ids(s.ContactsByEmail(ctx, w.repA1.Viewer(), "SAME@shared.example")), []int64{mine.ID, pool.ID})
	same(t, "by email as system", ids(s.ContactsByEmail(ctx, crm.System, "same@shared.example")), []int64{mine.ID, pool.ID, other.ID})
	same(t, "by phone as rep B", ids(s.ContactsByPhone(ctx, w.repB.Viewer(), "+8613800138000")), []int64{pool.ID, other.ID})
	same(t, "by unknown email", ids(s.ContactsByEmail(ctx, crm.System, "nobody@shared.example")), []int64{})
	got, err := s.ContactByIdentity(ctx, w.repA1.Viewer(), crm.Identity{Kind: crm.IdentityUnionID, Value: "u-1"})
	must(t, err)
	same(t, "by identity", got, mine)
	_, err = s.ContactByIdentity(ctx, w.repB.Viewer(), crm.Identity{Kind: crm.IdentityUnionID, Value: "u-1"})
	wantCode(t, err, crm.ENOTFOUND)
}

func testContactVisibility(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	checkVisibility(t, w, owned{
		create: func(o *crm.User) int64 {
			c := &crm.Contact{Name: "联系人", OwnerID: ownerID(o)}
			must(t, s.CreateContact(ctx, c))
			return c.ID
		},
		get: func(v crm.Viewer, id int64) error { _, err := s.Contact(ctx, v, id); return err },
		list: func(v crm.Viewer) ([]int64, error) {
			return listIDs(t, 2, func(c *crm.Contact) int64 { return c.ID }, func(p crm.Page) (crm.List[*crm.Contact], error) {
				return s.ListContacts(ctx, crm.ContactFilter{Viewer: v, Page: p})
			}), nil
		},
	})
	c := &crm.Contact{Name: "B 的联系人", OwnerID: ptr(w.repB.ID)}
	must(t, s.CreateContact(ctx, c))
	wantCode(t, s.UpdateContact(ctx, w.repA1.Viewer(), c), crm.ENOTFOUND)
}

func testContactList(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "华强"}
	must(t, s.CreateCustomer(ctx, cust))
	mk := func(c *crm.Contact) int64 { must(t, s.CreateContact(ctx, c)); return c.ID }
	a := mk(&crm.Contact{Name: "张三", Title: "总经理", CustomerID: ptr(cust.ID)})
	b := mk(&crm.Contact{Name: "Alice Smith", Emails: []string{"alice@acme.example"}, OwnerID: ptr(w.repA1.ID)})
	c := mk(&crm.Contact{Name: "王五", Phones: []string{"13912345678"}, CustomerID: ptr(cust.ID)})
	list := func(f crm.ContactFilter) []int64 {
		f.Viewer = crm.System
		return listIDs(t, 1, func(c *crm.Contact) int64 { return c.ID }, func(p crm.Page) (crm.List[*crm.Contact], error) {
			f.Page = p
			return s.ListContacts(ctx, f)
		})
	}
	same(t, "all", list(crm.ContactFilter{}), []int64{c, b, a})
	same(t, "customer", list(crm.ContactFilter{CustomerID: ptr(cust.ID)}), []int64{c, a})
	same(t, "owner", list(crm.ContactFilter{OwnerID: ptr(w.repA1.ID)}), []int64{b})
	for q, want := range map[string][]int64{"张": {a}, "经理": {a}, "ALICE": {b}, "acme.example": {b}, "1391234": {c}, "赵": nil} {
		same(t, "search "+q, list(crm.ContactFilter{Query: q}), want)
	}
}
