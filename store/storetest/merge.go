package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func testFindDuplicates(t *testing.T, h *ingestHarness) {
	cust := &crm.Customer{Name: "深圳市华强电子有限公司", OwnerID: ptr(h.w.repB.ID)}
	must(t, h.s.CreateCustomer(ctx, cust))
	ct := &crm.Contact{Name: "李伟", Emails: []string{"li@huaqiang.example"}, Phones: []string{"13800138000"}}
	must(t, h.s.CreateContact(ctx, ct))
	lead := &crm.Lead{Name: "Wang Fang", Company: "Acme Robotics Co., Ltd.", Phone: "+1 415-555-0134", Email: "wf@gmail.com"}
	must(t, h.s.CreateLead(ctx, lead))

	tests := []struct {
		q    crm.DupQuery
		want []crm.Ref
	}{
		{crm.DupQuery{Company: "华强电子（深圳）有限公司"}, []crm.Ref{{Kind: crm.RefCustomer, ID: cust.ID}}},
		{crm.DupQuery{Phone: "+86 138 0013 8000"}, []crm.Ref{{Kind: crm.RefContact, ID: ct.ID}}},
		{crm.DupQuery{Email: "LI@huaqiang.example"}, []crm.Ref{{Kind: crm.RefContact, ID: ct.ID}}},
		{crm.DupQuery{Phone: "(415) 555-0134", Company: "ACME Robotics Inc."}, []crm.Ref{{Kind: crm.RefLead, ID: lead.ID}}},
		{crm.DupQuery{Name: "李伟"}, []crm.Ref{{Kind: crm.RefContact, ID: ct.ID}}},
		{crm.DupQuery{Name: "无此人", Email: "nobody@qq.com"}, []crm.Ref{}},
	}
	for _, tt := range tests {
		got, err := h.s.FindDuplicates(ctx, h.w.repA1.Viewer(), tt.q)
		must(t, err)
		refs := []crm.Ref{}
		for _, c := range got {
			refs = append(refs, crm.Ref{Kind: c.Kind, ID: c.ID})
			if c.Rule == "" || c.Value == "" || c.Label == "" {
				t.Errorf("%+v: candidate %+v lacks its reason", tt.q, c)
			}
		}
		same(t, "duplicates of "+tt.q.Name+tt.q.Phone+tt.q.Email+tt.q.Company, refs, tt.want)
	}
	_, err := h.s.FindDuplicates(ctx, h.w.repA1.Viewer(), crm.DupQuery{})
	wantCode(t, err, crm.EINVALID)
	testDuplicatesMasked(t, h, cust, lead)
}

// testDuplicatesMasked: 查重 and the public search tell that a record exists
// and who owns it; a record the viewer may not open is masked, one they may
// is shown; the pool is marked claimable; the search box finds fragments,
// phones and emails.
func testDuplicatesMasked(t *testing.T, h *ingestHarness, cust *crm.Customer, lead *crm.Lead) {
	q := crm.DupQuery{Company: "华强电子（深圳）有限公司"}
	tests := []struct {
		name    string
		viewer  crm.Viewer
		visible bool
		label   string
	}{
		{"another team's rep", h.w.repA1.Viewer(), false, "深圳*******公司"},
		{"another team's manager", h.w.mgrA.Viewer(), false, "深圳*******公司"},
		{"the owner's manager", h.w.mgrB.Viewer(), true, cust.Name},
		{"the owner", h.w.repB.Viewer(), true, cust.Name},
		{"an admin", h.w.admin.Viewer(), true, cust.Name},
	}
	for _, tt := range tests {
		got, err := h.s.FindDuplicates(ctx, tt.viewer, q)
		must(t, err)
		if len(got) != 1 {
			t.Fatalf("%s: %d matches, want 1", tt.name, len(got))
		}
		m := got[0]
		if m.Visible != tt.visible || m.Label != tt.label || m.OwnerName != h.w.repB.Name || m.InPool ||
			m.OwnerID == nil || *m.OwnerID != h.w.repB.ID {
			t.Errorf("%s: %+v, want visible=%v label %q owned by %s", tt.name, m, tt.visible, tt.label, h.w.repB.Name)
		}
	}
	boxes := []struct {
		box  string
		want crm.Ref
		rule string
	}{
		{"华强", crm.Ref{Kind: crm.RefCustomer, ID: cust.ID}, "name"},
		{"robotics", crm.Ref{Kind: crm.RefLead, ID: lead.ID}, "name"},
		{"WF@gmail.com", crm.Ref{Kind: crm.RefLead, ID: lead.ID}, crm.RuleEmail},
		{"+1 415 555 0134", crm.Ref{Kind: crm.RefLead, ID: lead.ID}, crm.RulePhone},
	}
	for _, b := range boxes {
		got, err := h.s.FindDuplicates(ctx, h.w.repA1.Viewer(), crm.DupQuery{Query: b.box})
		must(t, err)
		if len(got) != 1 || got[0].Kind != b.want.Kind || got[0].ID != b.want.ID || got[0].Rule != b.rule {
			t.Errorf("search %q: %+v, want %v by %s", b.box, got, b.want, b.rule)
			continue
		}
		if b.want.Kind == crm.RefLead && (!got[0].InPool || !got[0].Visible || got[0].OwnerName != "") {
			t.Errorf("search %q: pool lead %+v, want visible, in the pool, no owner", b.box, got[0])
		}
	}
}

