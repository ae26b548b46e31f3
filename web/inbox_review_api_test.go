package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

type reviewList struct {
	Items []struct {
		Conversation crm.Conversation `json:"conversation"`
		Candidates   []crm.Candidate  `json:"candidates"`
	} `json:"items"`
	Next int64 `json:"next"`
}

// Two contacts share a phone; a mail quoting it goes to the review queue
// with both as candidates. A rep may confirm the one they can see, not the
// other; a manager may re-link it later. Every decision is audited.
func TestReviewConfirmAndRelink(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var x, y record
	e.call("rep1", "POST", "/api/v1/contacts", record{"name": "张伟", "phones": []string{"13800138000"}}, 201, &x)
	e.call("rep2", "POST", "/api/v1/contacts", record{"name": "张薇", "phones": []string{"+86 138 0013 8000"}}, 201, &y)
	res := e.inbox(0).mail(t, "zw@qq.com", "回电", "请回电 13800138000", "")
	if !res.NeedsReview {
		t.Fatalf("ingest %+v: a shared phone must go to review", res)
	}
	conv := res.ConversationID
	for _, who := range []string{"rep1", "rep3", "admin"} { // unassigned: the shared inbox
		var q reviewList
		e.call(who, "GET", "/api/v1/review", nil, 200, &q)
		if len(q.Items) != 1 || q.Items[0].Conversation.ID != conv || !q.Items[0].Conversation.NeedsReview {
			t.Fatalf("%s's review queue %+v: want conversation %d", who, q.Items, conv)
		}
		wantCandidates(t, q.Items[0].Candidates, x.id(), y.id())
	}
	path := convPath(conv, "/review")
	ae := e.fail("rep1", "POST", path, record{"contact_id": y.id()}, 404, "not_found")
	if ae.Fields["contact_id"] == "" {
		t.Errorf("relink to an invisible contact: fields %v do not name contact_id", ae.Fields)
	}
	for _, tt := range []struct {
		body  any
		field string
	}{
		{record{}, "contact_id"},
		{record{"contact_id": 0}, "contact_id"},
		{record{"contact_id": x.id(), "conversation_id": conv + 1}, "conversation_id"},
		{record{"contact_id": x.id(), "note": strings.Repeat("很", 2001)}, "note"},
		{record{"lead_id": "x"}, "lead_id"},
	} {
		ae := e.fail("rep1", "POST", path, tt.body, 400, "invalid")
		if ae.Fields[tt.field] == "" {
			t.Errorf("%v: fields %v do not name %s", tt.body, ae.Fields, tt.field)
		}
	}
	var c crm.Conversation
	e.call("rep1", "POST", path, record{"contact_id": x.id(), "note": "同一人，电话确认"}, 200, &c)
	if c.NeedsReview || c.ContactID == nil || *c.ContactID != x.id() {
		t.Fatalf("after confirm %+v: want contact %d, no review flag", c, x.id())
	}
	var q reviewList
	e.call("rep1", "GET", "/api/v1/review", nil, 200, &q)
	if len(q.Items) != 0 {
		t.Errorf("review queue after confirm: %+v", q.Items)
	}
	wantOnlyContact(t, e, conv, x.id(), y.id(), crm.RuleReview)
	// A manager sees both contacts (team A) and moves the conversation.
	e.call("manager", "POST", path, record{"contact_id": y.id()}, 200, &c)
	wantOnlyContact(t, e, conv, y.id(), x.id(), crm.RuleReview)
	audit, err := e.db.AuditOf(context.Background(), crm.Ref{Kind: crm.RefConversation, ID: conv}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != 2 || *audit[0].ActorID != e.id("manager") || *audit[1].ActorID != e.id("rep1") ||
		!strings.Contains(audit[1].Detail, "同一人") {
		t.Errorf("audit %+v: want rep1's confirm with its note, then the manager's re-link", audit)
	}
}

func wantCandidates(t *testing.T, cs []crm.Candidate, ids ...int64) {
	t.Helper()
	if len(cs) != len(ids) {
		t.Fatalf("candidates %+v: want contacts %v", cs, ids)
	}
	for _, id := range ids {
		found := false
		for _, c := range cs {
			if c.Kind == crm.RefContact && c.ID == id {
				found = c.Rule == crm.RulePhone && c.Value == "+8613800138000" && c.Label != ""
			}
		}
		if !found {
			t.Errorf("candidates %+v: want contact %d by phone +8613800138000, labelled", cs, id)
		}
	}
}

// The queue pages oldest first, and shows each user only the conversations
// they may see.
func TestReviewQueuePages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	for _, who := range []string{"rep1", "rep2"} {
		e.call(who, "POST", "/api/v1/contacts", record{"name": who, "phones": []string{"13900139000"}}, 201, nil)
	}
	box := e.inbox(0)
	var ids []int64
	for i := range 3 {
		ids = append(ids, box.mail(t, fmt.Sprintf("s%d@qq.com", i), "回电", "请回电 13900139000", "").ConversationID)
	}
	var p1, p2 reviewList
	e.call("rep3", "GET", "/api/v1/review?limit=2", nil, 200, &p1)
	e.call("rep3", "GET", fmt.Sprintf("/api/v1/review?limit=2&after=%d", p1.Next), nil, 200, &p2)
	if len(p1.Items) != 2 || p1.Items[0].Conversation.ID != ids[0] || p1.Items[1].Conversation.ID != ids[1] ||
		len(p2.Items) != 1 || p2.Items[0].Conversation.ID != ids[2] || p2.Next != 0 {
		t.Fatalf("pages %+v / %+v: want %v oldest first", p1, p2, ids)
	}
	// Given to rep2, the first one leaves rep3's queue.
	if err := assign(e, ids[0], e.id("rep2")); err != nil {
		t.Fatal(err)
	}
	var q reviewList
	e.call("rep3", "GET", "/api/v1/review", nil, 200, &q)
	if len(q.Items) != 2 || q.Items[0].Conversation.ID != ids[1] {
		t.Errorf("rep3's queue %+v: want the two unassigned", q.Items)
	}
	e.call("rep2", "GET", "/api/v1/review", nil, 200, &q)
	if len(q.Items) != 3 {
		t.Errorf("rep2's queue holds %d, want 3", len(q.Items))
	}
	e.fail("rep3", "GET", "/api/v1/review?limit=x", nil, 400, "invalid")
}

// assign gives a conversation to a user in the store: the API has no
// assignment route yet.
func assign(e *env, conv, user int64) error {
	ctx := context.Background()
	c, err := e.db.Conversation(ctx, crm.System, conv)
	if err != nil {
		return err
	}
	c.AssigneeID = &user
	return e.db.UpdateConversation(ctx, c)
}
