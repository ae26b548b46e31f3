package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func testIngestRoundRobin(t *testing.T, h *ingestHarness) {
	must(t, h.s.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: h.w.teamA.ID, LeadCap: 1}))
	wantFields(t, h.s.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: h.w.teamA.ID, LeadCap: -1}), "lead_cap")
	h.start(t, h.w.teamA.ID)
	var owners []*int64
	for _, from := range []string{"p1@qq.com", "p2@qq.com", "p3@qq.com"} {
		res := h.ingest(t, mail(from, "hello", "hi"))
		l, err := h.s.Lead(ctx, crm.System, res.LeadID)
		must(t, err)
		c, err := h.s.Conversation(ctx, crm.System, res.ConversationID)
		must(t, err)
		same(t, "conversation assignee", c.AssigneeID, l.OwnerID)
		owners = append(owners, l.OwnerID)
	}
	same(t, "owners (reps in turn, then the pool at the cap)", owners, []*int64{&h.w.repA1.ID, &h.w.repA2.ID, nil})
	testIngestedCountdown(t, h)
}

// testIngestedCountdown: ingest's batches do not compute the pool's
// countdown; RefreshUnchecked (the pool sweep's first step) does, from the
// lead's claim time.
func testIngestedCountdown(t *testing.T, h *ingestHarness) {
	must(t, h.s.SavePoolRule(ctx, &crm.PoolRule{Kind: crm.RefLead, IdleDays: 7}))
	res := h.ingest(t, mail("p4@qq.com", "again", "hi"))
	must(t, h.s.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: h.w.teamA.ID, LeadCap: 5}))
	res = h.ingest(t, mail("p5@qq.com", "again", "hi"))
	n, err := h.s.RefreshUnchecked(ctx, 100)
	must(t, err)
	if n == 0 {
		t.Fatal("RefreshUnchecked found no unchecked lead after ingest")
	}
	l, err := h.s.Lead(ctx, crm.System, res.LeadID)
	must(t, err)
	if l.OwnerID == nil || l.ClaimedAt == nil || l.ReclaimAt == nil || !l.ReclaimAt.Equal(l.ClaimedAt.AddDate(0, 0, 7)) {
		t.Fatalf("ingested lead: owner %v claimed %v reclaim %v, want the claim plus 7 days", l.OwnerID, l.ClaimedAt, l.ReclaimAt)
	}
}

// A message's own team (a web form's) assigns its new lead in the ingest
// transaction, ahead of the writer's default team; a lead at a known
// customer still goes to the customer's owner.
func testIngestMessageTeam(t *testing.T, h *ingestHarness) {
	for _, team := range []*crm.Team{h.w.teamA, h.w.teamB} {
		must(t, h.s.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: team.ID, LeadCap: 10}))
	}
	h.start(t, h.w.teamA.ID)
	in := mail("visitor@qq.com", "官网咨询", "请报价")
	in.LeadTeamID = h.w.teamB.ID
	res := h.ingest(t, in)
	l, err := h.s.Lead(ctx, crm.System, res.LeadID)
	must(t, err)
	if l.OwnerID == nil || *l.OwnerID != h.w.repB.ID || l.ClaimedAt == nil {
		t.Fatalf("lead owner %v claimed %v: want team B's rep %d", l.OwnerID, l.ClaimedAt, h.w.repB.ID)
	}
	res = h.ingest(t, mail("other@qq.com", "hello", "hi"))
	l, err = h.s.Lead(ctx, crm.System, res.LeadID)
	must(t, err)
	if l.OwnerID == nil || *l.OwnerID != h.w.repA1.ID {
		t.Fatalf("lead owner %v: without a team of its own a message's lead goes to the default team A", l.OwnerID)
	}
}

