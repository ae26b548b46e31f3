package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// timelineStore is the read behind the record pages' timeline, with the
// writes that make its conversations and messages.
type timelineStore interface {
	crm.TimelineStore
	CreateConversation(ctx context.Context, c *crm.Conversation) error
	CreateMessage(ctx context.Context, m *crm.Message, raw []byte) error
}

// RunTimeline checks a customer's timeline: its contacts' messages, its
// follow-ups, tasks, orders, payments and audited changes, newest first,
// paged without gaps or repeats, and each part filtered for the viewer.
func RunTimeline(t *testing.T, open Opener) {
	s := open(t)
	ts, ok := s.(timelineStore)
	if !ok {
		t.Fatalf("%T has no Timeline", s)
	}
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "华强电子", OwnerID: ownerID(w.repA1)}
	must(t, s.CreateCustomer(ctx, cust))
	k := &crm.Contact{Name: "李伟", CustomerID: &cust.ID, OwnerID: ownerID(w.repA1)}
	must(t, s.CreateContact(ctx, k))
	at := func(h int) time.Time { return time.Date(2026, 3, 1, h, 0, 0, 0, time.UTC) }
	mine := seedConversation(t, ts, &k.ID, nil, w.repA1, at(1), 3)
	theirs := seedConversation(t, ts, nil, &cust.ID, w.repB, at(2), 2)
	must(t, s.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowCall, At: at(5), UserID: w.repA1.ID, Result: "报价",
		Refs: []crm.Ref{{Kind: crm.RefContact, ID: k.ID}}}))
	must(t, s.CreateTask(ctx, &crm.Task{Title: "寄样品", AssigneeID: ownerID(w.repA1), Status: crm.TaskOpen,
		Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: cust.ID}}}))
	o := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-TL-1", CustomerID: cust.ID, Amount: 5000, Currency: "CNY", OwnerID: ownerID(w.repB)}
	must(t, s.CreateOrder(ctx, o))
	must(t, s.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: o.ID, Amount: 2000, Method: crm.MethodBank, PaidAt: at(6)}))
	must(t, s.Audit(ctx, &crm.AuditEntry{Action: "customer.update", Subject: crm.Ref{Kind: crm.RefCustomer, ID: cust.ID}}))
	other := &crm.Customer{Name: "别家"}
	must(t, s.CreateCustomer(ctx, other))
	seedConversation(t, ts, nil, &other.ID, nil, at(3), 2)

	subj := crm.Ref{Kind: crm.RefCustomer, ID: cust.ID}
	all := timelineAll(t, ts, crm.TimelineQuery{Viewer: crm.System, Subject: subj, Limit: 2})
	counts := map[string]int{}
	for i, e := range all {
		counts[e.Kind]++
		if i > 0 && e.At.After(all[i-1].At) {
			t.Errorf("entry %d (%s %d at %s) after a newer one", i, e.Kind, e.ID, e.At)
		}
	}
	want := map[string]int{crm.TimelineMessage: 5, crm.TimelineFollowUp: 1, crm.TimelineTask: 1,
		crm.TimelineOrder: 1, crm.TimelinePayment: 1, crm.TimelineChange: 1}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("admin's timeline counts %v, want %v", counts, want)
	}
	// repA1 owns the customer: the contract repB signed shows (ownership
	// follows the customer), repB's conversation does not.
	rep := timelineAll(t, ts, crm.TimelineQuery{Viewer: w.repA1.Viewer(), Subject: subj})
	for _, e := range rep {
		if e.Kind == crm.TimelineMessage && e.Ref == theirs {
			t.Errorf("repA1 sees a message of repB's conversation: %+v", e)
		}
	}
	if len(rep) != len(all)-2 {
		t.Errorf("repA1 sees %d entries, want %d", len(rep), len(all)-2)
	}
	contact := timelineAll(t, ts, crm.TimelineQuery{Viewer: crm.System, Subject: crm.Ref{Kind: crm.RefContact, ID: k.ID}})
	if len(contact) != 4 || contact[0].Kind != crm.TimelineFollowUp || contact[1].Ref != mine {
		t.Errorf("contact's timeline: %+v", contact)
	}
	if _, err := ts.Timeline(ctx, crm.TimelineQuery{Viewer: crm.System, Subject: subj, Cursor: "nonsense"}); crm.ErrorCode(err) != crm.EINVALID {
		t.Errorf("a malformed cursor: %v", err)
	}
	if _, err := ts.Timeline(ctx, crm.TimelineQuery{Viewer: crm.System, Subject: crm.Ref{Kind: crm.RefOrder, ID: 1}}); crm.ErrorCode(err) != crm.EINVALID {
		t.Errorf("an order's timeline: %v", err)
	}
}

