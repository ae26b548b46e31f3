package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

func TestLoginPageLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	tests := []struct {
		name, path, acceptLang, cookie, want, wantLang string
	}{
		{"English by default", "/login", "", "", "Log in", "en"},
		{"Chinese browser", "/login", "zh-CN,zh;q=0.9,en;q=0.8", "", "登录", "zh-CN"},
		{"plain zh", "/login", "zh", "", "登录", "zh-CN"},
		{"English browser", "/login", "en-GB,en;q=0.9", "", "Log in", "en"},
		{"switch to English", "/login?lang=en", "zh-CN", "", "Log in", "en"},
		{"switch remembered", "/login", "zh-CN", "en", "Log in", "en"},
		{"switch to Chinese", "/login?lang=zh-CN", "en", "", "登录", "zh-CN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := e.request("", "GET", tt.path, nil)
			req.Header.Set("Accept-Language", tt.acceptLang)
			if tt.cookie != "" {
				req.AddCookie(&http.Cookie{Name: "rapport_lang", Value: tt.cookie})
			}
			res, b := e.send(req)
			page := string(b)
			if res.StatusCode != 200 || !strings.Contains(page, tt.want) ||
				!strings.Contains(page, `<html lang="`+tt.wantLang+`">`) {
				t.Errorf("status %d, want %q in lang %s:\n%s", res.StatusCode, tt.want, tt.wantLang, page)
			}
		})
	}
}

func TestPagesServeTheirStylesheet(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	_, b := e.send(e.request("", "GET", "/login", nil))
	m := regexp.MustCompile(`href="(/static/style\.[0-9a-f]{8}\.css)"`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no checksum stylesheet link in %s", b)
	}
	res, css := e.send(e.request("", "GET", string(m[1]), nil))
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(res.Header.Get("Cache-Control"), "immutable") || len(css) == 0 {
		t.Errorf("stylesheet: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	if strings.Contains(string(b), "http://") || strings.Contains(string(b), "https://") {
		t.Error("the login page loads something from another site")
	}
	e.call("", "GET", "/static/style.00000000.css", nil, 404, nil)
}

func TestHomePage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	c := e.session("manager")
	req := e.withCookie(c, "GET", "/?lang=zh-CN", nil)
	res, b := e.send(req)
	page := string(b)
	for _, want := range []string{"Manager", "manager@example.com", "经理", `action="/logout"`, "/api/v1/openapi.json"} {
		if !strings.Contains(page, want) {
			t.Errorf("home lacks %q:\n%s", want, page)
		}
	}
	if res.Header.Get("Cache-Control") != "no-store" || res.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("home headers: %v", res.Header)
	}
	// A logged-in user visiting /login goes home.
	res, _ = e.send(e.withCookie(c, "GET", "/login", nil))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Errorf("login page when logged in: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
}
