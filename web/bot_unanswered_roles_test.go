package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// unsure records an unsure hand-off of a mail, as the bot would.
func unsure(t *testing.T, p *pager, in *inbox, from, text, reason string) *crm.IngestResult {
	t.Helper()
	res := in.mail(t, from, "问题", text, "")
	_, err := p.db.RecordBotDecision(context.Background(), &crm.BotDecision{MessageID: res.MessageID,
		ConversationID: res.ConversationID, Channel: crm.ChannelEmail, Account: "sales@rapport.example",
		Action: crm.BotHandoff, Reason: reason, DecidedAt: p.clock.Now()}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestUnansweredActionsAndRoles: only admins see and act on unanswered
// questions (a rep gets 403 on the page and the API); identical questions
// are one line with their count; a new FAQ entry written from one on the
// FAQ form, and a dismissal, take them off the list with an audit entry;
// bad input is refused with a clear error, in Chinese on a Chinese page.
func TestUnansweredActionsAndRoles(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	var ship crm.FAQ
	p.call("admin", http.MethodPost, "/api/v1/bot/faqs", map[string]any{"question": "运费怎么算？", "answer": "满99元包邮"},
		http.StatusCreated, &ship)
	in := p.inbox(0)
	guess := fmt.Sprintf("unsure: best faq %d score 0.31 (runner-up 0.05)", ship.ID)
	a := unsure(t, p, in, "a@kunde.example", "可以开专票吗？", "unsure: no faq entry matched")
	unsure(t, p, in, "b@kunde.example", "可以开专票吗", "unsure: no faq entry matched")
	c := unsure(t, p, in, "c@kunde.example", "到付可以吗", guess)

	for _, path := range []string{"/bot/unanswered", "/api/v1/bot/unanswered"} {
		if st, _ := p.page("rep1", path); st != http.StatusForbidden {
			t.Errorf("a rep GETs %s: %d, want 403", path, st)
		}
	}
	p.fail("rep1", http.MethodPost, fmt.Sprintf("/api/v1/bot/unanswered/%d/teach", c.MessageID), map[string]any{"faq_id": ship.ID},
		http.StatusForbidden, crm.EFORBIDDEN)
	p.fail("rep1", http.MethodPost, fmt.Sprintf("/api/v1/bot/unanswered/%d/dismiss", c.MessageID), nil, http.StatusForbidden, crm.EFORBIDDEN)
	if res, _ := p.post("rep1", fmt.Sprintf("/bot/unanswered/%d/dismiss", c.MessageID), url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a rep dismisses from the page: %d", res.StatusCode)
	}

	var l crm.List[crm.UnansweredQuestion]
	p.call("admin", http.MethodGet, "/api/v1/bot/unanswered?channel=email&account=sales@rapport.example&limit=1", nil, http.StatusOK, &l)
	if len(l.Items) != 1 || l.Items[0].ID != c.MessageID || l.Next == 0 {
		t.Fatalf("first page %+v next %d", l.Items, l.Next)
	}
	p.call("admin", http.MethodGet, fmt.Sprintf("/api/v1/bot/unanswered?cursor=%d", l.Next), nil, http.StatusOK, &l)
	if len(l.Items) != 1 || l.Items[0].Count != 2 || l.Items[0].Text != "问题 可以开专票吗" {
		t.Fatalf("second page %+v", l.Items)
	}
	p.fail("admin", http.MethodGet, "/api/v1/bot/unanswered?channel=email", nil, http.StatusBadRequest, crm.EINVALID)
	contains(t, "the page", p.mustPage("admin", "/bot/unanswered?lang=en"), "Unanswered questions", "到付可以吗",
		`<span class="badge" title="asked this many times">×2</span>`, "none", `<option value="" selected>Choose an entry</option>`)
	res, page := postIn(p, "zh-CN", "admin", fmt.Sprintf("/bot/unanswered/%d/teach", a.MessageID), url.Values{"faq_id": {""}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("teaching with no entry chosen: %d", res.StatusCode)
	}
	wantChinese(t, "no entry chosen", refusalIn(t, page, "flash"), "常见问题", "必填")

	teach := fmt.Sprintf("/api/v1/bot/unanswered/%d/teach", c.MessageID)
	ae := p.fail("admin", http.MethodPost, teach, map[string]any{"faq_id": 999999}, http.StatusBadRequest, crm.EINVALID)
	if ae.Fields["faq_id"] != "names no FAQ entry" {
		t.Errorf("an unknown entry: %+v", ae)
	}
	p.fail("admin", http.MethodPost, teach, map[string]any{}, http.StatusBadRequest, crm.EINVALID)
	p.fail("admin", http.MethodPost, "/api/v1/bot/unanswered/999999/dismiss", nil, http.StatusNotFound, crm.ENOTFOUND)
	var tg crm.Teaching
	p.call("admin", http.MethodPost, fmt.Sprintf("/api/v1/bot/unanswered/%d/dismiss", c.MessageID), nil, http.StatusOK, &tg)
	if tg.Handled != 1 {
		t.Errorf("dismissed %+v", tg)
	}
	ae = p.fail("admin", http.MethodPost, teach, map[string]any{"faq_id": ship.ID}, http.StatusConflict, crm.ECONFLICT)
	if ae.Message != "This question was dismissed already." {
		t.Errorf("teaching a dismissed question: %+v", ae)
	}
	p.fail("admin", http.MethodPost, "/api/v1/bot/faqs", map[string]any{"question": "到付可以吗", "answer": "不支持到付",
		"unanswered_id": c.MessageID}, http.StatusConflict, crm.ECONFLICT)
	var fs []crm.FAQ
	if p.call("admin", http.MethodGet, "/api/v1/bot/faqs", nil, http.StatusOK, &fs); len(fs) != 1 {
		t.Fatalf("an entry from a handled question was kept: %+v", fs)
	}
	res, page = postIn(p, "zh-CN", "admin", fmt.Sprintf("/bot/unanswered/%d/teach", c.MessageID),
		url.Values{"faq_id": {fmt.Sprint(ship.ID)}, "text": {"到付可以吗"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("the page's teach of a dismissed question: %d", res.StatusCode)
	}
	wantChinese(t, "the refusal on the page", refusalIn(t, page, "flash"), "已被忽略")

	// A new entry from the grouped question, on the FAQ form.
	form := p.mustPage("admin", fmt.Sprintf("/bot/faqs/new?unanswered=%d&lang=zh-CN", a.MessageID))
	contains(t, "the FAQ form", form, "据此新建常见问题", fmt.Sprintf(`action="/bot/faqs?unanswered=%d"`, a.MessageID),
		`value="问题 可以开专票吗？"`)
	res, page = postIn(p, "zh-CN", "admin", fmt.Sprintf("/bot/faqs?unanswered=%d", a.MessageID), url.Values{"question": {"可以开专票吗？"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, fmt.Sprintf(`action="/bot/faqs?unanswered=%d"`, a.MessageID)) {
		t.Fatalf("an entry with no answer: %d, want the form again with the question kept\n%s", res.StatusCode, page)
	}
	p.savedID("admin", "/bot/faqs", url.Values{"question": {"可以开专票吗？"}, "answer": {"可以，下单时选增值税专用发票。"},
		"enabled": {"true"}})
	p.call("admin", http.MethodGet, "/api/v1/bot/unanswered", nil, http.StatusOK, &l)
	if len(l.Items) != 1 {
		t.Fatalf("an entry created without the question leaves %d", len(l.Items))
	}
	loc := p.saved("admin", fmt.Sprintf("/bot/faqs?unanswered=%d", a.MessageID), url.Values{"question": {"可以开专票吗？"},
		"answer": {"可以，下单时选增值税专用发票。"}, "enabled": {"true"}})
	if !strings.HasPrefix(loc, "/bot/faqs/") {
		t.Fatalf("saved to %q", loc)
	}
	p.call("admin", http.MethodGet, "/api/v1/bot/unanswered", nil, http.StatusOK, &l)
	if len(l.Items) != 0 {
		t.Fatalf("left after the new entry: %+v", l.Items)
	}
	var audit crm.List[crm.AuditEntry]
	p.call("admin", http.MethodGet, "/api/v1/audit?action=bot.unanswered_new_entry", nil, http.StatusOK, &audit)
	if len(audit.Items) != 1 || audit.Items[0].ActorID == nil || *audit.Items[0].ActorID != p.id("admin") ||
		!strings.Contains(audit.Items[0].Detail, "(2 questions)") {
		t.Errorf("audit %+v", audit.Items)
	}

	spec := string(p.call("", http.MethodGet, "/api/v1/openapi.json", nil, http.StatusOK, nil))
	for _, path := range []string{"/api/v1/bot/unanswered", "/api/v1/bot/unanswered/{id}/teach", "/api/v1/bot/unanswered/{id}/dismiss"} {
		if !strings.Contains(spec, `"`+path+`"`) {
			t.Errorf("openapi.json lacks %s", path)
		}
	}
}
