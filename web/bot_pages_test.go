package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestBotPages: an admin adds an FAQ entry and a keyword rule with the
// editors (zh-CN and English), a broken regular expression comes back named
// beside its input, and the bot page lists both.
func TestBotPages(t *testing.T) {
	p := newPager(t)
	contains(t, "the new FAQ form", p.mustPage("admin", "/bot/faqs/new?lang=zh-CN"), "添加常见问题", "其他问法", "英文答案")
	contains(t, "the new rule form", p.mustPage("admin", "/bot/rules/new?lang=en"), "Add a rule", "Keyword reply", "regular expression")

	res, page := p.post("admin", "/bot/faqs", url.Values{"question": {"运费怎么算？"}, "alternatives": {"包邮吗\n邮费多少"},
		"answer": {""}, "answer_en": {""}, "enabled": {"false", "true"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, `id="e-answer"`) {
		t.Fatalf("an FAQ entry without an answer: status %d\n%s", res.StatusCode, page)
	}
	p.savedID("admin", "/bot/faqs", url.Values{"question": {"运费怎么算？"}, "alternatives": {"包邮吗\n邮费多少"},
		"answer": {"满99元包邮"}, "answer_en": {"Free over 99"}, "enabled": {"false", "true"}})

	rule := url.Values{"channel": {"wechat"}, "account": {"wx1"}, "kind": {"keyword"}, "name": {""}, "match": {"regex"},
		"keywords": {"价格("}, "reply": {"见官网"}, "reply_en": {""}, "link_title": {""}, "link_url": {""},
		"priority": {"1"}, "enabled": {"false", "true"}}
	res, page = p.post("admin", "/bot/rules", rule)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "regular expression") {
		t.Fatalf("a broken regular expression: status %d\n%s", res.StatusCode, page)
	}
	rule.Set("keywords", "价格\n报价")
	rule.Set("match", "contains")
	p.savedID("admin", "/bot/rules", rule)

	contains(t, "the bot page", p.mustPage("admin", "/bot?lang=zh-CN"), "常见问题", "运费怎么算？", "包邮吗 · 邮费多少",
		"关键词回复", "价格 · 报价", "见官网")
	if st, _ := p.page("rep1", "/bot"); st != http.StatusForbidden && st != http.StatusNotFound {
		t.Fatalf("a rep on the bot page: %d", st)
	}
}
