package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunLabels: labels are records of their own. A customer's tags and a
// conversation's labels point at them by id, so a rename or a deletion
// reaches every record at once, in what the records show and in what the
// filters find; the colour comes from the palette.
func RunLabels(t *testing.T, open Opener) {
	s := open(t)
	ls, ok := s.(interface {
		crm.LabelStore
		crm.InboxStore
		timelineStore
	})
	if !ok {
		t.Fatalf("%T manages no labels", s)
	}
	cu := &crm.Customer{Name: "标签客户", Tags: []string{"VIP", "华南"}}
	must(t, s.CreateCustomer(ctx, cu))
	other := &crm.Customer{Name: "Other", Tags: []string{"华南"}}
	must(t, s.CreateCustomer(ctx, other))
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	conv := &crm.Conversation{Channel: crm.ChannelEmail, Account: "1", Status: crm.ConvOpen, LastMessageAt: at, CreatedAt: at}
	must(t, ls.CreateConversation(ctx, conv))
	_, err := ls.SetLabels(ctx, crm.System, conv.ID, []string{"VIP", "退款"})
	must(t, err)

	all, err := ls.ListLabels(ctx, crm.System)
	must(t, err)
	byName := map[string]*crm.Label{}
	for _, l := range all {
		byName[l.Name] = l
	}
	vip := byName["VIP"]
	if len(all) != 3 || vip == nil || vip.Customers != 1 || vip.Conversations != 1 || byName["华南"].Customers != 2 {
		t.Fatalf("labels %+v", all)
	}
	same(t, "a new label's colour", vip.Color, "gray")

	wantFields(t, ls.CreateLabel(ctx, &crm.Label{Name: "x", Color: "chartreuse"}), "color")
	wantCode(t, ls.CreateLabel(ctx, &crm.Label{Name: "VIP"}), crm.ECONFLICT)
	wantCode(t, ls.UpdateLabel(ctx, &crm.Label{ID: vip.ID, Name: "华南"}), crm.ECONFLICT)
	wantCode(t, ls.UpdateLabel(ctx, &crm.Label{ID: 99999, Name: "n"}), crm.ENOTFOUND)

	must(t, ls.UpdateLabel(ctx, &crm.Label{ID: vip.ID, Name: "重点客户", Color: "red"}))
	got, err := s.Customer(ctx, crm.System, cu.ID)
	must(t, err)
	same(t, "customer's tags after the rename", got.Tags, []string{"华南", "重点客户"})
	c, err := s.Conversation(ctx, crm.System, conv.ID)
	must(t, err)
	same(t, "conversation's labels after the rename", c.Labels, []string{"退款", "重点客户"})
	l, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System, Tag: "重点客户"})
	must(t, err)
	same(t, "customers found by the new name", len(l.Items), 1)
	l, err = s.ListCustomers(ctx, crm.CustomerFilter{Viewer: crm.System, Tag: "VIP"})
	must(t, err)
	same(t, "customers found by the old name", len(l.Items), 0)
	inbox, err := ls.Inbox(ctx, crm.InboxQuery{Viewer: crm.System, Label: "重点客户"})
	must(t, err)
	same(t, "conversations found by the new name", len(inbox.Items), 1)

	must(t, ls.DeleteLabel(ctx, byName["华南"].ID))
	got, _ = s.Customer(ctx, crm.System, other.ID)
	same(t, "tags after the deletion", got.Tags, []string{})
	all, _ = ls.ListLabels(ctx, crm.System)
	same(t, "labels left", len(all), 2)
	wantCode(t, ls.DeleteLabel(ctx, byName["华南"].ID), crm.ENOTFOUND)
	// A tag typed on a customer is a label of its own from then on.
	cu.Tags = []string{"新标签"}
	must(t, s.UpdateCustomer(ctx, crm.System, cu))
	all, _ = ls.ListLabels(ctx, crm.System)
	same(t, "labels after a new tag", len(all), 3)
	runLeadContactLabels(t, s, ls)
}

