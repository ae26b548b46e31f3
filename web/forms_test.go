package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// formsServer serves the env's store with web forms on: the admin API,
// the page and /f/{key} through the real capture handler.
func formsServer(t *testing.T, e *env, capture bool) {
	t.Helper()
	deps := web.Deps{Forms: e.db}
	if capture {
		deps.FormCapture = webform.New(webform.Config{Forms: e.db, Ingester: e.inbox(0).ing, Now: e.clock.Now})
	}
	e.serve(web.Config{BaseURL: "https://crm.example.com"}, deps)
}

func TestFormsAdminAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	formsServer(t, e, false)
	body := map[string]any{"name": "官网咨询", "allowed_origins": []string{"https://www.example.com"},
		"fields": []map[string]any{{"name": "who", "map_to": "name", "required": true}, {"name": "email", "map_to": "email"}}}
	var f crm.Form
	e.call("admin", http.MethodPost, "/api/v1/forms", body, http.StatusCreated, &f)
	if f.ID == 0 || f.Key == "" {
		t.Fatalf("created = %+v", f)
	}
	e.fail("rep1", http.MethodPost, "/api/v1/forms", body, http.StatusForbidden, crm.EFORBIDDEN)
	e.fail("admin", http.MethodPost, "/api/v1/forms", map[string]any{"name": ""}, http.StatusBadRequest, crm.EINVALID)
	path := fmt.Sprintf("/api/v1/forms/%d", f.ID)
	var got crm.Form
	e.call("admin", http.MethodPatch, path, map[string]any{"redirect_url": "https://www.example.com/thanks"}, http.StatusOK, &got)
	if got.Key != f.Key || got.RedirectURL != "https://www.example.com/thanks" || got.Name != "官网咨询" {
		t.Fatalf("updated = %+v", got)
	}
	var list []crm.Form
	e.call("admin", http.MethodGet, "/api/v1/forms", nil, http.StatusOK, &list)
	if len(list) != 1 {
		t.Fatalf("list = %+v", list)
	}
	snippet := string(e.call("admin", http.MethodGet, path+"/snippet", nil, http.StatusOK, nil))
	for _, want := range []string{`action="https://crm.example.com/f/` + f.Key + `"`, `name="who" required`,
		`type="email" name="email"`, `name="_hp"`, `name="_page_url"`} {
		if !strings.Contains(snippet, want) {
			t.Errorf("snippet lacks %q:\n%s", want, snippet)
		}
	}
	// New rows replace the old ones whole: nothing of the old first row
	// (its mapping, its required flag) stays on the new first row.
	var rows crm.Form // fresh: decoding onto got would show json's own merging of old elements
	e.call("admin", http.MethodPatch, path, map[string]any{"fields": []map[string]any{{"name": "note"}}}, http.StatusOK, &rows)
	if len(rows.Fields) != 1 || rows.Fields[0] != (crm.FormField{Name: "note"}) {
		t.Fatalf("fields after a PATCH = %+v", rows.Fields)
	}
	e.call("admin", http.MethodDelete, path, nil, http.StatusOK, nil)
	e.fail("admin", http.MethodGet, path, nil, http.StatusNotFound, crm.ENOTFOUND)
}

func TestFormsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	formsServer(t, e, false)
	f := &crm.Form{Name: "展会登记 <Expo>"}
	if err := e.db.CreateForm(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	req := e.request("admin", http.MethodGet, "/forms?lang=zh-CN", nil)
	res, b := e.send(req)
	page := string(b)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, page)
	}
	for _, want := range []string{"网站表单", "展会登记 &lt;Expo&gt;", "https://crm.example.com/f/" + f.Key,
		"粘贴到网站的 HTML 代码", "&lt;form action=", "仅托管页面"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	res, _ = e.send(e.request("rep1", http.MethodGet, "/forms", nil))
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("a rep sees the forms page: %d", res.StatusCode)
	}
}

func TestFormCaptureThroughServer(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	formsServer(t, e, true)
	f := &crm.Form{Name: "Contact", AllowedOrigins: []string{"https://www.example.com"}}
	if err := e.db.CreateForm(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	post := func(origin string) *http.Response {
		req := e.request("", http.MethodPost, "/f/"+f.Key, url.Values{"name": {"Ann"}, "email": {"ann@x.example"}}.Encode())
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", origin)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		res, _ := e.send(req)
		return res
	}
	if res := post("https://www.example.com"); res.StatusCode != http.StatusOK {
		t.Fatalf("allowed cross-origin post: %d, want 200 (the server's own CSRF check must not apply)", res.StatusCode)
	}
	if res := post("https://evil.example"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("refused origin: %d", res.StatusCode)
	}
	res, _ := e.send(e.request("", http.MethodGet, "/f/"+f.Key+"?lang=en&utm_source=x", nil))
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Security-Policy"), "sha256-") {
		t.Fatalf("hosted page: %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
}

func TestFormCaptureMissing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	formsServer(t, e, false)
	e.call("", http.MethodPost, "/f/anykey", map[string]string{"name": "x"}, http.StatusNotFound, nil)
}

func TestClientAddressFunc(t *testing.T) {
	t.Parallel()
	ip := web.ClientAddressFunc([]netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")})
	r := httptest.NewRequest(http.MethodPost, "/f/k", nil)
	r.RemoteAddr = "10.1.2.3:5555"
	r.Header.Set("X-Forwarded-For", "198.51.100.7, 10.9.9.9")
	if got := ip(r); got != "198.51.100.7" {
		t.Fatalf("behind a trusted proxy: %q", got)
	}
	r.RemoteAddr = "203.0.113.5:5555"
	if got := ip(r); got != "203.0.113.5" {
		t.Fatalf("from an untrusted peer: %q", got)
	}
}
