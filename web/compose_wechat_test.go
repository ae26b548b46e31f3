package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
	"github.com/rapport-crm/rapport/crm"
)

// followerWorld is a live server whose WeChat sends reach the fake WeChat
// API over HTTP, with a contact who follows the account and has never
// written, a lead who is that contact by email, a customer of the contact,
// and a lead with neither an email nor WeChat.
type followerWorld struct {
	*liveEnv
	api                         *wechattest.Server
	contact, lead, cust, nobody int64
}

func newFollowerWorld(t *testing.T) *followerWorld {
	api := wechattest.New(t)
	api.Templates = []map[string]any{{"template_id": "TPL-visit", "title": "回访提醒",
		"content": "{{first.DATA}}\n时间：{{keyword1.DATA}}", "example": "您好，我们将回访"}}
	le := newLiveEnv(t, withWeChat(t, api))
	w := &followerWorld{liveEnv: le, api: api}
	w.cust = le.customer("华强电子", "rep1")
	ct := &crm.Contact{Name: "周杰", CustomerID: &w.cust, OwnerID: ptr(le.id("rep1")),
		Emails:     []string{"zhou@buyer.example"},
		Identities: []crm.Identity{{Kind: crm.IdentityWeChat, Key: wxApp, Value: "o-zhou"}}}
	if err := le.db.CreateContact(context.Background(), ct); err != nil {
		t.Fatal(err)
	}
	w.contact = ct.ID
	for _, l := range []*crm.Lead{
		{Name: "周杰", Email: "zhou@buyer.example", OwnerID: ptr(le.id("rep1")), Source: crm.LeadSource{Channel: crm.ChannelWebForm}},
		{Name: "无名", Company: "某公司", OwnerID: ptr(le.id("rep1")), Source: crm.LeadSource{Channel: crm.ChannelWebForm}},
	} {
		if err := le.db.CreateLead(context.Background(), l); err != nil {
			t.Fatal(err)
		}
		if w.lead == 0 {
			w.lead = l.ID
		} else {
			w.nobody = l.ID
		}
	}
	return w
}

// templateSends waits for the outbox worker to deliver n template messages
// to the fake WeChat and returns them.
func (w *followerWorld) templateSends(t *testing.T, n int) []wechattest.Call {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		calls := w.api.Calls("/cgi-bin/message/template/send")
		if len(calls) >= n || time.Now().After(deadline) {
			return calls
		}
		time.Sleep(20 * time.Millisecond) // waiting for another goroutine, not moving time
	}
}

// TestStartWeChatConversation: a rep starts a WeChat conversation with a
// follower who has none. Without a message from them it is outside the
// 48-hour window: a customer-service message is refused with the reason,
// and a template message listed from WeChat goes out over HTTP.
func TestStartWeChatConversation(t *testing.T) {
	t.Parallel()
	w := newFollowerWorld(t)
	var ts []crm.ChannelTemplate
	w.call("rep1", "GET", fmt.Sprintf("/api/v1/contacts/%d/wechat-templates", w.contact), nil, 200, &ts)
	if len(ts) != 1 || ts[0].ID != "TPL-visit" || strings.Join(ts[0].Fields, ",") != "first,keyword1" {
		t.Fatalf("templates %+v", ts)
	}
	w.call("rep1", "GET", fmt.Sprintf("/api/v1/customers/%d/wechat-templates", w.cust), nil, 200, &ts)
	if len(ts) != 1 {
		t.Fatalf("the customer's follower's templates %+v", ts)
	}
	w.call("rep3", "GET", fmt.Sprintf("/api/v1/contacts/%d/wechat-templates", w.contact), nil, 404, nil)

	ae := w.fail("rep1", "POST", fmt.Sprintf("/api/v1/contacts/%d/conversations", w.contact),
		map[string]any{"channel": "wechat", "text": "您好"}, 400, "invalid")
	if !strings.Contains(ae.Message, "48") {
		t.Fatalf("a customer-service message outside the window: %+v", ae)
	}
	var m crm.Message
	w.call("rep1", "POST", fmt.Sprintf("/api/v1/contacts/%d/conversations", w.contact),
		map[string]any{"channel": "wechat", "template": "TPL-visit",
			"template_values": map[string]string{"first": "周先生您好", "keyword1": "12月5日"}}, 201, &m)
	calls := w.templateSends(t, 1)
	if len(calls) != 1 {
		t.Fatalf("%d template messages reached WeChat", len(calls))
	}
	data, _ := calls[0].Body["data"].(map[string]any)
	kw, _ := data["keyword1"].(map[string]any)
	if calls[0].Body["touser"] != "o-zhou" || calls[0].Body["template_id"] != "TPL-visit" || kw["value"] != "12月5日" {
		t.Fatalf("template message %v", calls[0].Body)
	}
	conv, err := w.db.Conversation(context.Background(), crm.System, m.ConversationID)
	if err != nil || conv.Channel != crm.ChannelWeChat || conv.Account != wxApp || conv.ContactID == nil ||
		*conv.ContactID != w.contact || conv.AssigneeID == nil || *conv.AssigneeID != w.id("rep1") {
		t.Fatalf("conversation %+v (%v)", conv, err)
	}
	if len(w.api.Calls("/cgi-bin/message/custom/send")) != 0 {
		t.Fatal("a customer-service message went out")
	}
	// Now the contact page's compose offers that conversation instead.
	p := &pager{env: w.env, cookies: map[string]*http.Cookie{}}
	page := p.mustPage("rep1", fmt.Sprintf("/contacts/%d/compose?lang=en", w.contact))
	contains(t, "the compose page after the first message", page, `id="answer-wechat"`)
	if strings.Contains(page, `id="compose-wechat"`) {
		t.Fatal("a second new WeChat conversation is offered")
	}
}

