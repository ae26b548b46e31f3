package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testMailboxToken: a fetched OAuth2 access token is kept with its expiry,
// a rotated refresh token replaces the old one, and an admin's update
// keeps them, gives a new access token no known expiry, or (a new refresh
// token alone) drops the access token of the old grant.
func testMailboxToken(t *testing.T, _ *ingestHarness, s crm.MailboxStore) {
	m := aMailbox("OAuth")
	m.Auth, m.Password, m.OAuthRefreshToken, m.OAuthTokenURL = crm.AuthXOAuth2, "", "refresh-1", "https://oauth.example/token"
	must(t, s.CreateMailbox(ctx, m))
	wantCode(t, s.SaveMailboxToken(ctx, 9999, "x", aTime(1), ""), crm.ENOTFOUND)
	check := func(step, token, refresh string, expires bool) {
		t.Helper()
		got, err := s.Mailbox(ctx, m.ID)
		must(t, err)
		same(t, step, []any{got.OAuthToken.Reveal(), got.OAuthRefreshToken.Reveal(), got.OAuthTokenExpires.Equal(stored(aTime(2)))},
			[]any{token, refresh, expires})
	}
	must(t, s.SaveMailboxToken(ctx, m.ID, "access-1", aTime(2), ""))
	check("saved, refresh token not rotated", "access-1", "refresh-1", true)
	must(t, s.SaveMailboxToken(ctx, m.ID, "access-2", aTime(2), "refresh-2"))
	check("saved with a rotated refresh token", "access-2", "refresh-2", true)
	up := func(token, refresh crm.Secret) {
		got, err := s.Mailbox(ctx, m.ID)
		must(t, err)
		got.OAuthToken, got.OAuthRefreshToken, got.SyncDays = token, refresh, got.SyncDays+1
		must(t, s.UpdateMailbox(ctx, got))
	}
	up("", "")
	check("an update without tokens", "access-2", "refresh-2", true)
	up("access-by-admin", "")
	check("a new access token", "access-by-admin", "refresh-2", false)
	must(t, s.SaveMailboxToken(ctx, m.ID, "access-3", aTime(2), ""))
	up("", "refresh-by-admin")
	check("a new refresh token alone", "", "refresh-by-admin", false)
}
