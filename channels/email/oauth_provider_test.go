package email_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// OAuth2 client credentials the test provider expects.
const (
	oauthClientID     = "client-1.apps.example"
	oauthClientSecret = "client-secret-do-not-log"
)

// oauthProvider is an OAuth2 provider on 127.0.0.1, answering like Google
// and Microsoft do: POST /token exchanges a refresh token for an access
// token (JSON access_token, expires_in, token_type; with rotate, also a new
// refresh_token, as Microsoft does), and GET /userinfo with a bearer token
// says whose it is (401 for an unknown one), which Dovecot's oauth2 passdb
// asks (introspection_mode = auth).
type oauthProvider struct {
	srv *httptest.Server

	mu          sync.Mutex
	refresh     string          // the refresh token it accepts now
	rotate      bool            // answer each refresh with a new refresh token
	valid       map[string]bool // access tokens it issued
	issued      int
	refreshes   int // token requests, refused ones included
	checked     int // userinfo requests for a valid token
	refreshSeen chan struct{}
}

func startOAuthProvider(t *testing.T, refresh string, rotate bool) *oauthProvider {
	p := &oauthProvider{refresh: refresh, rotate: rotate, valid: map[string]bool{},
		refreshSeen: make(chan struct{}, 1000)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /token", p.token)
	mux.HandleFunc("GET /userinfo", p.userinfo)
	mux.HandleFunc("GET /tokeninfo", p.userinfo)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *oauthProvider) tokenURL() string     { return p.srv.URL + "/token" }
func (p *oauthProvider) userinfoURL() string  { return p.srv.URL + "/userinfo" }
func (p *oauthProvider) tokeninfoURL() string { return p.srv.URL + "/tokeninfo?access_token=" }

// issue makes a valid access token, as an earlier sign-in would have.
func (p *oauthProvider) issue() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.issued++
	tok := fmt.Sprintf("ya29.access-%d", p.issued)
	p.valid[tok] = true
	return tok
}

func (p *oauthProvider) token(w http.ResponseWriter, r *http.Request) {
	defer func() { p.refreshSeen <- struct{}{} }()
	p.mu.Lock()
	p.refreshes++
	ok := r.PostFormValue("grant_type") == "refresh_token" && r.PostFormValue("refresh_token") == p.refresh &&
		r.PostFormValue("client_id") == oauthClientID && r.PostFormValue("client_secret") == oauthClientSecret
	p.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant", //nolint:errcheck
			"error_description": "Token has been expired or revoked."})
		return
	}
	body := map[string]any{"access_token": p.issue(), "expires_in": 3599, "token_type": "Bearer",
		"scope": "https://mail.google.com/"}
	if p.rotate {
		p.mu.Lock()
		p.refresh = fmt.Sprintf("refresh-%d", p.issued)
		body["refresh_token"] = p.refresh
		p.mu.Unlock()
	}
	json.NewEncoder(w).Encode(body) //nolint:errcheck
}

func (p *oauthProvider) userinfo(w http.ResponseWriter, r *http.Request) {
	tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if r.URL.Path == "/tokeninfo" {
		tok = r.URL.Query().Get("access_token")
	}
	p.mu.Lock()
	ok := p.valid[tok]
	if ok {
		p.checked++
	}
	p.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		w.WriteHeader(http.StatusUnauthorized)
		json.NewEncoder(w).Encode(map[string]string{"error": "invalid_token"}) //nolint:errcheck
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"email": imapUser, "email_verified": true}) //nolint:errcheck
}

// counts returns the token requests and accepted bearer checks so far.
func (p *oauthProvider) counts() (refreshes, checked int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.refreshes, p.checked
}

func (p *oauthProvider) currentRefresh() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.refresh
}

func (p *oauthProvider) isValid(token string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.valid[token]
}

// revoke makes an access token invalid before its expiry.
func (p *oauthProvider) revoke(token string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.valid, token)
}
