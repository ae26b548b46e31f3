package storetest

import (
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

	all, err := ls.ListLabels(ctx)
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
	all, _ = ls.ListLabels(ctx)
	same(t, "labels left", len(all), 2)
	wantCode(t, ls.DeleteLabel(ctx, byName["华南"].ID), crm.ENOTFOUND)
	// A tag typed on a customer is a label of its own from then on.
	cu.Tags = []string{"新标签"}
	must(t, s.UpdateCustomer(ctx, crm.System, cu))
	all, _ = ls.ListLabels(ctx)
	same(t, "labels after a new tag", len(all), 3)
}
