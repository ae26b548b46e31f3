package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// The inbox API over a real server: filters and counts, assignment rules,
// status, labels, notes, canned replies, presence and the send check.
func TestInboxAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	in := e.inbox(0)
	res := in.mail(t, "wang@kunde.example", "询价", "请报价激光打印机", "")
	conv := res.ConversationID
	path := func(s string) string { return fmt.Sprintf("/api/v1/conversations/%d%s", conv, s) }

	var page crm.InboxPage
	e.call("rep1", "GET", "/api/v1/inbox?view=unassigned&q=打印机", nil, 200, &page)
	if len(page.Items) != 1 || page.Items[0].ID != conv || page.Items[0].Preview != "请报价激光打印机" {
		t.Fatalf("inbox: %+v", page)
	}
	e.call("rep1", "GET", "/api/v1/inbox?view=everything", nil, 400, nil)

	for _, tc := range []struct {
		who, method, suffix string
		body                any
		want                int
	}{
		{"rep1", "PUT", "/assignment", crm.Assignment{AssigneeID: ptr(e.id("rep2"))}, 403},
		{"rep1", "PUT", "/assignment", crm.Assignment{AssigneeID: ptr(e.id("rep1")), TeamID: &e.teamA}, 200},
		{"rep3", "PUT", "/status", map[string]string{"status": "resolved"}, 404}, // not theirs any more
		{"rep1", "PUT", "/status", map[string]string{"status": "snoozed"}, 400},
		{"rep1", "PUT", "/status", map[string]any{"status": "snoozed", "snoozed_until": e.clock.Now().Add(time.Hour)}, 200},
		{"rep1", "PUT", "/labels", map[string][]string{"labels": {"VIP", "发票"}}, 200},
		{"rep1", "POST", "/notes", map[string]string{"text": "客户很急"}, 201},
		{"rep1", "POST", "/presence", map[string]string{"state": "typing"}, 200},
		{"rep1", "POST", "/presence", map[string]string{"state": "dancing"}, 400},
		{"rep3", "POST", "/presence", map[string]string{"state": "viewing"}, 404},
		{"rep1", "POST", "/reply", map[string]string{"text": "好的"}, 400}, // this server has no outbox
	} {
		e.call(tc.who, tc.method, path(tc.suffix), tc.body, tc.want, nil)
	}
	var counts crm.InboxCounts
	e.call("rep1", "GET", "/api/v1/inbox/counts?view=mine", nil, 200, &counts)
	if counts.Statuses["snoozed"] != 1 || counts.Views["mine"] != 1 {
		t.Errorf("counts %+v", counts)
	}
	e.call("rep1", "GET", "/api/v1/inbox?label=发票&status=snoozed", nil, 200, &page)
	if len(page.Items) != 1 {
		t.Errorf("by label: %+v", page)
	}
	var notes []crm.Note
	e.call("manager", "GET", path("/notes"), nil, 200, &notes)
	if len(notes) != 1 || notes[0].AuthorName != "Rep1" {
		t.Errorf("notes %+v", notes)
	}
	var who []struct {
		Name  string `json:"name"`
		State string `json:"state"`
	}
	e.call("manager", "GET", path("/presence"), nil, 200, &who)
	if len(who) != 1 || who[0].Name != "Rep1" || who[0].State != "typing" {
		t.Errorf("presence %+v", who)
	}
	var can struct {
		OK     bool   `json:"ok"`
		Reason string `json:"reason"`
	}
	e.call("rep1", "GET", path("/can-send"), nil, 200, &can)
	if can.OK || can.Reason == "" {
		t.Errorf("can-send %+v", can)
	}

	var cr crm.CannedReply
	e.call("rep1", "POST", "/api/v1/canned-replies", crm.CannedReply{Title: "问候", Text: "您好！"}, 201, &cr)
	e.call("rep1", "DELETE", fmt.Sprintf("/api/v1/canned-replies/%d", cr.ID), nil, 403, nil)
	e.call("admin", "DELETE", fmt.Sprintf("/api/v1/canned-replies/%d", cr.ID), nil, 200, nil)

	// The page in Chinese, with the hostile parts of nothing: just renders.
	b := e.call("rep1", "GET", fmt.Sprintf("/inbox/%d?lang=zh-CN", conv), nil, 200, nil)
	for _, want := range []string{"请报价激光打印机", "客户很急", "内部备注", "发送"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("conversation page lacks %q", want)
		}
	}
	e.call("rep3", "GET", fmt.Sprintf("/inbox/%d", conv), nil, 404, nil)
}
