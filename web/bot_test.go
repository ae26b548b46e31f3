package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// TestBotAPI: the bot's admin API over a real server: FAQ entries one by
// one and by CSV (a broken row stores nothing), rules with a bad regular
// expression refused, settings, the pause and the decisions of a
// conversation, and the routes in openapi.json.
func TestBotAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var f crm.FAQ
	e.call("admin", http.MethodPost, "/api/v1/bot/faqs", map[string]any{"question": "运费怎么算？",
		"alternatives": []string{"包邮吗"}, "answer": "满99包邮", "answer_en": "Free over 99"}, http.StatusCreated, &f)
	if f.ID == 0 || !f.Enabled || f.Alternatives[0] != "包邮吗" {
		t.Fatalf("created %+v", f)
	}
	e.fail("rep1", http.MethodPost, "/api/v1/bot/faqs", map[string]any{"question": "x", "answer": "y"}, http.StatusForbidden, crm.EFORBIDDEN)
	ae := e.fail("admin", http.MethodPost, "/api/v1/bot/faqs", map[string]any{"question": "x"}, http.StatusBadRequest, crm.EINVALID)
	if ae.Fields["answer"] == "" {
		t.Fatalf("missing answer: %+v", ae)
	}
	broken := "question,alternatives,answer,answer_en\n退货？,七天无理由|能退吗,订单页申请,\n发票？,,,\n"
	ae = e.fail("admin", http.MethodPost, "/api/v1/bot/faqs/import", broken, http.StatusBadRequest, crm.EINVALID)
	if ae.Fields["row 2: answer"] == "" {
		t.Fatalf("broken import: %+v, want row 2's answer named", ae)
	}
	e.fail("admin", http.MethodPost, "/api/v1/bot/faqs/import", "question,alternatives\n\"unclosed,x\n", http.StatusBadRequest, crm.EINVALID)
	good := "question,alternatives,answer,answer_en\n退货？,七天无理由|能退吗,订单页申请,Use the order page\n"
	e.call("admin", http.MethodPost, "/api/v1/bot/faqs/import", good, http.StatusCreated, nil)
	csv := string(e.call("admin", http.MethodGet, "/api/v1/bot/faqs/export", nil, http.StatusOK, nil))
	if !strings.Contains(csv, "退货？,七天无理由|能退吗,订单页申请,Use the order page") || !strings.Contains(csv, "运费怎么算？,包邮吗,满99包邮,Free over 99") {
		t.Fatalf("export:\n%s", csv)
	}

	ae = e.fail("admin", http.MethodPost, "/api/v1/bot/rules", map[string]any{"channel": "wechat", "account": "wx1",
		"kind": "keyword", "match": "regex", "keywords": []string{"价格("}, "reply": "见官网"}, http.StatusBadRequest, crm.EINVALID)
	if !strings.Contains(ae.Fields["keywords[0]"], "regular expression") {
		t.Fatalf("bad regex: %+v", ae)
	}
	var r crm.BotRule
	e.call("admin", http.MethodPost, "/api/v1/bot/rules", map[string]any{"channel": "wechat", "account": "wx1",
		"kind": "keyword", "keywords": []string{"价格"}, "reply": "见官网"}, http.StatusCreated, &r)
	if !r.Enabled || r.Match != crm.MatchContains {
		t.Fatalf("rule %+v", r)
	}
	var rules []crm.BotRule
	e.call("admin", http.MethodGet, "/api/v1/bot/rules?channel=wechat&account=wx1", nil, http.StatusOK, &rules)
	if len(rules) != 1 {
		t.Fatalf("rules %+v", rules)
	}
	e.call("admin", http.MethodDelete, fmt.Sprintf("/api/v1/bot/rules/%d", r.ID), nil, http.StatusOK, nil)

	var s crm.BotSettings
	e.call("admin", http.MethodPut, "/api/v1/bot/settings", map[string]any{"channel": "wechat", "account": "wx1",
		"enabled": true, "faq": true, "menu": map[string]any{"button": []map[string]any{{"type": "click", "name": "营业时间", "key": "V_HOURS"}}}},
		http.StatusOK, &s)
	e.call("admin", http.MethodGet, "/api/v1/bot/settings?channel=wechat&account=wx1", nil, http.StatusOK, &s)
	if !s.Enabled || s.Menu == nil || s.Menu.Buttons[0].Key != "V_HOURS" {
		t.Fatalf("settings %+v", s)
	}
	ae = e.fail("admin", http.MethodPut, "/api/v1/bot/settings", map[string]any{"channel": "wechat", "account": "wx1",
		"menu": map[string]any{"button": []map[string]any{{"type": "click", "name": "超过四个汉字了", "key": "K"}}}},
		http.StatusBadRequest, crm.EINVALID)
	if ae.Fields["menu.button[0].name"] == "" {
		t.Fatalf("menu over WeChat's limit: %+v", ae)
	}
	e.fail("admin", http.MethodPost, "/api/v1/bot/menu/publish?account=wx1", nil, http.StatusNotImplemented, crm.ENOTIMPLEMENTED)

	res := e.inbox(0).mail(t, "wang@kunde.example", "运费", "包邮吗", "")
	conv := fmt.Sprintf("/api/v1/conversations/%d/bot", res.ConversationID)
	e.call("rep1", http.MethodPut, conv, map[string]bool{"paused": true}, http.StatusOK, nil)
	var ds []crm.BotDecision
	e.call("rep1", http.MethodGet, conv, nil, http.StatusOK, &ds)
	var counts []crm.BotDayCount
	e.call("admin", http.MethodGet, "/api/v1/bot/counts?from=2026-01-01&to=2026-12-31", nil, http.StatusOK, &counts)
	e.fail("admin", http.MethodGet, "/api/v1/bot/counts?from=yesterday", nil, http.StatusBadRequest, crm.EINVALID)

	spec := string(e.call("", http.MethodGet, "/api/v1/openapi.json", nil, http.StatusOK, nil))
	for _, p := range []string{"/api/v1/bot/faqs", "/api/v1/bot/rules/{id}", "/api/v1/bot/menu/publish", "/api/v1/bot/counts"} {
		if !strings.Contains(spec, `"`+p+`"`) {
			t.Errorf("openapi.json lacks %s", p)
		}
	}
}
