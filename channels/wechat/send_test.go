package wechat_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
	"github.com/rapport-crm/rapport/crm"
)

func TestWindowWithMovedClock(t *testing.T) {
	e := newEnv(t)
	conv := e.converse(t, "o1")
	check(t, e.box.CanSend(ctx, crm.System, conv))
	e.clock.Move(47 * time.Hour)
	check(t, e.box.CanSend(ctx, crm.System, conv))
	out := &crm.Outgoing{ConversationID: conv, Channel: crm.ChannelWeChat, Account: appID, Kind: crm.OutReply,
		To: []crm.Address{{Address: "o1"}}, Text: "still in time"}
	e.clock.Move(2 * time.Hour) // 49 h: the rep's check passed, the send must not
	_, err := e.ch.Send(ctx, out)
	var se *crm.SendError
	if !errors.As(err, &se) || !se.Permanent || !strings.Contains(se.Reason, "outside WeChat's 48-hour window") {
		t.Fatalf("send at 49 h: %v", err)
	}
	err = e.box.CanSend(ctx, crm.System, conv)
	if crm.ErrorCode(err) != crm.EINVALID || !strings.Contains(crm.ErrorMessage(err), "48-hour window") {
		t.Fatalf("CanSend at 49 h: %v", err)
	}
	_, err = e.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Text: "hello?"})
	if crm.ErrorCode(err) != crm.EINVALID {
		t.Errorf("queue at 49 h: %v", err)
	}
	_, err = e.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Template: "birthday", Text: "x"})
	if crm.ErrorCode(err) != crm.EINVALID {
		t.Errorf("unknown template: %v", err)
	}
	if _, err := e.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Kind: crm.OutCare, Template: "care", Text: "x"}); err != nil {
		t.Errorf("template outside the window: %v", err)
	}
	if len(e.api.Calls("/cgi-bin/message/custom/send")) != 0 {
		t.Error("a customer-service message went out after 48 h")
	}
}

func TestCareRefusedAfterUnsubscribe(t *testing.T) {
	e := newEnv(t)
	conv := e.converse(t, "o1")
	if status, _ := e.post(t, push("unsubscribe", pushVars{From: "o1", At: e.clock.Unix() + 5})); status != 200 {
		t.Fatal("unsubscribe refused")
	}
	_, err := e.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Kind: crm.OutCare, Template: "care",
		To: []crm.Address{{Address: "o1"}}, Text: "x"})
	if crm.ErrorCode(err) != crm.EINVALID || !strings.Contains(crm.ErrorMessage(err), "unsubscribed") {
		t.Errorf("care queued to an unsubscribed user: %v", err)
	}
	_, err = e.ch.Send(ctx, &crm.Outgoing{ConversationID: conv, Account: appID, Kind: crm.OutCare, Template: "care",
		To: []crm.Address{{Address: "o1"}}})
	var se *crm.SendError
	if !errors.As(err, &se) || !se.Permanent {
		t.Errorf("care sent to an unsubscribed user: %v", err)
	}
}

func TestSendErrors(t *testing.T) {
	e := newEnv(t)
	conv := e.converse(t, "o1")
	const path = "/cgi-bin/message/custom/send"
	tests := []struct {
		name      string
		prepare   func()
		permanent bool
		temporary bool
		reason    string
	}{
		{"ok", func() {}, false, false, ""},
		{"45015 out of window", func() { e.api.Fail(path, wechattest.Failure{Code: 45015}) }, true, false, "45015"},
		{"45009 quota", func() { e.api.Fail(path, wechattest.Failure{Code: 45009}) }, true, false, "45009"},
		{"43117 refused", func() { e.api.Fail(path, wechattest.Failure{Code: 43117}) }, true, false, "43117"},
		{"40001 once: refreshed", func() { e.api.InvalidateToken() }, false, false, ""},
		{"5xx", func() { e.api.Fail(path, wechattest.Failure{Status: 502}) }, false, true, "502"},
		{"slow", func() { e.api.Fail(path, wechattest.Failure{Delay: 3 * time.Second}) }, false, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.prepare()
			_, err := e.ch.Send(ctx, &crm.Outgoing{ConversationID: conv, Account: appID, Kind: crm.OutReply,
				To: []crm.Address{{Address: "o1"}}, Text: "hi"})
			var se *crm.SendError
			isSE := errors.As(err, &se)
			switch {
			case !tt.permanent && !tt.temporary && err != nil:
				t.Fatalf("want success, got %v", err)
			case tt.permanent && (!isSE || !se.Permanent || !strings.Contains(se.Reason, tt.reason)):
				t.Fatalf("want a permanent error with %q, got %v", tt.reason, err)
			case tt.temporary && (err == nil || isSE && se.Permanent):
				t.Fatalf("want a temporary error, got %v", err)
			}
		})
	}
	if n := e.api.TokenFetches(); n != 2 {
		t.Errorf("%d token fetches, want 2 (the first and one after 40001)", n)
	}
}

