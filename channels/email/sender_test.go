package email_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/rapport-crm/rapport/crm"
)

func (w *world) sunk() sunk {
	w.t.Helper()
	select {
	case s := <-w.smtp.got:
		return s
	case <-time.After(hang):
		w.t.Fatal("the SMTP sink received nothing")
		return sunk{}
	}
}

func header(raw []byte, key string) string {
	for _, line := range strings.Split(string(raw), "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, key) {
			return strings.TrimSpace(v)
		}
		if line == "" {
			break
		}
	}
	return ""
}

// TestReplyThreadingRoundTrip: a customer writes; a rep's reply leaves by
// SMTP threaded on the customer's mail, with a copy in Sent; the
// customer's answers (threaded by headers, and by subject when the mailer
// dropped them) land in the same conversation; a bounce marks the reply failed.
func TestReplyThreadingRoundTrip(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.imap.deliver(t, "INBOX", mail("Zhang San <zhang@customer.cn>", "报价", "q1@customer.cn",
		"Cc: li@customer.cn"))
	w.poller("a", w.ing)
	conv := w.ing.waitFor(t, "q1@customer.cn")["q1@customer.cn"][0].ConversationID

	out, err := w.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Text: "您好，报价见附件。",
		Cc: []crm.Address{{Address: "li@customer.cn"}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (crm.Address{Name: "Support", Address: imapUser}); out.From != want {
		t.Errorf("the queued reply is from %+v, want the mailbox %+v (not its id)", out.From, want)
	}
	got := w.sunk()
	if got.from != imapUser || strings.Join(got.to, ",") != "zhang@customer.cn,li@customer.cn" {
		t.Errorf("envelope from %s to %v", got.from, got.to)
	}
	id := strings.Trim(header(got.raw, "Message-Id"), "<>")
	if !strings.HasPrefix(id, "rpt-") || !strings.HasSuffix(id, "@rapport.test") {
		t.Errorf("Message-ID %q, want rpt-TOKEN@rapport.test", id)
	}
	if h := header(got.raw, "In-Reply-To"); h != "<q1@customer.cn>" {
		t.Errorf("In-Reply-To %q", h)
	}
	if h := header(got.raw, "Auto-Submitted"); h != "" {
		t.Errorf("a rep's reply is marked Auto-Submitted: %s", h)
	}
	sent := w.message(conv, out.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliverySent })
	if sent.From.Address != imapUser {
		t.Errorf("the stored reply is from %+v, want %s", sent.From, imapUser)
	}
	if sent.MessageRef != id {
		t.Errorf("recorded ref %q, want %q", sent.MessageRef, id)
	}
	if st, err := w.imap.user.Status("Sent", &imap.StatusOptions{NumMessages: true}); err != nil || *st.NumMessages != 1 {
		t.Errorf("Sent folder: %+v, %v; want the copy", st, err)
	}

	// A Bcc of our reply to the shared mailbox comes back in: it is the
	// reply already stored, not a customer's message.
	w.imap.deliver(t, "INBOX", got.raw)
	if c := w.ing.waitFor(t, id)[id][0]; !c.Duplicate || c.MessageID != out.ID {
		t.Errorf("our reply seen again: %+v, want the outbound message %d", c, out.ID)
	}

	w.imap.deliver(t, "INBOX", mail("zhang@customer.cn", "Re: 报价", "a1@customer.cn", "In-Reply-To: <"+id+">"))
	w.imap.deliver(t, "INBOX", mail("zhang@customer.cn", "回复：报价", "a2@customer.cn")) // headers dropped
	answers := w.ing.waitFor(t, "a1@customer.cn", "a2@customer.cn")
	for ref, rs := range answers {
		if rs[0].ConversationID != conv {
			t.Errorf("%s went to conversation %d, want %d", ref, rs[0].ConversationID, conv)
		}
	}

	// A "delayed" report and a read receipt each join the conversation and
	// make no lead (that they leave the reply's state alone is
	// TestReportsThatAreNoFailure's: here the poller may still be at it).
	delayed := "From: MAILER-DAEMON@rapport.test\r\nTo: " + imapUser + "\r\nSubject: Delayed Mail\r\n" +
		"Message-ID: <d1@rapport.test>\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n" +
		"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n" +
		"Final-Recipient: rfc822; li@customer.cn\r\nAction: delayed\r\nStatus: 4.4.7\r\n\r\n" +
		"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <" + id + ">\r\n\r\n--B--\r\n"
	receipt := "From: zhang@customer.cn\r\nTo: " + imapUser + "\r\nSubject: 已读: 报价\r\n" +
		"Message-ID: <r1@customer.cn>\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary=B\r\n\r\n" +
		"--B\r\nContent-Type: message/disposition-notification\r\n\r\nOriginal-Message-ID: <" + id + ">\r\n" +
		"Disposition: manual-action/MDN-sent-manually; displayed\r\n\r\n--B--\r\n"
	w.imap.deliver(t, "INBOX", []byte(delayed))
	w.imap.deliver(t, "INBOX", []byte(receipt))
	for ref, rs := range w.ing.waitFor(t, "d1@rapport.test", "r1@customer.cn") {
		if rs[0].ConversationID != conv || rs[0].NewLead {
			t.Errorf("%s: %+v, want conversation %d and no lead", ref, rs[0], conv)
		}
	}
	if m := w.message(conv, out.ID, func(*crm.Message) bool { return true }); m.Delivery != crm.DeliverySent {
		t.Errorf("after a delay report and a read receipt the reply is %s, want sent", m.Delivery)
	}

	bounce := "From: MAILER-DAEMON@rapport.test\r\nTo: " + imapUser + "\r\nSubject: Undelivered\r\n" +
		"Message-ID: <b1@rapport.test>\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n" +
		"--B\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\n" +
		"Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; li@customer.cn\r\nAction: failed\r\nStatus: 5.1.1\r\n" +
		"Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable\r\n\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\n" +
		"Message-ID: <" + id + ">\r\n\r\n--B--\r\n"
	w.imap.deliver(t, "INBOX", []byte(bounce))
	if b := w.ing.waitFor(t, "b1@rapport.test")["b1@rapport.test"][0]; b.ConversationID != conv {
		t.Errorf("the bounce went to conversation %d, want the reply's %d", b.ConversationID, conv)
	}
	failed := w.message(conv, out.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliveryFailed })
	if !strings.Contains(failed.DeliveryError, "550 5.1.1 mailbox unavailable") {
		t.Errorf("bounce reason %q", failed.DeliveryError)
	}
}

