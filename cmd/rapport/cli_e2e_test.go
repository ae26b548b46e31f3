package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestUserAddWithPipedPassword(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		const pw = "a long piped password 密码"
		r := mustRun(t, e.vars, pw+"\n", "user", "add",
			"--email", "Li.Wei@HuaQiang.example", "--role", "rep", "--name", "李伟", "--team", "华南")
		if !strings.Contains(r.stdout, "Created rep li.wei@huaqiang.example") || strings.Contains(r.stdout, "Password") {
			t.Errorf("stdout = %q, want the user named and no password", r.stdout)
		}
		// The same team name again finds the team instead of failing.
		mustRun(t, e.vars, pw+"\n", "user", "add", "--email", "wang@huaqiang.example", "--role", "manager", "--team", "华南")
		dup := runRapport(t, e.vars, pw+"\n", "user", "add", "--email", "li.wei@huaqiang.example", "--role", "rep")
		if dup.code != exitRuntime || !strings.Contains(dup.stderr, "create the user") {
			t.Errorf("adding a taken email: exit %d, stderr %q; want exit 1 naming the problem", dup.code, dup.stderr)
		}
		s := startServer(t, e.vars...)
		if strings.Contains(s.stdout.String(), "Password") {
			t.Error("serve created an admin although users exist")
		}
		if login(t, s.url, "li.wei@huaqiang.example", pw) == "" {
			t.Error("logging in with the piped password failed")
		}
		// user password, with the server running, replaces the password.
		const newPW = "another long password"
		mustRun(t, e.vars, newPW+"\n", "user", "password", "--email", "li.wei@huaqiang.example")
		if login(t, s.url, "li.wei@huaqiang.example", newPW) == "" || login(t, s.url, "li.wei@huaqiang.example", pw) != "" {
			t.Error("after user password, the new password should work and the old one not")
		}
	})
}

var printedUserPassword = regexp.MustCompile(`Password \(shown only this once\): (\S+)`)

func TestUserAddGeneratesPasswordWithoutPipe(t *testing.T) {
	vars := engines(t)[0].vars
	r := mustRun(t, vars, "", "user", "add", "--email", "zhang@huaqiang.example", "--role", "admin")
	m := printedUserPassword.FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no generated password printed; stdout %q", r.stdout)
	}
	if strings.Contains(r.stderr, m[1]) {
		t.Error("the generated password appears in the logs")
	}
	s := startServer(t, vars...)
	if login(t, s.url, "zhang@huaqiang.example", m[1]) == "" {
		t.Error("logging in with the generated password failed")
	}
}

func TestTokenCreate(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		mustRun(t, e.vars, "correct horse battery\n", "user", "add", "--email", "api@huaqiang.example", "--role", "rep")
		r := mustRun(t, e.vars, "", "token", "create", "--email", "api@huaqiang.example", "--name", "erp")
		token := strings.TrimSpace(r.stdout)
		if !strings.HasPrefix(token, "rpt_") || strings.Contains(r.stderr, token) {
			t.Fatalf("stdout %q: want only an rpt_ token, never logged", r.stdout)
		}
		s := startServer(t, e.vars...)
		var me struct{ Email string }
		if code := getJSON(t, s.url+"/api/v1/me", token, &me); code != http.StatusOK || me.Email != "api@huaqiang.example" {
			t.Errorf("GET /api/v1/me with the token = %d %+v, want 200 api@huaqiang.example", code, me)
		}
		if code := getJSON(t, s.url+"/api/v1/me", token+"x", nil); code != http.StatusUnauthorized {
			t.Errorf("GET /api/v1/me with a wrong token = %d, want 401", code)
		}
		missing := runRapport(t, e.vars, "", "token", "create", "--email", "nobody@huaqiang.example")
		if missing.code != exitRuntime || !strings.Contains(missing.stderr, "nobody@huaqiang.example") {
			t.Errorf("token for an unknown user: exit %d, stderr %q; want 1 naming the email", missing.code, missing.stderr)
		}
	})
}

// getJSON calls url with a bearer token and decodes a 200 answer into v.
func getJSON(t *testing.T, url, token string, v any) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK && v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

func TestMigrateTwice(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		first := mustRun(t, e.vars, "", "migrate")
		if !strings.Contains(first.stdout, "applied 0001") {
			t.Errorf("first migrate printed %q, want the migrations it applied", first.stdout)
		}
		second := mustRun(t, e.vars, "", "migrate")
		if !strings.Contains(second.stdout, "up to date") || strings.Contains(second.stdout, "applied 0") {
			t.Errorf("second migrate printed %q, want nothing applied", second.stdout)
		}
	})
}