func TestImageReplyUploadsThenSends(t *testing.T) {
	e := newEnv(t)
	conv := e.converse(t, "o1")
	b, err := e.blobs.Put(ctx, strings.NewReader("\xff\xd8jpeg"))
	check(t, err)
	_, err = e.ch.Send(ctx, &crm.Outgoing{ConversationID: conv, Account: appID, Kind: crm.OutReply,
		To: []crm.Address{{Address: "o1"}}, Attachments: []crm.Attachment{{SHA256: b.SHA256, Name: "a.jpg", Size: b.Size}}})
	check(t, err)
	calls := e.api.Calls("/cgi-bin/message/custom/send")
	if len(e.api.Calls("/cgi-bin/media/upload")) != 1 || len(calls) != 1 || calls[0].Body["msgtype"] != "image" {
		t.Errorf("calls %+v", e.api.Calls(""))
	}
}

// TestLinkCardSendsNews: a bot's link card goes out as one news article
// (its text, which repeats the link for other channels, is not sent too).
func TestLinkCardSendsNews(t *testing.T) {
	e := newEnv(t)
	conv := e.converse(t, "o1")
	_, err := e.ch.Send(ctx, &crm.Outgoing{ConversationID: conv, Account: appID, Kind: crm.OutAuto,
		To: []crm.Address{{Address: "o1"}}, Text: "点开看\n价目表 https://x.example/p",
		Link: &crm.LinkCard{Title: "价目表", Description: "点开看", URL: "https://x.example/p"}})
	check(t, err)
	calls := e.api.Calls("/cgi-bin/message/custom/send")
	if len(calls) != 1 || calls[0].Body["msgtype"] != "news" {
		t.Fatalf("calls %+v", calls)
	}
	arts := calls[0].Body["news"].(map[string]any)["articles"].([]any)
	if a := arts[0].(map[string]any); len(arts) != 1 || a["title"] != "价目表" || a["url"] != "https://x.example/p" || a["description"] != "点开看" {
		t.Fatalf("articles %+v", arts)
	}
}

func TestTokenSharedByTwoInstances(t *testing.T) {
	e := newEnv(t)
	conv := e.converse(t, "o1")
	a, b := e.channel(e.ing, "instance-a"), e.channel(e.ing, "instance-b")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch := a
			if i%2 == 1 {
				ch = b
			}
			_, err := ch.Send(ctx, &crm.Outgoing{ConversationID: conv, Account: appID, Kind: crm.OutReply,
				To: []crm.Address{{Address: "o1"}}, Text: "hi"})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := e.api.TokenFetches(); n != 1 {
		t.Errorf("%d token fetches by two instances, want 1", n)
	}
}

// A template marked subscribe goes out as a subscription notice
// (subscribe/bizsend), WeChat's successor of template messages.
func TestSubscriptionNotice(t *testing.T) {
	e := newEnv(t)
	conv := e.converse(t, "o1")
	e.clock.Move(72 * time.Hour) // outside the window: only a template or notice may go
	_, err := e.ch.Send(ctx, &crm.Outgoing{ConversationID: conv, Account: appID, Kind: crm.OutCare, Template: "notice",
		To: []crm.Address{{Address: "o1"}}, Text: "生日快乐", TemplateValues: map[string]string{"contact.name": "王小明"}})
	check(t, err)
	calls := e.api.Calls("/cgi-bin/message/subscribe/bizsend")
	if len(calls) != 1 || len(e.api.Calls("/cgi-bin/message/template/send")) != 0 {
		t.Fatalf("%d notices sent", len(calls))
	}
	b := calls[0].Body
	data, _ := b["data"].(map[string]any)
	thing1, _ := data["thing1"].(map[string]any)
	thing2, _ := data["thing2"].(map[string]any)
	if b["template_id"] != "SUB-care" || b["page"] != "pages/care" || thing1["value"] != "王小明" || thing2["value"] != "生日快乐" {
		t.Errorf("notice body %v", b)
	}
}