// TestAnswerFormLeadOnWeChat: a web-form lead whose person is a known
// follower is answered on WeChat from the lead's compose page, with a
// template; a lead with neither email nor WeChat says why in the page's
// language, on the page and from the API.
func TestAnswerFormLeadOnWeChat(t *testing.T) {
	t.Parallel()
	w := newFollowerWorld(t)
	p := &pager{env: w.env, cookies: map[string]*http.Cookie{}}
	page := p.mustPage("rep1", fmt.Sprintf("/leads/%d/compose?lang=zh-CN", w.lead))
	contains(t, "the follower lead's compose page", page, `id="compose-wechat"`, "周杰 关注了你的公众号", "回访提醒",
		`name="tv.TPL-visit.keyword1"`, "48 小时窗口之外")

	// No template chosen: refused in Chinese, the values kept.
	res, page := p.post("rep1", fmt.Sprintf("/leads/%d/compose?lang=zh-CN", w.lead), url.Values{"channel": {"wechat"},
		"tv.TPL-visit.first": {"您好"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "请先输入内容") {
		t.Fatalf("no template: %d\n%s", res.StatusCode, page)
	}
	contains(t, "the refused form", page, `value="您好"`)
	res, page = p.post("rep1", fmt.Sprintf("/leads/%d/compose?lang=zh-CN", w.lead), url.Values{"channel": {"wechat"},
		"template": {"TPL-visit"}, "tv.TPL-visit.first": {"感谢咨询"}, "tv.TPL-visit.keyword1": {"明天上午"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/inbox/") {
		t.Fatalf("send: %d %q\n%s", res.StatusCode, res.Header.Get("Location"), page)
	}
	calls := w.templateSends(t, 1)
	if len(calls) != 1 || calls[0].Body["touser"] != "o-zhou" {
		t.Fatalf("template sends %v", calls)
	}
	var id int64
	fmt.Sscanf(strings.TrimPrefix(res.Header.Get("Location"), "/inbox/"), "%d", &id)
	conv, err := w.db.Conversation(context.Background(), crm.System, id)
	if err != nil || conv.LeadID == nil || *conv.LeadID != w.lead || conv.ContactID == nil || *conv.ContactID != w.contact {
		t.Fatalf("conversation %+v (%v)", conv, err)
	}

	page = p.mustPage("rep1", fmt.Sprintf("/leads/%d/compose?lang=zh-CN", w.nobody))
	contains(t, "the compose page of a lead with no way to write", page, `id="no-way"`, "既没有留下邮箱，也没有微信身份")
	req := w.request("rep1", "POST", fmt.Sprintf("/api/v1/leads/%d/conversations", w.nobody), map[string]any{"text": "您好"})
	req.AddCookie(&http.Cookie{Name: "rapport_lang", Value: "zh-CN"})
	res2, b := w.send(req)
	if res2.StatusCode != 400 || !strings.Contains(string(b), "既没有留下邮箱，也没有微信身份") {
		t.Fatalf("API: %d %s", res2.StatusCode, b)
	}
	res2, b = w.send(w.request("rep1", "POST", fmt.Sprintf("/api/v1/leads/%d/conversations", w.nobody),
		map[string]any{"channel": "wechat", "template": "TPL-visit"}))
	if res2.StatusCode != 400 || !strings.Contains(string(b), "does not follow") {
		t.Fatalf("API on WeChat for a non-follower: %d %s", res2.StatusCode, b)
	}
}