func testIngestReview(t *testing.T, h *ingestHarness) {
	x := &crm.Contact{Name: "张伟", Phones: []string{"13800138000"}}
	y := &crm.Contact{Name: "张薇", Phones: []string{"+86 138 0013 8000"}}
	must(t, h.s.CreateContact(ctx, x))
	must(t, h.s.CreateContact(ctx, y))
	in := mail("zw@qq.com", "回电", "请回电 13800138000")
	res := h.ingest(t, in)
	if !res.NeedsReview || res.ContactID != 0 {
		t.Fatalf("result %+v: a shared phone must go to review, linked to no contact", res)
	}
	q, err := h.s.ReviewQueue(ctx, crm.System, crm.Page{})
	must(t, err)
	if len(q.Items) != 1 || len(q.Items[0].Candidates) < 2 {
		t.Fatalf("review queue %+v: want the conversation with both candidates", q.Items)
	}
	c, err := h.s.ResolveReview(ctx, h.w.admin.Viewer(), crm.Relink{ConversationID: res.ConversationID, ContactID: &y.ID})
	must(t, err)
	if c.NeedsReview || c.ContactID == nil || *c.ContactID != y.ID {
		t.Fatalf("after review %+v: want contact %d, no review flag", c, y.ID)
	}
	msgs := h.messages(t, c.ID)
	if !hasLink(msgs[0].Links, crm.RefContact, y.ID) || hasLink(msgs[0].Links, crm.RefContact, x.ID) {
		t.Fatalf("links %+v: want only the chosen contact", msgs[0].Links)
	}
	audit, err := h.s.AuditOf(ctx, crm.Ref{Kind: crm.RefConversation, ID: c.ID}, 10)
	must(t, err)
	if len(audit) != 1 || audit[0].ActorID == nil || *audit[0].ActorID != h.w.admin.ID {
		t.Fatalf("audit %+v: want one entry by the admin", audit)
	}
	q, err = h.s.ReviewQueue(ctx, crm.System, crm.Page{})
	must(t, err)
	if len(q.Items) != 0 {
		t.Fatalf("review queue still holds %d", len(q.Items))
	}
	_, err = h.s.ResolveReview(ctx, h.w.repB.Viewer(), crm.Relink{ConversationID: res.ConversationID})
	wantFields(t, err, "contact_id")
}

// testReviewKeepsLeadSource: a rep who links a new lead's conversation to
// a customer keeps the lead, and the lead keeps the message that made it.
func testReviewKeepsLeadSource(t *testing.T, h *ingestHarness) {
	res := h.ingest(t, mail("newbuyer@163.com", "询价", "请报价 500 件"))
	if res.LeadID == 0 {
		t.Fatalf("result %+v: an unknown sender must make a lead", res)
	}
	cust := &crm.Customer{Name: "温州鞋业"}
	must(t, cust.Normalize())
	must(t, h.s.CreateCustomer(ctx, cust))
	c, err := h.s.ResolveReview(ctx, h.w.admin.Viewer(), crm.Relink{ConversationID: res.ConversationID, CustomerID: &cust.ID})
	must(t, err)
	if c.LeadID == nil || *c.LeadID != res.LeadID {
		t.Fatalf("after the re-link the conversation's lead is %v, want %d kept", c.LeadID, res.LeadID)
	}
	lead, err := h.s.Lead(ctx, crm.System, res.LeadID)
	must(t, err)
	if lead.SourceMessageID == nil || *lead.SourceMessageID != res.MessageID {
		t.Errorf("lead source %v, want message %d", lead.SourceMessageID, res.MessageID)
	}
	msgs := h.messages(t, c.ID)
	leadLinks := 0
	for _, l := range msgs[0].Links {
		if l.Kind == crm.RefLead {
			leadLinks++
		}
	}
	if leadLinks != 1 || !hasLink(msgs[0].Links, crm.RefCustomer, cust.ID) {
		t.Errorf("links %+v: want the lead once and the chosen customer", msgs[0].Links)
	}
}

// testIngestCustomerOwner: ownership follows the customer: a message from
// a customer's contact who has no owner of their own goes to the
// customer's owner; a contact's own owner comes first.
func testIngestCustomerOwner(t *testing.T, h *ingestHarness) {
	cust := &crm.Customer{Name: "宁波模具厂", OwnerID: ptr(h.w.repA2.ID)}
	must(t, h.s.CreateCustomer(ctx, cust))
	tests := []struct {
		email string
		owner *int64
		want  int64
	}{
		{"wu.gang@mould.example", nil, h.w.repA2.ID},
		{"li.na@mould.example", ptr(h.w.repB.ID), h.w.repB.ID},
	}
	for _, tt := range tests {
		must(t, h.s.CreateContact(ctx, &crm.Contact{Name: tt.email, CustomerID: &cust.ID, Emails: []string{tt.email}, OwnerID: tt.owner}))
		res := h.ingest(t, mail(tt.email, "询价 "+tt.email, "请报价"))
		c, err := h.s.Conversation(ctx, crm.System, res.ConversationID)
		must(t, err)
		if c.AssigneeID == nil || *c.AssigneeID != tt.want {
			t.Errorf("%s: conversation assigned to %v, want %d", tt.email, c.AssigneeID, tt.want)
		}
	}
}
