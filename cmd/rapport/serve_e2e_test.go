package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

// login posts the login form and returns the session cookie, or "" when
// the login was refused.
func login(t *testing.T, base, email, password string) string {
	t.Helper()
	resp, err := noRedirect.PostForm(base+"/login", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	for _, c := range resp.Cookies() {
		if c.Name == "rapport_session" && c.Value != "" && resp.StatusCode == http.StatusSeeOther {
			return c.Value
		}
	}
	return ""
}

func getStatus(t *testing.T, u string) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestServeOnEmptyDatabase(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		s := startServer(t, e.vars...)
		for _, path := range []string{"/healthz", "/readyz"} {
			if code := getStatus(t, s.url+path); code != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", path, code)
			}
		}
		addr := strings.TrimPrefix(s.url, "http://")
		mustRun(t, nil, "", "healthcheck", "--addr", addr)
		loginURL, email, pw := s.admin(t)
		if loginURL != s.url+"/login" || email != "admin@rapport.localhost" {
			t.Errorf("printed URL %q email %q, want %s/login and admin@rapport.localhost", loginURL, email, s.url)
		}
		if strings.Contains(s.stderr.String(), pw) {
			t.Error("the administrator's password appears in the logs")
		}
		if login(t, s.url, email, pw) == "" {
			t.Error("logging in with the printed password failed")
		}
		if login(t, s.url, email, pw+"x") != "" {
			t.Error("a wrong password logged in")
		}
		if code := s.stop(t); code != 0 {
			t.Errorf("serve exited %d on SIGTERM, want 0\nstderr:\n%s", code, s.stderr)
		}
		if r := runRapport(t, nil, "", "healthcheck", "--addr", addr); r.code != exitRuntime {
			t.Errorf("healthcheck of a stopped server: exit %d, want 1", r.code)
		}
	})
}

func TestServeCreatesAdminOnlyOnce(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		first := startServer(t, append(e.vars, "RAPPORT_ADMIN_EMAIL=boss@huaqiang.example")...)
		if _, email, _ := first.admin(t); email != "boss@huaqiang.example" {
			t.Errorf("admin email %q, want RAPPORT_ADMIN_EMAIL's boss@huaqiang.example", email)
		}
		first.stop(t)
		second := startServer(t, e.vars...)
		if out := second.stdout.String(); strings.Contains(out, "Password") {
			t.Errorf("the second start printed a new admin:\n%s", out)
		}
	})
}

// Two instances starting at once on one empty PostgreSQL database: both
// migrate and serve, and exactly one creates and prints the administrator.
func TestTwoInstancesOnOnePostgresDatabase(t *testing.T) {
	es := engines(t)
	if len(es) < 2 {
		t.Skip("RAPPORT_TEST_POSTGRES_URL is not set")
	}
	vars := es[1].vars
	a, b := launchServer(t, vars...), launchServer(t, vars...)
	a.waitReady(t)
	b.waitReady(t)
	printed := 0
	for _, s := range []*server{a, b} {
		if strings.Contains(s.stdout.String(), "Password:") {
			printed++
		}
	}
	if printed != 1 {
		t.Fatalf("%d instances printed an administrator, want exactly 1\nA:\n%s\nB:\n%s", printed, a.stdout, b.stdout)
	}
	for _, s := range []*server{a, b} {
		if code := s.stop(t); code != 0 {
			t.Errorf("exit %d on SIGTERM\nstderr:\n%s", code, s.stderr)
		}
	}
}
