package wechat_test

import (
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/rapport-crm/rapport/channels/email"
	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/notify"
)

// TestStaffWeChatNotices: a rep binds their own WeChat by sending a
// one-time code to the official account (over the real callback); the
// binding is audited, the code spent, and neither it nor the rep's later
// messages make a lead or a conversation. Notices to the rep then go, each
// once, as a customer-service message inside the 48-hour window (the fake
// WeChat API over HTTP), as the template for reminders outside it or when
// WeChat refuses (45015), by email (go-smtp on 127.0.0.1) when WeChat is
// turned off or revoked, and wait for the end of the rep's quiet hours.
// After revoking, the follower is a customer again.
func TestStaffWeChatNotices(t *testing.T) {
	e := newEnv(t) // 2026-11-02 09:00 UTC, 17:00 in Shanghai
	rep := &crm.User{Email: "li@firm.example", Name: "李雷", Role: crm.RoleRep}
	check(t, e.db.CreateUser(ctx, rep))
	code, hash, err := crm.NewBindCode()
	check(t, err)
	check(t, e.db.SaveBindCode(ctx, rep.ID, hash, e.clock.Now().Add(crm.BindCodeTTL)))

	e.post(t, text("o-rep", "7001", "绑定 "+strings.ToLower(code), e.clock.Unix()))
	l, err := e.db.UserWeChat(ctx, rep.ID)
	check(t, err)
	if l.OpenID != "o-rep" || l.AppID != appID {
		t.Fatalf("link %+v", l)
	}
	e.post(t, text("o-other", "7002", "bind "+code, e.clock.Unix())) // spent
	e.post(t, text("o-rep", "7003", "收到", e.clock.Unix()))
	e.post(t, text("o-cust", "7004", "你好，想了解报价", e.clock.Unix()))
	eventually(t, "the customer's conversation", func() bool { return len(e.conversations(t)) == 1 })
	for _, who := range []string{"o-rep", "o-other"} {
		if _, res := e.ing.last(who); res != nil {
			t.Errorf("%s's binding message was ingested: %+v", who, res)
		}
	}
	if _, err := e.db.StaffWeChat(ctx, appID, "o-other", e.clock.Now(), false); !crm.IsNotFound(err) {
		t.Errorf("a spent code bound another follower: %v", err)
	}
	audit, err := e.db.AuditOf(ctx, crm.Ref{Kind: crm.RefUser, ID: rep.ID}, 10)
	check(t, err)
	if len(audit) != 1 || audit[0].Action != "user.wechat_bind" {
		t.Errorf("audit %+v", audit)
	}

	sink := startSMTPSink(t)
	mb := &crm.Mailbox{Name: "Reminders", Address: "crm@firm.example", IMAPHost: "127.0.0.1", IMAPPort: 1,
		IMAPTLS: crm.SecurityNone, Username: "crm", Password: "x", SMTPHost: "127.0.0.1", SMTPPort: sink.port,
		SMTPTLS: crm.SecurityNone, Enabled: true}
	check(t, e.db.CreateMailbox(ctx, mb))
	mail := email.NewSender(email.SenderConfig{Mailboxes: e.db, Now: e.clock.Now})
	svc := notify.New(notify.Config{Store: e.db, WeChat: e.ch, Mail: mail, Mailbox: itoa(mb.ID), Now: e.clock.Now,
		BaseURL: "https://crm.example.com"})
	n := 0
	notice := func() *crm.UserNotice {
		n++
		u := &crm.UserNotice{UserID: rep.ID, Key: "test:" + itoa(int64(n)), Kind: crm.NoticePoolWarning,
			Title: "线索即将被回收", Text: "规则：7 天未跟进", Link: "/leads/1", NextAt: e.clock.Now()}
		fresh, err := e.db.QueueUserNotice(ctx, u)
		check(t, err)
		again, err := e.db.QueueUserNotice(ctx, &crm.UserNotice{UserID: rep.ID, Key: u.Key, Kind: u.Kind, NextAt: u.NextAt})
		check(t, err)
		if !fresh || again {
			t.Fatalf("queueing %s: fresh %v, again %v", u.Key, fresh, again)
		}
		return u
	}
	sweep := func() { // two instances at once: each notice still goes once
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { check(t, svc.Run(ctx, e.clock.Now())) })
		}
		wg.Wait()
	}
	outcome := func(u *crm.UserNotice, state, channel, why string) {
		t.Helper()
		ns, err := e.db.ListUserNotices(ctx, rep.ID, 50)
		check(t, err)
		for _, got := range ns {
			if got.ID == u.ID && (got.State != state || got.Channel != channel || got.Reason != why) {
				t.Fatalf("notice %s: %s by %q (%s), want %s by %q (%s); error %q", u.Key, got.State, got.Channel,
					got.Reason, state, channel, why, got.Error)
			}
		}
	}
	custom, tpl := "/cgi-bin/message/custom/send", "/cgi-bin/message/template/send"

	u := notice()
	sweep()
	outcome(u, crm.DeliverySent, crm.NoticeByWeChat, crm.NoticeWhyWindow)
	if cs := e.api.Calls(custom); len(cs) != 1 || cs[0].Body["touser"] != "o-rep" ||
		!strings.Contains(cs[0].Body["text"].(map[string]any)["content"].(string), "https://crm.example.com/leads/1") {
		t.Fatalf("customer-service calls %+v", cs)
	}

	e.clock.Move(49 * time.Hour) // Wednesday 18:00 in Shanghai: the window closed
	u = notice()
	sweep()
	outcome(u, crm.DeliverySent, crm.NoticeByTemplate, crm.NoticeWhyTemplate)
	if ts := e.api.Calls(tpl); len(ts) != 1 || ts[0].Body["template_id"] != "TPL-reminder" {
		t.Fatalf("template calls %+v", ts)
	}

	e.post(t, text("o-rep", "7005", "在", e.clock.Unix())) // the window opens again…
	e.api.Fail(custom, wechattest.Failure{Code: 45015})   // …but WeChat says otherwise
	u = notice()
	sweep()
	outcome(u, crm.DeliverySent, crm.NoticeByTemplate, crm.NoticeWhyTemplate)

	check(t, e.db.SaveUserSettings(ctx, &crm.UserSettings{UserID: rep.ID, ReminderEmail: true, NotifyPool: true,
		QuietStart: "19:00", QuietEnd: "07:30"}))
	e.clock.Move(2 * time.Hour) // 20:00 in Shanghai: quiet for this rep
	u = notice()
	sweep()
	outcome(u, crm.DeliveryQueued, "", crm.NoticeWhyQuiet)
	e.clock.Set(time.Date(2026, 11, 4, 23, 30, 0, 0, time.UTC)) // 07:30 in Shanghai
	sweep()
	outcome(u, crm.DeliverySent, crm.NoticeByEmail, crm.NoticeWhyWeChatOff)
	if got := sink.all(); len(got) != 1 || !strings.Contains(got[0], "li@firm.example") {
		t.Fatalf("mails %q", got)
	}

	check(t, e.db.RevokeWeChat(ctx, rep.Viewer(), rep.ID))
	check(t, e.db.SaveUserSettings(ctx, &crm.UserSettings{UserID: rep.ID, ReminderEmail: true, NotifyWeChat: true,
		NotifyPool: true})) // the company's quiet hours again: until 08:00
	e.clock.Move(time.Hour)
	u = notice()
	sweep()
	outcome(u, crm.DeliverySent, crm.NoticeByEmail, crm.NoticeWhyNoWeChat)
	check(t, e.db.SaveUserSettings(ctx, &crm.UserSettings{UserID: rep.ID, NotifyWeChat: true}))
	u = notice()
	sweep()
	outcome(u, crm.NoticeSkipped, "", crm.NoticeWhyKindOff)
	if got := len(sink.all()); got != 2 || len(e.api.Calls(custom)) != 2 || len(e.api.Calls(tpl)) != 2 {
		t.Fatalf("each notice once: %d mails, %d custom, %d template", got, len(e.api.Calls(custom)), len(e.api.Calls(tpl)))
	}

	e.post(t, text("o-rep", "7006", "我想买", e.clock.Unix())) // revoked: a follower like any other
	eventually(t, "the ex-rep's message ingested", func() bool { _, res := e.ing.last("o-rep"); return res != nil })
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// smtpSink is a go-smtp server on 127.0.0.1 that keeps each mail (its
// recipients and data).
type smtpSink struct {
	port int
	mu   sync.Mutex
	got  []string
}

func startSMTPSink(t *testing.T) *smtpSink {
	s := &smtpSink{}
	srv := smtp.NewServer(s)
	srv.Domain = "sink.test"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	s.port = ln.Addr().(*net.TCPAddr).Port
	go srv.Serve(ln) //nolint:errcheck
	t.Cleanup(func() { srv.Close() })
	return s
}

func (s *smtpSink) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

func (s *smtpSink) NewSession(*smtp.Conn) (smtp.Session, error) { return &sinkSession{s: s}, nil }

type sinkSession struct {
	s  *smtpSink
	to []string
}

func (ss *sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}
func (ss *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	ss.s.mu.Lock()
	ss.s.got = append(ss.s.got, strings.Join(ss.to, ",")+"\n"+string(b))
	ss.s.mu.Unlock()
	return err
}
func (ss *sinkSession) Reset()        { ss.to = nil }
func (ss *sinkSession) Logout() error { return nil }
