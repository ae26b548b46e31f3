package email_test

import (
	"context"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/rapport-crm/rapport/crm"
)

// xoauth2Server is the server side of XOAUTH2 as Gmail's SMTP speaks it:
// a refused token gets a JSON error challenge, and after the client's
// empty answer, 535.
type xoauth2Server struct {
	check   func(user, token string) bool
	authed  *bool
	refused bool
}

func (x *xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	if x.refused {
		return nil, true, &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8},
			Message: "Username and Password not accepted"}
	}
	user, token := parseXOAuth2(string(resp))
	if x.check(user, token) {
		*x.authed = true
		return nil, true, nil
	}
	x.refused = true
	return []byte(`{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}`), false, nil
}

// parseXOAuth2 reads "user=U\x01auth=Bearer T\x01\x01".
func parseXOAuth2(ir string) (user, token string) {
	for f := range strings.SplitSeq(ir, "\x01") {
		if u, ok := strings.CutPrefix(f, "user="); ok {
			user = u
		}
		if t, ok := strings.CutPrefix(f, "auth=Bearer "); ok {
			token = t
		}
	}
	return user, token
}

// TestXOAuth2Reply: a reply from an XOAUTH2 mailbox logs in to SMTP with
// the access token the poller fetched and stored (no token request of its
// own) and keeps its copy in Dovecot's Sent folder over XOAUTH2. When the
// SMTP server then refuses that token before its expiry (revoked), the
// sender fetches a new one and logs in again.
func TestXOAuth2Reply(t *testing.T) {
	ctx := context.Background()
	w, p, dv := oauthWorld(t, "refresh-0", false)
	w.smtp.wantXOAuth2(func(user, token string) bool { return user == imapUser && p.isValid(token) })
	w.mb.OAuthRefreshToken = "refresh-0"
	must(t, w.db.UpdateMailbox(ctx, w.mb))
	dovecotAppend(t, dv.port, "INBOX", mail("buyer@example.cn", "reply me", "xs1@example.cn"))
	dovecotAppend(t, dv.port, "Sent", mail(imapUser, "create Sent", "xs0@rapport.test"))
	w.poller("a", w.ing)
	conv := w.ing.waitFor(t, "xs1@example.cn")["xs1@example.cn"][0].ConversationID
	reply := func(text string) {
		t.Helper()
		out, err := w.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Text: text})
		must(t, err)
		w.sunk()
		w.message(conv, out.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliverySent })
	}
	reply("first")
	if refreshes, _ := p.counts(); refreshes != 1 {
		t.Errorf("%d token requests for a poll and a reply, want the poller's one", refreshes)
	}
	m, err := w.db.Mailbox(ctx, w.mb.ID)
	must(t, err)
	p.revoke(m.OAuthToken.Reveal())
	reply("second")
	if refreshes, _ := p.counts(); refreshes != 2 {
		t.Errorf("%d token requests after the SMTP server refused the stored token, want 2", refreshes)
	}
	if n := dovecotCount(t, dv.port, "Sent"); n != 3 {
		t.Errorf("Dovecot's Sent folder holds %d messages, want the 2 replies' copies too", n)
	}
}
