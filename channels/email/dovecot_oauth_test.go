package email_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/email"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testkit"
)

// oauthPassdb gives Dovecot's extra auth mechanisms and an oauth2 passdb
// that asks url (GET, Authorization: Bearer) whose a token is; nothing
// without a url.
func oauthPassdb(t *testing.T, dir, url string) (mechs, passdb string) {
	if url == "" {
		return "", ""
	}
	ext := filepath.Join(dir, "dovecot-oauth2.conf.ext")
	must(t, os.WriteFile(ext, []byte("tokeninfo_url = "+url+"\nusername_attribute = email\ndebug = yes\n"), 0o644))
	return "xoauth2 oauthbearer", "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = " + ext + "\n}"
}

// oauthWorld is a world whose mailbox signs in to a real Dovecot with
// XOAUTH2, the tokens checked by an OAuth2 provider on 127.0.0.1.
func oauthWorld(t *testing.T, refresh string, rotate bool) (*world, *oauthProvider, dovecotServer) {
	p := startOAuthProvider(t, refresh, rotate)
	dv := startDovecotAuth(t, p.tokeninfoURL())
	w := newWorld(t)
	w.mb.IMAPPort, w.mb.Auth = dv.port, crm.AuthXOAuth2
	w.mb.Password = "not-the-password" // a PLAIN login would fail
	w.mb.OAuthTokenURL, w.mb.OAuthClientID, w.mb.OAuthClientSecret = p.tokenURL(), oauthClientID, oauthClientSecret
	return w, p, dv
}

// TestDovecotXOAuth2 reads mail from Dovecot signed in with XOAUTH2 and a
// valid access token (no refresh token).
func TestDovecotXOAuth2(t *testing.T) {
	w, p, dv := oauthWorld(t, "", false)
	w.mb.OAuthToken = crm.Secret(p.issue())
	must(t, w.db.UpdateMailbox(context.Background(), w.mb))
	dovecotAppend(t, dv.port, "INBOX", mail("buyer@example.cn", "oauth", "xo1@example.cn"))
	w.poller("a", w.ing)
	w.ing.waitFor(t, "xo1@example.cn")
	if refreshes, checked := p.counts(); refreshes != 0 || checked == 0 {
		t.Errorf("token requests %d, bearer checks by Dovecot %d; want 0 and some", refreshes, checked)
	}
}

// TestDovecotXOAuth2Refused: a refresh the provider refuses (invalid_grant)
// or an access token Dovecot refuses shows in the mailbox status, and the
// poller backs off longer after each failure instead of retrying hot.
func TestDovecotXOAuth2Refused(t *testing.T) {
	for _, tc := range []struct {
		name           string
		token, refresh string
		want           []string // in status.last_error
	}{
		{"refresh refused", "", "revoked-refresh", []string{"invalid_grant", "Token has been expired or revoked."}},
		{"token refused", "ya29.unknown", "", []string{"imap xoauth2 as " + imapUser, "refused the OAuth2 access token", `"status":"401"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, _, _ := oauthWorld(t, "the-valid-refresh", false)
			w.mb.OAuthToken, w.mb.OAuthRefreshToken = crm.Secret(tc.token), crm.Secret(tc.refresh)
			must(t, w.db.UpdateMailbox(context.Background(), w.mb))
			backoffs := make(chan int, 100)
			w.pollerWith("a", w.ing, func(c *email.PollerConfig) {
				c.Backoff = func(n int) time.Duration { backoffs <- n; return time.Millisecond }
			})
			for want := 1; want <= 3; want++ {
				select {
				case n := <-backoffs:
					if n != want {
						t.Fatalf("back-off asked for failure %d, want %d: the failures are not counted up", n, want)
					}
				case <-time.After(hang):
					t.Fatal("the poller did not back off")
				}
			}
			m, err := w.db.Mailbox(context.Background(), w.mb.ID)
			must(t, err)
			for _, s := range tc.want {
				if m.Status.State != crm.MailboxError || !strings.Contains(m.Status.LastError, s) {
					t.Errorf("status %s %q; want error with %q", m.Status.State, m.Status.LastError, s)
				}
			}
		})
	}
}

// TestDovecotXOAuth2Refresh: an access token that has expired, or that the
// server refuses before its time, is replaced by one fetched with the
// refresh token; both, and the refresh token the provider rotated, are
// stored, so the next session signs in without a token request. No token
// or client secret reaches the log.
func TestDovecotXOAuth2Refresh(t *testing.T) {
	for _, tc := range []struct {
		name    string
		token   func(p *oauthProvider) string
		expires time.Time // zero: unknown, as for a token an admin gave
	}{
		{"expired", (*oauthProvider).issue, time.Now().Add(-time.Minute)},
		{"refused before expiry", func(*oauthProvider) string { return "ya29.revoked" }, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			w, p, dv := oauthWorld(t, "refresh-0", true)
			old := tc.token(p)
			w.mb.OAuthToken, w.mb.OAuthRefreshToken = crm.Secret(old), "refresh-0"
			must(t, w.db.UpdateMailbox(ctx, w.mb))
			if !tc.expires.IsZero() {
				must(t, w.db.SaveMailboxToken(ctx, w.mb.ID, crm.Secret(old), tc.expires, ""))
			}
			dovecotAppend(t, dv.port, "INBOX", mail("buyer@example.cn", "refresh", "xr1@example.cn"))
			var logs testkit.SyncBuffer
			logTo := func(c *email.PollerConfig) {
				c.Logger = slog.New(slog.NewTextHandler(io.MultiWriter(&logs, testWriter{t}), &slog.HandlerOptions{Level: slog.LevelDebug}))
			}
			stop := w.pollerWith("a", w.ing, logTo)
			w.ing.waitFor(t, "xr1@example.cn")
			stop()
			m, err := w.db.Mailbox(ctx, w.mb.ID)
			must(t, err)
			if refreshes, _ := p.counts(); refreshes != 1 || m.OAuthToken.Reveal() == old ||
				m.OAuthRefreshToken.Reveal() != p.currentRefresh() || m.OAuthTokenExpires.IsZero() {
				t.Fatalf("after %d token requests the store holds token %q (was %q) until %v, refresh %q (provider's %q)",
					refreshes, m.OAuthToken.Reveal(), old, m.OAuthTokenExpires, m.OAuthRefreshToken.Reveal(), p.currentRefresh())
			}
			dovecotAppend(t, dv.port, "INBOX", mail("buyer@example.cn", "again", "xr2@example.cn"))
			w.pollerWith("b", w.ing, logTo)
			w.ing.waitFor(t, "xr2@example.cn")
			if refreshes, _ := p.counts(); refreshes != 1 {
				t.Errorf("the next session asked for a token again (%d requests in all)", refreshes)
			}
			for _, secret := range []string{old, m.OAuthToken.Reveal(), "refresh-0", m.OAuthRefreshToken.Reveal(), oauthClientSecret} {
				if strings.Contains(logs.String(), secret) {
					t.Errorf("the log shows a secret (%q)", secret)
				}
			}
		})
	}
}