func testMergeContacts(t *testing.T, h *ingestHarness) {
	a := &crm.Contact{Name: "陈静", Emails: []string{"chen.jing@qq.com"}}
	b := &crm.Contact{Name: "Chen Jing", Emails: []string{"jing@163.com"}, Phones: []string{"13900139000"},
		Identities: []crm.Identity{{Kind: crm.IdentityWeChat, Key: "wx-app", Value: "openid-1"}}}
	must(t, h.s.CreateContact(ctx, a))
	must(t, h.s.CreateContact(ctx, b))
	res := h.ingest(t, mail("jing@163.com", "hello", "hi"))
	task := &crm.Task{Title: "回访", Refs: []crm.Ref{{Kind: crm.RefContact, ID: b.ID}, {Kind: crm.RefContact, ID: a.ID}}}
	must(t, h.s.CreateTask(ctx, task))

	_, err := h.s.MergeContacts(ctx, h.w.admin.Viewer(), crm.Merge{SurvivorID: a.ID, MergedID: a.ID})
	wantFields(t, err, "merged_id")
	got, err := h.s.MergeContacts(ctx, h.w.admin.Viewer(), crm.Merge{SurvivorID: a.ID, MergedID: b.ID})
	must(t, err)
	same(t, "emails", got.Emails, []string{"chen.jing@qq.com", "jing@163.com"})
	same(t, "identities", got.Identities, b.Identities)
	_, err = h.s.Contact(ctx, crm.System, b.ID)
	wantCode(t, err, crm.ENOTFOUND)
	c, err := h.s.ContactByIdentity(ctx, crm.System, b.Identities[0])
	must(t, err)
	same(t, "identity owner", c.ID, a.ID)
	conv, err := h.s.Conversation(ctx, crm.System, res.ConversationID)
	must(t, err)
	same(t, "conversation contact", conv.ContactID, &a.ID)
	if msgs := h.messages(t, conv.ID); !hasLink(msgs[0].Links, crm.RefContact, a.ID) {
		t.Fatalf("links %+v: want the survivor", msgs[0].Links)
	}
	tk, err := h.s.Task(ctx, crm.System, task.ID)
	must(t, err)
	same(t, "task refs", tk.Refs, []crm.Ref{{Kind: crm.RefContact, ID: a.ID}})
	audit, err := h.s.AuditOf(ctx, crm.Ref{Kind: crm.RefContact, ID: a.ID}, 10)
	must(t, err)
	if len(audit) != 1 || audit[0].Action != "contact.merge" {
		t.Fatalf("audit %+v: want the merge", audit)
	}
}

func testMergeCustomers(t *testing.T, h *ingestHarness) {
	s := &crm.Customer{Name: "华强电子", Tags: []string{"VIP"}}
	g := &crm.Customer{Name: "深圳市华强电子有限公司", Tags: []string{"重点"}, Domain: "huaqiang.example", Industry: "电子",
		Domains: []string{"hq-group.example"}}
	must(t, h.s.CreateCustomer(ctx, s))
	must(t, h.s.CreateCustomer(ctx, g))
	ct := &crm.Contact{Name: "李伟", CustomerID: &g.ID}
	must(t, h.s.CreateContact(ctx, ct))
	o := &crm.Order{Number: "SO-20260001", CustomerID: g.ID, Amount: 100}
	must(t, h.s.CreateOrder(ctx, o))

	got, err := h.s.MergeCustomers(ctx, h.w.admin.Viewer(), crm.Merge{SurvivorID: s.ID, MergedID: g.ID})
	must(t, err)
	same(t, "tags", got.Tags, []string{"VIP", "重点"})
	if got.Domain != "huaqiang.example" || got.Industry != "电子" {
		t.Fatalf("survivor %+v: want the merged one's domain and industry where it had none", got)
	}
	same(t, "domains", got.Domains, []string{"huaqiang.example", "hq-group.example"})
	byDomain, err := h.s.(crm.MatchReader).CustomersByDomain(ctx, "hq-group.example")
	must(t, err)
	if len(byDomain) != 1 || byDomain[0].ID != s.ID {
		t.Errorf("by the merged one's second domain: %+v, want the survivor", byDomain)
	}
	c, err := h.s.Contact(ctx, crm.System, ct.ID)
	must(t, err)
	same(t, "contact's customer", c.CustomerID, &s.ID)
	ord, err := h.s.Order(ctx, crm.System, o.ID)
	must(t, err)
	same(t, "order's customer", ord.CustomerID, s.ID)
	_, err = h.s.Customer(ctx, crm.System, g.ID)
	wantCode(t, err, crm.ENOTFOUND)
	_, err = h.s.MergeCustomers(ctx, h.w.repA1.Viewer(), crm.Merge{SurvivorID: s.ID, MergedID: 999})
	wantCode(t, err, crm.ENOTFOUND)
}
