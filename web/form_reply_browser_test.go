package web_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/crm"
)

// form stores a web-form submission as the form handler does.
func (le *liveEnv) form(t *testing.T, p crm.Person, text string) int64 {
	t.Helper()
	le.seq++
	in := &crm.Inbound{Channel: crm.ChannelWebForm, Account: "formkey", ExternalID: fmt.Sprintf("form-%d", le.seq),
		From: crm.Address{Name: p.Name, Address: p.Email}, Subject: "官网咨询", Text: text, Person: p, ReceivedAt: time.Now()}
	res, err := le.ing.Ingest(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.ConversationID
}

// A rep answers a web-form lead by email: the composer offers the
// mailboxes and the person's address, and the answer leaves through the
// outbox by email from the chosen mailbox with the form quoted. A lead who
// left no email address cannot be answered, and the page says why in the
// rep's language.
func TestBrowserAnswerFormLeadByEmail(t *testing.T) {
	le := newLiveEnv(t)
	mb := &crm.Mailbox{Name: "销售部", Address: "sales@rapport.example", IMAPHost: "127.0.0.1", IMAPPort: 993,
		IMAPTLS: crm.SecurityTLS, Username: "sales", Password: "pw", SMTPHost: "127.0.0.1", SMTPPort: 465,
		SMTPTLS: crm.SecurityTLS, SyncDays: 30, Enabled: true}
	if err := le.db.CreateMailbox(context.Background(), mb); err != nil {
		t.Fatal(err)
	}
	conv := le.form(t, crm.Person{Name: "赵敏", Email: "zhao.min@buyer.example"}, "想了解 200 台扫描仪的价格")
	ctx := le.browser(t, nil, "rep1")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/inbox/%d", le.srv.URL, conv)), chromedp.WaitVisible(`#form-by-email`))
	if v := eval[string](t, ctx, `document.querySelector('#composer select[name=mailbox_id]').value`); v != strconv.FormatInt(mb.ID, 10) {
		t.Errorf("mailbox offered %q, want %d", v, mb.ID)
	}
	if v := eval[string](t, ctx, `document.querySelector('#composer input[name=to]').value`); v != "zhao.min@buyer.example" {
		t.Errorf("To is %q, want the address the person left", v)
	}
	do(t, ctx, chromedp.SendKeys(`#composer textarea[name=text]`, "您好，报价单稍后发送。"), chromedp.Click(`#send`))
	waitFor(t, ctx, "the answer, queued", `document.querySelector('#timeline [data-delivery="queued"]')`)
	le.sender.next <- struct{}{}
	out := <-le.sender.sent
	if out.Channel != crm.ChannelEmail || out.Account != strconv.FormatInt(mb.ID, 10) || len(out.To) != 1 ||
		out.To[0].Address != "zhao.min@buyer.example" || out.Subject != "Re: 官网咨询" ||
		!strings.HasPrefix(out.Text, "您好，报价单稍后发送。") || !strings.Contains(out.Text, "> 想了解 200 台扫描仪的价格") {
		t.Errorf("sent %+v", out)
	}
	waitFor(t, ctx, "the answer, sent", `document.querySelector('#timeline [data-delivery="sent"]')`)
	screenshot(t, ctx, "form-lead-answered")

	tests := []struct{ lang, want string }{
		{"zh-CN", "此人没有留下邮箱地址"},
		{"en", "This person left no email address"},
	}
	noEmail := le.form(t, crm.Person{Name: "周强", Phone: "+8613900139000"}, "请来电")
	for _, tt := range tests {
		do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/inbox/%d?lang=%s", le.srv.URL, noEmail, tt.lang)), chromedp.WaitVisible(`#composer`))
		if got := eval[string](t, ctx, `document.querySelector('#cannot-send')?.textContent || ''`); !strings.Contains(got, tt.want) {
			t.Errorf("%s: the composer says %q, want %q", tt.lang, got, tt.want)
		}
		if !eval[bool](t, ctx, `document.querySelector('#send').disabled`) {
			t.Errorf("%s: Send is enabled for a lead without email", tt.lang)
		}
	}
	screenshot(t, ctx, "form-lead-no-email")

	// A known follower who leaves only a phone number: the composer sends
	// the rep to their WeChat conversation.
	fan := &crm.Contact{Name: "孙丽", Phones: []string{"+8613700137000"},
		Identities: []crm.Identity{{Kind: crm.IdentityWeChat, Key: "wxapp", Value: "o-sunli"}}}
	if err := le.db.CreateContact(context.Background(), fan); err != nil {
		t.Fatal(err)
	}
	wx, err := le.ing.Ingest(context.Background(), &crm.Inbound{Channel: crm.ChannelWeChat, Account: "wxapp", ExternalID: "wx-sunli-1",
		From: crm.Address{Address: "o-sunli"}, Identity: &crm.Identity{Kind: crm.IdentityWeChat, Key: "wxapp", Value: "o-sunli"},
		Text: "你好", ReceivedAt: time.Now()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	byForm := le.form(t, crm.Person{Name: "孙丽", Phone: "+8613700137000"}, "请联系我")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/inbox/%d?lang=en", le.srv.URL, byForm)), chromedp.WaitVisible(`#composer`))
	href := eval[string](t, ctx, `document.querySelector('#answer-wechat a')?.getAttribute('href') || ''`)
	if href != fmt.Sprintf("/inbox/%d", wx.ConversationID) {
		t.Errorf("the follower's form lead links to %q, want their WeChat conversation %d", href, wx.ConversationID)
	}
	// The follower's own page: New email offers their WeChat conversation too.
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/contacts/%d/compose", le.srv.URL, fan.ID)), chromedp.WaitVisible(`#compose-new`))
	if href := eval[string](t, ctx, `document.querySelector('#answer-wechat a')?.getAttribute('href') || ''`); href != fmt.Sprintf("/inbox/%d", wx.ConversationID) {
		t.Errorf("the follower's New email links to %q, want their WeChat conversation", href)
	}
}

// From a contact's page a rep writes a new email: the button opens the
// composer with the contact's address, Send starts a conversation with the
// contact and opens it, and the email leaves from the chosen mailbox. A
// contact the rep may not see has no composer (404).
func TestBrowserStartEmailFromContact(t *testing.T) {
	le := newLiveEnv(t)
	ctx0 := context.Background()
	mb := &crm.Mailbox{Name: "销售部", Address: "sales@rapport.example", IMAPHost: "127.0.0.1", IMAPPort: 993,
		IMAPTLS: crm.SecurityTLS, Username: "sales", Password: "pw", SMTPHost: "127.0.0.1", SMTPPort: 465,
		SMTPTLS: crm.SecurityTLS, SyncDays: 30, Enabled: true}
	if err := le.db.CreateMailbox(ctx0, mb); err != nil {
		t.Fatal(err)
	}
	rep := le.users["rep1"].ID
	mine := &crm.Contact{Name: "陈静", Emails: []string{"chen.jing@client.example"}, OwnerID: &rep}
	theirs := &crm.Contact{Name: "别人的", Emails: []string{"x@other.example"}, OwnerID: &le.users["rep2"].ID}
	for _, c := range []*crm.Contact{mine, theirs} {
		if err := le.db.CreateContact(ctx0, c); err != nil {
			t.Fatal(err)
		}
	}
	ctx := le.browser(t, nil, "rep1")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/contacts/%d?lang=zh-CN", le.srv.URL, mine.ID)),
		chromedp.Click(fmt.Sprintf(`a[href="/contacts/%d/compose"]`, mine.ID)), chromedp.WaitVisible(`#compose-new`))
	if v := eval[string](t, ctx, `document.querySelector('#compose-new input[name=to]').value`); v != "chen.jing@client.example" {
		t.Errorf("To is %q, want the contact's address", v)
	}
	do(t, ctx, chromedp.SendKeys(`#compose-new input[name=subject]`, "新品目录"),
		chromedp.SendKeys(`#compose-new textarea[name=text]`, "陈经理您好，附上新品目录。"))
	screenshot(t, ctx, "compose-new-email")
	do(t, ctx, chromedp.Click(`#compose-send`), chromedp.WaitVisible(`#timeline`))
	le.sender.next <- struct{}{}
	out := <-le.sender.sent
	if out.Channel != crm.ChannelEmail || out.Account != strconv.FormatInt(mb.ID, 10) || out.Subject != "新品目录" ||
		len(out.To) != 1 || out.To[0].Address != "chen.jing@client.example" {
		t.Errorf("sent %+v", out)
	}
	conv, err := le.db.Conversation(ctx0, crm.System, out.ConversationID)
	if err != nil {
		t.Fatal(err)
	}
	if conv.ContactID == nil || *conv.ContactID != mine.ID || conv.AssigneeID == nil || *conv.AssigneeID != rep {
		t.Errorf("the new conversation %+v is not the contact's, assigned to the rep", conv)
	}
	if url := eval[string](t, ctx, `location.pathname`); url != fmt.Sprintf("/inbox/%d", conv.ID) {
		t.Errorf("after sending the page is %s", url)
	}
	waitFor(t, ctx, "the email, sent", `document.querySelector('#timeline [data-delivery="sent"]')`)

	body := map[string]any{"text": "您好", "mailbox_id": mb.ID}
	le.fail("rep1", "POST", fmt.Sprintf("/api/v1/contacts/%d/conversations", theirs.ID), body, 404, "not_found")
	req := le.request("rep1", "POST", fmt.Sprintf("/api/v1/contacts/%d/conversations", mine.ID), map[string]any{"text": "您好"})
	req.Header.Set("Accept-Language", "zh-CN")
	res, b := le.send(req)
	if res.StatusCode != 400 || !strings.Contains(string(b), "请选择发件邮箱") {
		t.Errorf("a new email without a mailbox: %d %s, want 400 in Chinese", res.StatusCode, b)
	}
	var m crm.Message
	le.call("rep1", "POST", fmt.Sprintf("/api/v1/leads/%d/conversations", le.leadWithEmail(t, rep)), body, 201, &m)
	if m.ConversationID == 0 || m.Delivery != crm.DeliveryQueued {
		t.Errorf("the API's new email to a lead: %+v", m)
	}
}

func (le *liveEnv) leadWithEmail(t *testing.T, owner int64) int64 {
	t.Helper()
	l := &crm.Lead{Name: "刘洋", Email: "liu.yang@lead.example", OwnerID: &owner, Status: crm.LeadNew}
	if err := le.db.CreateLead(context.Background(), l); err != nil {
		t.Fatal(err)
	}
	return l.ID
}
