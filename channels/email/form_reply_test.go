package email_test

import (
	"context"
	"mime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// formLead stores a web-form submission as the form handler does and
// returns its conversation.
func (w *world) formLead(t *testing.T, key string, p crm.Person, text string) int64 {
	t.Helper()
	in := &crm.Inbound{Channel: crm.ChannelWebForm, Account: "form-key", ExternalID: key,
		From: crm.Address{Name: p.Name, Address: p.Email}, Subject: "官网咨询", Text: text, Person: p,
		ReceivedAt: time.Now().UTC()}
	res, err := w.ing.inner.Ingest(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.ConversationID
}

// TestAnswerFormLeadByEmail: a web-form lead is answered by email from the
// chosen mailbox, to the address the person left, with the form's words
// quoted, through the real outbox and SMTP; the person's answer, fetched by
// IMAP, joins the form's conversation by our Message-ID; the rep's next
// reply threads on that answer. A lead without an email address, and a
// reply naming no mailbox, are refused with their reason.
func TestAnswerFormLeadByEmail(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	conv := w.formLead(t, "f1", crm.Person{Name: "王芳", Email: "wang.fang@buyer.cn"}, "请报价：A4 打印纸 200 箱\n交货到深圳")
	mailbox := strconv.FormatInt(w.mb.ID, 10)
	if err := w.box.CanSend(ctx, crm.System, conv); err != nil {
		t.Fatalf("a form lead with an email address cannot be answered: %v", err)
	}

	out, err := w.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Account: mailbox, Text: "您好，报价随后发来。"})
	if err != nil {
		t.Fatal(err)
	}
	got := w.sunk()
	if strings.Join(got.to, ",") != "wang.fang@buyer.cn" || got.from != imapUser {
		t.Errorf("envelope from %s to %v, want the mailbox to the form's address", got.from, got.to)
	}
	if subj, _ := new(mime.WordDecoder).DecodeHeader(header(got.raw, "Subject")); subj != "Re: 官网咨询" {
		t.Errorf("Subject %q, want Re: and the form's name", subj)
	}
	text := decodeQP(string(got.raw))
	for _, want := range []string{"您好，报价随后发来。", "王芳 <wang.fang@buyer.cn>", "> 请报价：A4 打印纸 200 箱", "> 交货到深圳"} {
		if !strings.Contains(text, want) {
			t.Errorf("the mail lacks %q:\n%s", want, text)
		}
	}
	id := strings.Trim(header(got.raw, "Message-Id"), "<>")
	if !strings.HasPrefix(id, "rpt-") {
		t.Errorf("Message-ID %q carries no reply token", id)
	}
	w.message(conv, out.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliverySent })

	w.imap.deliver(t, "INBOX", mail("王芳 <wang.fang@buyer.cn>", "Re: 官网咨询", "ans1@buyer.cn", "In-Reply-To: <"+id+">"))
	w.poller("a", w.ing)
	if res := w.ing.waitFor(t, "ans1@buyer.cn")["ans1@buyer.cn"][0]; res.ConversationID != conv {
		t.Fatalf("the person's answer went to conversation %d, want the form's %d", res.ConversationID, conv)
	}

	// The next reply needs no mailbox: it goes on through the one answered.
	if _, err := w.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Text: "附件是报价单。"}); err != nil {
		t.Fatal(err)
	}
	next := w.sunk()
	if h := header(next.raw, "In-Reply-To"); h != "<ans1@buyer.cn>" {
		t.Errorf("the second reply's In-Reply-To is %q, want the person's answer", h)
	}

	noEmail := w.formLead(t, "f2", crm.Person{Name: "李雷", Phone: "+8613800138000"}, "请回电")
	tests := []struct {
		name string
		d    crm.Draft
		want string
	}{
		{"lead without email", crm.Draft{ConversationID: noEmail, Account: mailbox, Text: "您好"}, crm.ErrNoWayToAnswer},
		{"no mailbox chosen", crm.Draft{ConversationID: w.formLead(t, "f3", crm.Person{Email: "x@buyer.cn"}, "hi"), Text: "您好"}, "Choose the mailbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.box.Queue(ctx, crm.System, tt.d)
			if crm.ErrorCode(err) != crm.EINVALID || !strings.Contains(crm.ErrorMessage(err), tt.want) {
				t.Fatalf("Queue = %v, want EINVALID %q", err, tt.want)
			}
		})
	}
	if err := w.box.CanSend(ctx, crm.System, noEmail); crm.ErrorMessage(err) != crm.ErrNoWayToAnswer {
		t.Errorf("CanSend for a lead without email = %v", err)
	}
}

// decodeQP undoes quoted-printable soft breaks and escapes, enough to read
// a composed mail's text in a test.
func decodeQP(s string) string {
	s = strings.ReplaceAll(s, "=\r\n", "")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '=' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