// timelineAll reads every page of a timeline, checking that none repeats.
func timelineAll(t *testing.T, ts timelineStore, q crm.TimelineQuery) []crm.TimelineEntry {
	t.Helper()
	var out []crm.TimelineEntry
	seen := map[string]bool{}
	for {
		page, err := ts.Timeline(ctx, q)
		must(t, err)
		for _, e := range page.Items {
			key := e.Kind + fmt.Sprint(e.ID)
			if seen[key] {
				t.Fatalf("%s repeated across pages", key)
			}
			seen[key] = true
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out
		}
		q.Cursor = page.Next
	}
}

// seedConversation stores a conversation with n inbound messages, an
// hour apart from start, and returns its id.
func seedConversation(t testing.TB, ts timelineStore, contact, customer *int64, assignee *crm.User, start time.Time, n int) int64 {
	c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "1", Subject: "询价", Status: crm.ConvOpen,
		ContactID: contact, CustomerID: customer, AssigneeID: ownerID(assignee), LastMessageAt: start, CreatedAt: start}
	if err := ts.CreateConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		at := start.Add(time.Duration(i) * time.Minute)
		m := &crm.Message{ConversationID: c.ID, Channel: c.Channel, Account: c.Account, Direction: crm.DirectionIn,
			ExternalID: fmt.Sprintf("tl-%d-%d", c.ID, i), Subject: "询价", Text: "请报价", SentAt: at, CreatedAt: at}
		if err := ts.CreateMessage(ctx, m, nil); err != nil {
			t.Fatal(err)
		}
	}
	return c.ID
}

// RunLeadConversations checks that a lead's conversations are listed as
// far as the viewer may see them.
func RunLeadConversations(t *testing.T, open Opener) {
	s := open(t)
	ts, ok := s.(interface {
		timelineStore
		crm.LeadConversationStore
	})
	if !ok {
		t.Fatalf("%T has no LeadConversations", s)
	}
	w := newWorld(t, s)
	l := &crm.Lead{Name: "张三", OwnerID: ownerID(w.repA1)}
	must(t, s.CreateLead(ctx, l))
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	mine := seedLeadConversation(t, ts, l.ID, w.repA1, at)
	theirs := seedLeadConversation(t, ts, l.ID, w.repB, at.Add(time.Hour))
	for _, tt := range []struct {
		who  *crm.User
		want []int64
	}{{w.admin, []int64{theirs, mine}}, {w.repA1, []int64{mine}}, {w.repA2, nil}} {
		cs, err := ts.LeadConversations(ctx, tt.who.Viewer(), l.ID, 10)
		must(t, err)
		var got []int64
		for _, c := range cs {
			got = append(got, c.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: %v, want %v", tt.who.Email, got, tt.want)
		}
	}
}

func seedLeadConversation(t *testing.T, ts timelineStore, lead int64, assignee *crm.User, at time.Time) int64 {
	c := &crm.Conversation{Channel: crm.ChannelWebForm, Account: "contact-us", Status: crm.ConvOpen, LeadID: &lead,
		AssigneeID: ownerID(assignee), LastMessageAt: at, CreatedAt: at}
	must(t, ts.CreateConversation(ctx, c))
	return c.ID
}
