package storetest

import (
	"context"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testFindMessages: messages across conversations by Message-ID, contact,
// direction and time, newest first, paged, only in conversations the
// viewer may see; a lead names the message that made it; a quoted contract
// reads back as a contract link.
func testFindMessages(t *testing.T, h *ingestHarness) {
	cust := &crm.Customer{Name: "华强电子"}
	must(t, h.s.CreateCustomer(ctx, cust))
	ct := &crm.Contact{Name: "李伟", Emails: []string{"li@huaqiang.example"}, CustomerID: &cust.ID}
	must(t, h.s.CreateContact(ctx, ct))
	must(t, h.s.CreateOrder(ctx, &crm.Order{Kind: crm.OrderKindContract, Number: "HT2026001", CustomerID: cust.ID}))
	a := mail("li@huaqiang.example", "合同", "合同 HT2026001 已盖章")
	b := mail("li@huaqiang.example", "Re: 合同", "好的")
	b.ReceivedAt, b.References = aTime(1), []string{a.MessageRef}
	c := mail("new.buyer@gmail.com", "询价", "请报价")
	c.ReceivedAt = aTime(2)
	ra, rb, rc := h.ingest(t, a), h.ingest(t, b), h.ingest(t, c)
	conv, err := h.s.Conversation(ctx, crm.System, ra.ConversationID)
	must(t, err)
	conv.AssigneeID = &h.w.repA1.ID
	cw, ok := h.s.(interface {
		UpdateConversation(context.Context, *crm.Conversation) error
	})
	if !ok {
		t.Fatal("the store cannot update a conversation")
	}
	must(t, cw.UpdateConversation(ctx, conv))

	since := aTime(1)
	tests := []struct {
		name string
		f    crm.MessageFilter
		want []int64
	}{
		{"by Message-ID, bare", crm.MessageFilter{Viewer: h.w.repA1.Viewer(), MessageRef: trimAngles(a.MessageRef)}, []int64{ra.MessageID}},
		{"by Message-ID, bracketed", crm.MessageFilter{Viewer: h.w.repA1.Viewer(), MessageRef: b.MessageRef}, []int64{rb.MessageID}},
		{"not another team's", crm.MessageFilter{Viewer: h.w.repB.Viewer(), MessageRef: a.MessageRef}, []int64{}},
		{"by contact", crm.MessageFilter{Viewer: crm.System, ContactID: &ct.ID}, []int64{rb.MessageID, ra.MessageID}},
		{"since", crm.MessageFilter{Viewer: crm.System, Since: &since}, []int64{rc.MessageID, rb.MessageID}},
		{"paged", crm.MessageFilter{Viewer: crm.System, Page: crm.Page{Limit: 1, After: rc.MessageID}}, []int64{rb.MessageID}},
		{"outbound", crm.MessageFilter{Viewer: crm.System, Direction: crm.DirectionOut}, []int64{}},
	}
	for _, tt := range tests {
		l, err := h.s.FindMessages(ctx, tt.f)
		must(t, err)
		got := []int64{}
		for _, m := range l.Items {
			got = append(got, m.ID)
		}
		same(t, "messages "+tt.name, got, tt.want)
	}
	_, err = h.s.FindMessages(ctx, crm.MessageFilter{Viewer: crm.System, Channel: "fax"})
	wantFields(t, err, "channel")

	l, err := h.s.FindMessages(ctx, crm.MessageFilter{Viewer: crm.System, MessageRef: a.MessageRef})
	must(t, err)
	if len(l.Items) != 1 || !hasKindLink(l.Items[0].Links, crm.RefContract) {
		t.Errorf("links %+v: want the contract as kind contract", l.Items)
	}
	lead, err := h.s.Lead(ctx, crm.System, rc.LeadID)
	must(t, err)
	if lead.SourceMessageID == nil || *lead.SourceMessageID != rc.MessageID {
		t.Errorf("lead source %v, want message %d", lead.SourceMessageID, rc.MessageID)
	}
}

func trimAngles(s string) string { return s[1 : len(s)-1] }

func hasKindLink(ls []crm.Link, kind string) bool {
	for _, l := range ls {
		if l.Kind == kind {
			return true
		}
	}
	return false
}
