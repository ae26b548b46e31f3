package web_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// A conversation belongs, for visibility, to its assignee; an unassigned one
// is the shared inbox that everyone sees. Ingest assigns a new sender's
// conversation with the lead the team's round robin gives out.
func TestConversationVisibility(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	box := e.inbox(e.teamA)
	convs := map[string]int64{} // assignee → conversation
	// No assignment rule yet: the lead stays in the pool, the conversation
	// unassigned.
	res := box.mail(t, "p0@qq.com", "询价", "请报价", "")
	convs["inbox"] = res.ConversationID
	e.call("manager", "PUT", fmt.Sprintf("/api/v1/teams/%d/assignment-rule", e.teamA), record{"lead_cap": 10}, 200, nil)
	for _, rep := range []string{"rep1", "rep2"} {
		res := box.mail(t, rep+"-lead@qq.com", "询价", "请报价", "")
		var c crm.Conversation
		e.call("admin", "GET", convPath(res.ConversationID, ""), nil, 200, &c)
		if c.AssigneeID == nil || *c.AssigneeID != e.id(rep) {
			t.Fatalf("conversation %d assigned to %v, want %s", c.ID, c.AssigneeID, rep)
		}
		convs[rep] = c.ID
	}
	sees := map[string][]string{
		"admin":   {"inbox", "rep1", "rep2"},
		"manager": {"inbox", "rep1", "rep2"},
		"rep1":    {"inbox", "rep1"},
		"rep2":    {"inbox", "rep2"},
		"rep3":    {"inbox"},
	}
	for who, visible := range sees {
		t.Run(who, func(t *testing.T) {
			for owner, id := range convs {
				want := 404
				if slices.Contains(visible, owner) {
					want = 200
				}
				e.call(who, "GET", convPath(id, ""), nil, want, nil)
				e.call(who, "GET", convPath(id, "/messages"), nil, want, nil)
				if want == 404 {
					e.fail(who, "POST", convPath(id, "/review"), record{"lead_id": 1}, 404, "not_found")
				}
			}
		})
	}
	e.fail("rep1", "GET", convPath(999, ""), nil, 404, "not_found")
	e.fail("rep1", "GET", "/api/v1/conversations/abc/messages", nil, 404, "not_found")
	e.fail("", "GET", convPath(convs["inbox"], ""), nil, 401, "unauthorized")
}

// Messages come oldest first, a page at a time, each with its links and the
// rule and value that made each link.
func TestMessagesPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var ct record
	e.call("rep1", "POST", "/api/v1/contacts", record{"name": "李伟", "emails": []string{"li@huaqiang.example"}}, 201, &ct)
	box := e.inbox(0)
	first := box.mail(t, "li@huaqiang.example", "样品", "第一封", "")
	for i, text := range []string{"第二封", "第三封"} {
		res := box.mail(t, "li@huaqiang.example", "Re: 样品", text, messageID(i+1))
		if res.ConversationID != first.ConversationID {
			t.Fatalf("reply %d went to conversation %d, want %d", i+1, res.ConversationID, first.ConversationID)
		}
	}
	path := convPath(first.ConversationID, "/messages")
	var p1, p2 messageList
	e.call("rep1", "GET", path+"?limit=2", nil, 200, &p1)
	if len(p1.Items) != 2 || p1.Items[0].Text != "第一封" || p1.Items[1].Text != "第二封" || p1.Next != p1.Items[1].ID {
		t.Fatalf("first page %+v: want the two oldest and a cursor", p1)
	}
	e.call("rep1", "GET", fmt.Sprintf("%s?limit=2&after=%d", path, p1.Next), nil, 200, &p2)
	if len(p2.Items) != 1 || p2.Items[0].Text != "第三封" || p2.Next != 0 {
		t.Fatalf("second page %+v: want the newest and no cursor", p2)
	}
	for _, m := range append(p1.Items, p2.Items...) {
		rule, ok := hasLink(m.Links, crm.RefContact, ct.id())
		if !ok || rule != crm.RuleEmail || m.Direction != crm.DirectionIn {
			t.Errorf("message %d links %+v: want the contact by email", m.ID, m.Links)
		}
		for _, l := range m.Links {
			if l.Rule == "" || l.Value == "" {
				t.Errorf("message %d: link %+v lacks its reason", m.ID, l)
			}
		}
	}
	if _, ok := hasLink(p2.Items[0].Links, crm.RefConversation, first.ConversationID); !ok {
		t.Errorf("reply links %+v: want the thread link", p2.Items[0].Links)
	}
	for _, q := range []struct{ query, field string }{
		{"?limit=0", "limit"}, {"?limit=501", "limit"}, {"?after=-1", "after"}, {"?before=3", "before"},
	} {
		ae := e.fail("rep1", "GET", path+q.query, nil, 400, "invalid")
		if ae.Fields[q.field] == "" {
			t.Errorf("%s: fields %v do not name %s", q.query, ae.Fields, q.field)
		}
	}
}

// Tasks and follow-ups may point at conversations the user can see only.
func TestConversationRefsChecked(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	e.call("admin", "PUT", fmt.Sprintf("/api/v1/teams/%d/assignment-rule", e.teamA), record{"lead_cap": 10}, 200, nil)
	conv := e.inbox(e.teamA).mail(t, "p1@qq.com", "询价", "请报价", "").ConversationID // rep1's
	refs := []record{{"kind": "conversation", "id": conv}}
	ae := e.fail("rep2", "POST", "/api/v1/tasks", record{"title": "回复", "refs": refs}, 400, "invalid")
	if ae.Fields["refs"] == "" {
		t.Errorf("fields %v do not name refs", ae.Fields)
	}
	e.fail("rep2", "POST", "/api/v1/follow-ups", record{"method": "email", "refs": refs}, 400, "invalid")
	e.call("rep1", "POST", "/api/v1/tasks", record{"title": "回复", "refs": refs}, 201, nil)
}