func TestSendFailures(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.imap.deliver(t, "INBOX", mail("zhang@customer.cn", "hello", "h1@customer.cn"))
	w.poller("a", w.ing)
	conv := w.ing.waitFor(t, "h1@customer.cn")["h1@customer.cn"][0].ConversationID
	tests := []struct {
		name, to, kind, reason string
	}{
		{"permanent 5xx fails at once with the server's words", "nobody@customer.cn", crm.OutReply, "550 No such user here"},
		{"temporary 4xx is retried, then fails", "temp@customer.cn", crm.OutReply, "451 Greylisted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := w.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Text: "x", Kind: tt.kind,
				To: []crm.Address{{Address: tt.to}}})
			if err != nil {
				t.Fatal(err)
			}
			got := w.message(conv, m.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliveryFailed })
			if !strings.Contains(got.DeliveryError, tt.reason) {
				t.Errorf("reason %q, want it to contain %q", got.DeliveryError, tt.reason)
			}
		})
	}
	m, err := w.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Text: "收到，谢谢", Kind: crm.OutAuto})
	if err != nil {
		t.Fatal(err)
	}
	if h := header(w.sunk().raw, "Auto-Submitted"); h != "auto-replied" {
		t.Errorf("automatic answer has Auto-Submitted %q", h)
	}
	w.message(conv, m.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliverySent })
}

// A relay that offers no AUTH takes the reply without a login, though the
// mailbox holds an IMAP password.
func TestRelayWithoutLoginSends(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.smtp = startSink(t, true, nil, "")
	w.mb.SMTPPort = w.smtp.port
	if err := w.db.UpdateMailbox(ctx, w.mb); err != nil {
		t.Fatal(err)
	}
	w.imap.deliver(t, "INBOX", mail("li@customer.cn", "relay", "r1@customer.cn"))
	w.poller("a", w.ing)
	conv := w.ing.waitFor(t, "r1@customer.cn")["r1@customer.cn"][0].ConversationID
	m, err := w.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Text: "好的"})
	if err != nil {
		t.Fatal(err)
	}
	if got := w.sunk(); len(got.to) != 1 || got.to[0] != "li@customer.cn" {
		t.Errorf("the relay got mail for %v, want li@customer.cn", got.to)
	}
	w.message(conv, m.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliverySent })
}