// runLeadContactLabels: leads and contacts carry the same labels as
// customers, by id: counted, found by the list filters, renamed and
// deleted with the rest.
func runLeadContactLabels(t *testing.T, s crm.Store, ls crm.LabelStore) {
	t.Helper()
	ld := &crm.Lead{Name: "标签线索", Tags: []string{"展会", " 展会 ", "新标签"}}
	must(t, s.CreateLead(ctx, ld))
	same(t, "a new lead's tags, cleaned", ld.Tags, []string{"展会", "新标签"})
	bare := &crm.Lead{Name: "No labels"}
	must(t, s.CreateLead(ctx, bare))
	ct := &crm.Contact{Name: "标签联系人", Tags: []string{"展会"}}
	must(t, s.CreateContact(ctx, ct))

	counts := func() map[string]*crm.Label {
		all, err := ls.ListLabels(ctx, crm.System)
		must(t, err)
		m := map[string]*crm.Label{}
		for _, l := range all {
			m[l.Name] = l
		}
		return m
	}
	byName := counts()
	if e := byName["展会"]; e == nil || e.Leads != 1 || e.Contacts != 1 || e.Customers != 0 {
		t.Fatalf("展会 %+v", e)
	}
	if n := byName["新标签"]; n == nil || n.Leads != 1 || n.Customers != 1 {
		t.Fatalf("新标签 %+v", n)
	}
	got, err := s.Lead(ctx, crm.System, bare.ID)
	must(t, err)
	same(t, "an unlabelled lead's tags", got.Tags, []string{})

	must(t, ls.UpdateLabel(ctx, &crm.Label{ID: byName["展会"].ID, Name: "展会2026", Color: "blue"}))
	got, err = s.Lead(ctx, crm.System, ld.ID)
	must(t, err)
	same(t, "lead's tags after the rename", got.Tags, []string{"新标签", "展会2026"})
	c, err := s.Contact(ctx, crm.System, ct.ID)
	must(t, err)
	same(t, "contact's tags after the rename", c.Tags, []string{"展会2026"})
	leads, err := s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Tag: "展会2026"})
	must(t, err)
	same(t, "leads found by the new name", len(leads.Items), 1)
	leads, err = s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Tag: "展会"})
	must(t, err)
	same(t, "leads found by the old name", len(leads.Items), 0)
	contacts, err := s.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System, Tag: "展会2026"})
	must(t, err)
	same(t, "contacts found by the new name", len(contacts.Items), 1)

	// An edit replaces the links: the label dropped is no longer counted.
	got.Tags = []string{"展会2026"}
	must(t, s.UpdateLead(ctx, crm.System, got))
	same(t, "新标签 on leads after the edit", counts()["新标签"].Leads, int64(0))
	c.Tags = []string{"展会2026", "VIP联系人"}
	must(t, s.UpdateContact(ctx, crm.System, c))
	same(t, "a label typed on a contact", counts()["VIP联系人"].Contacts, int64(1))

	// The counts follow what the asker may see: repA1 counts her own and
	// the pool's, her manager the team's, repB neither of repA1's.
	w := newWorld(t, s)
	for _, o := range []*crm.User{w.repA1, w.repA2, w.repB} {
		must(t, s.CreateLead(ctx, &crm.Lead{Name: "Seen by " + o.Email, OwnerID: &o.ID, Tags: []string{"可见"}}))
		must(t, s.CreateContact(ctx, &crm.Contact{Name: "Seen by " + o.Email, OwnerID: &o.ID, Tags: []string{"可见"}}))
	}
	must(t, s.CreateLead(ctx, &crm.Lead{Name: "In the pool", Tags: []string{"可见"}}))
	for _, c := range []struct {
		u      *crm.User
		leads  int64
		people int64
	}{{w.admin, 4, 3}, {w.mgrA, 3, 2}, {w.repA1, 2, 1}, {w.repB, 2, 1}} {
		all, err := ls.ListLabels(ctx, viewer(c.u))
		must(t, err)
		i := slices.IndexFunc(all, func(l *crm.Label) bool { return l.Name == "可见" })
		if i < 0 || all[i].Leads != c.leads || all[i].Contacts != c.people {
			t.Errorf("%s counts %+v; want %d leads, %d contacts", c.u.Email, all, c.leads, c.people)
		}
	}

	must(t, ls.DeleteLabel(ctx, byName["展会"].ID))
	got, _ = s.Lead(ctx, crm.System, ld.ID)
	same(t, "lead's tags after the deletion", got.Tags, []string{})
	c, _ = s.Contact(ctx, crm.System, ct.ID)
	same(t, "contact's tags after the deletion", c.Tags, []string{"VIP联系人"})
	leads, err = s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Tag: "展会2026"})
	must(t, err)
	same(t, "leads found after the deletion", len(leads.Items), 0)
}
