package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// login posts the login form.
func (e *env) login(email, pw string) (*http.Response, []byte) {
	e.t.Helper()
	form := url.Values{"email": {email}, "password": {pw}, "next": {"/?lang=en"}}
	req, err := http.NewRequest("POST", e.srv.URL+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.send(req)
}

// session logs in as who and returns the session cookie.
func (e *env) session(who string) *http.Cookie {
	e.t.Helper()
	res, b := e.login(who+"@example.com", password)
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login as %s: status %d: %s", who, res.StatusCode, b)
	}
	for _, c := range res.Cookies() {
		if c.Name == "rapport_session" {
			return c
		}
	}
	e.t.Fatal("login set no session cookie")
	return nil
}

// withCookie is a request authenticated by a session cookie, not a token.
func (e *env) withCookie(c *http.Cookie, method, path string, body any) *http.Request {
	req := e.request("", method, path, body)
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	return req
}

func TestLoginSetsSessionCookie(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base       string
		wantSecure bool
	}{
		{"", false},
		{"http://crm.example.com", false},
		{"https://crm.example.com", true},
	}
	for _, tt := range tests {
		t.Run("base="+tt.base, func(t *testing.T) {
			e := newEnv(t, web.Config{BaseURL: tt.base, SessionTTL: 2 * time.Hour})
			res, _ := e.login("Rep1@Example.com", password)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/?lang=en" {
				t.Fatalf("status %d location %q, want 303 to /?lang=en", res.StatusCode, res.Header.Get("Location"))
			}
			c := res.Cookies()[0]
			if c.Name != "rapport_session" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode ||
				c.Path != "/" || c.MaxAge != 7200 || c.Secure != tt.wantSecure {
				t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, Path=/, Max-Age=7200, Secure=%v", c, tt.wantSecure)
			}
			if !c.Expires.Equal(e.clock.Now().Add(2 * time.Hour).Truncate(time.Second)) {
				t.Errorf("cookie expires %v, want now + 2h", c.Expires)
			}
			// The cookie authenticates pages and the API.
			res, b := e.send(e.withCookie(c, "GET", "/", nil))
			if res.StatusCode != 200 || !strings.Contains(string(b), "Rep1") {
				t.Errorf("home: status %d, body lacks the user's name: %s", res.StatusCode, b)
			}
			var me crm.User
			res, b = e.send(e.withCookie(c, "GET", "/api/v1/me", nil))
			if res.StatusCode != 200 || !strings.Contains(string(b), `"email":"rep1@example.com"`) {
				t.Errorf("me: %d %s (%v)", res.StatusCode, b, me)
			}
			if strings.Contains(string(b), "argon2") {
				t.Error("the API shows the password hash")
			}
			// Only the token's hash is stored: the cookie itself is no
			// session key.
			if _, err := e.db.SessionUser(context.Background(), c.Value); crm.ErrorCode(err) != crm.ENOTFOUND {
				t.Errorf("the raw token finds a session (err %v): the store keeps tokens, not hashes", err)
			}
		})
	}
}

func TestLoginAudited(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	e.session("rep1")
	entries, err := e.db.AuditOf(context.Background(), crm.Ref{Kind: "user", ID: e.id("rep1")}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Action != "user.login" || *entries[0].ActorID != e.id("rep1") {
		t.Errorf("audit = %+v, want one user.login by rep1", entries)
	}
}

func TestLoginRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	disabled := e.users["rep2"]
	disabled.Disabled = true
	if err := e.db.UpdateUser(context.Background(), disabled); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, email, pw string }{
		{"wrong password", "rep1@example.com", "not the password"},
		{"unknown email", "nobody@example.com", password},
		{"not an email", "rep1", password},
		{"empty", "", ""},
		{"disabled user", "rep2@example.com", password},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, b := e.login(tt.email, tt.pw)
			if res.StatusCode != http.StatusUnauthorized || !strings.Contains(string(b), "Wrong email or password.") {
				t.Errorf("status %d, want 401 with the one failure message; body %s", res.StatusCode, b)
			}
			if len(res.Cookies()) != 0 && res.Cookies()[0].Name == "rapport_session" {
				t.Error("a failed login set a session cookie")
			}
		})
	}
}

func TestLoginRateLimitPerAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	// Per account: five attempts a minute, then 429 until a token returns.
	for i := range 5 {
		if res, _ := e.login("rep1@example.com", "wrong password "+strconv.Itoa(i)); res.StatusCode != 401 {
			t.Fatalf("attempt %d: status %d, want 401", i+1, res.StatusCode)
		}
	}
	res, b := e.login("rep1@example.com", password)
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(b), "Too many attempts") {
		t.Fatalf("sixth attempt: status %d, want 429; body %s", res.StatusCode, b)
	}
	if ra, _ := strconv.Atoi(res.Header.Get("Retry-After")); ra < 1 || ra > 12 {
		t.Errorf("Retry-After = %q, want 1–12 seconds", res.Header.Get("Retry-After"))
	}
	// Another account from the same address is not locked out.
	if res, _ := e.login("rep2@example.com", password); res.StatusCode != http.StatusSeeOther {
		t.Errorf("other account: status %d, want 303", res.StatusCode)
	}
	e.clock.Add(12 * time.Second)
	if res, _ := e.login("rep1@example.com", password); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after 12 s: status %d, want 303", res.StatusCode)
	}
}

func TestLoginRateLimitPerAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	// 20 attempts a minute from one address, whatever the accounts.
	for i := range 20 {
		if res, _ := e.login("x"+strconv.Itoa(i)+"@example.com", "guess"); res.StatusCode != 401 {
			t.Fatalf("attempt %d: status %d, want 401", i+1, res.StatusCode)
		}
	}
	if res, _ := e.login("y@example.com", "guess"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("21st attempt from one address: status %d, want 429", res.StatusCode)
	}
}

func TestLogout(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	c := e.session("rep1")
	res, _ := e.send(e.withCookie(c, "POST", "/logout", nil))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Fatalf("logout: status %d to %q, want 303 to /login", res.StatusCode, res.Header.Get("Location"))
	}
	if cs := res.Cookies(); len(cs) != 1 || cs[0].Name != "rapport_session" || cs[0].MaxAge >= 0 {
		t.Errorf("logout cookies %+v, want the session cookie deleted", cs)
	}
	res, _ = e.send(e.withCookie(c, "GET", "/api/v1/me", nil))
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("old cookie after logout: status %d, want 401", res.StatusCode)
	}
}

func TestSessionExpires(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{SessionTTL: time.Hour})
	c := e.session("rep1")
	e.clock.Add(59 * time.Minute)
	if res, _ := e.send(e.withCookie(c, "GET", "/api/v1/me", nil)); res.StatusCode != 200 {
		t.Fatalf("within the TTL: status %d", res.StatusCode)
	}
	e.clock.Add(2 * time.Minute)
	if res, _ := e.send(e.withCookie(c, "GET", "/api/v1/me", nil)); res.StatusCode != 401 {
		t.Errorf("past the TTL: status %d, want 401", res.StatusCode)
	}
}

func TestCrossOriginRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{BaseURL: "https://crm.example.com"})
	c := e.session("rep1")
	customer := map[string]any{"name": "华强电子"}
	tests := []struct {
		name    string
		auth    string // cookie, bearer or none
		headers map[string]string
		path    string
		want    int
	}{
		{"cross-site fetch with cookie", "cookie", map[string]string{"Sec-Fetch-Site": "cross-site"}, "/api/v1/customers", 403},
		{"same-site fetch with cookie", "cookie", map[string]string{"Sec-Fetch-Site": "same-site"}, "/api/v1/customers", 403},
		{"foreign Origin with cookie", "cookie", map[string]string{"Origin": "https://evil.example"}, "/api/v1/customers", 403},
		{"cross-site logout", "cookie", map[string]string{"Sec-Fetch-Site": "cross-site"}, "/logout", 403},
		{"cross-site login", "none", map[string]string{"Sec-Fetch-Site": "cross-site"}, "/login", 403},
		{"same-origin fetch with cookie", "cookie", map[string]string{"Sec-Fetch-Site": "same-origin"}, "/api/v1/customers", 201},
		{"public origin behind a proxy", "cookie", map[string]string{"Origin": "https://crm.example.com"}, "/api/v1/customers", 201},
		{"no browser headers", "cookie", nil, "/api/v1/customers", 201},
		{"bearer token from anywhere", "bearer", map[string]string{"Sec-Fetch-Site": "cross-site"}, "/api/v1/customers", 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			switch tt.auth {
			case "cookie":
				req = e.withCookie(c, "POST", tt.path, customer)
			case "bearer":
				req = e.request("rep1", "POST", tt.path, customer)
			default:
				req = e.request("", "POST", tt.path, customer)
			}
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			if res, b := e.send(req); res.StatusCode != tt.want {
				t.Errorf("status %d, want %d; body %s", res.StatusCode, tt.want, b)
			}
		})
	}
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	tests := []struct {
		name, path, auth string
		want             int
		location         string
	}{
		{"valid token", "/api/v1/me", "Bearer " + e.tokens["rep1"], 200, ""},
		{"scheme is case-insensitive", "/api/v1/me", "bearer " + e.tokens["rep1"], 200, ""},
		{"unknown token", "/api/v1/me", "Bearer rpt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 401, ""},
		{"not a Rapport token", "/api/v1/me", "Bearer abc", 401, ""},
		{"basic auth", "/api/v1/me", "Basic cmVwMTpwdw==", 401, ""},
		{"nothing, API", "/api/v1/customers", "", 401, ""},
		{"nothing, page", "/", "", 303, "/login?next=%2F"},
		{"nothing, login page", "/login", "", 200, ""},
		{"nothing, health", "/healthz", "", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := e.request("", "GET", tt.path, nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			res, b := e.send(req)
			if res.StatusCode != tt.want || res.Header.Get("Location") != tt.location {
				t.Fatalf("status %d location %q, want %d %q; body %s", res.StatusCode,
					res.Header.Get("Location"), tt.want, tt.location, b)
			}
			if tt.want == 401 && (res.Header.Get("Content-Type") != "application/json; charset=utf-8" ||
				!strings.Contains(string(b), `"code":"unauthorized"`)) {
				t.Errorf("401 is not the JSON error: %s %s", res.Header.Get("Content-Type"), b)
			}
		})
	}
}
