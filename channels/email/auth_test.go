package email

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

func TestXOAuth2InitialResponse(t *testing.T) {
	mech, ir, err := xoauth2{"me@example.com", "tok"}.Start()
	if err != nil || mech != "XOAUTH2" || string(ir) != "user=me@example.com\x01auth=Bearer tok\x01\x01" {
		t.Fatalf("Start() = %q, %q, %v", mech, ir, err)
	}
}

// TestAccessTokenRefresh: the refresh token is exchanged at the token URL
// and the access token kept until a minute before it expires.
func TestAccessTokenRefresh(t *testing.T) {
	var calls atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.FormValue("grant_type") != "refresh_token" || r.FormValue("refresh_token") != "refresh-1" ||
			r.FormValue("client_id") != "client" || r.FormValue("client_secret") != "shh" {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant"}) //nolint:errcheck
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"access_token": "access-" + string(rune('0'+calls.Load())), "expires_in": 3600}) //nolint:errcheck
	}))
	defer ts.Close()
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	m := &crm.Mailbox{Auth: crm.AuthXOAuth2, OAuthTokenURL: ts.URL, OAuthClientID: "client",
		OAuthClientSecret: "shh", OAuthRefreshToken: "refresh-1"}
	cr := newCredentials(m, ts.Client(), func() time.Time { return now }, nil)
	steps := []struct {
		after time.Duration
		want  string
	}{
		{0, "access-1"},
		{30 * time.Minute, "access-1"}, // cached
		{30 * time.Minute, "access-2"}, // within a minute of expiry: refreshed
	}
	for i, st := range steps {
		now = now.Add(st.after)
		got, err := cr.accessToken(context.Background())
		if err != nil || got != st.want {
			t.Fatalf("step %d: token %q, %v; want %q", i, got, err, st.want)
		}
	}
	m.OAuthRefreshToken = "revoked"
	cr = newCredentials(m, ts.Client(), time.Now, nil)
	if _, err := cr.accessToken(context.Background()); err == nil {
		t.Fatal("a refused refresh gave a token")
	}
}
