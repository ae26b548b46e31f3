package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// pager drives the record pages as a browser would: a session cookie per
// user, forms posted from the site's own origin.
type pager struct {
	*env
	cookies map[string]*http.Cookie
}

func newPager(t *testing.T) *pager {
	return &pager{env: newEnv(t, web.Config{}), cookies: map[string]*http.Cookie{}}
}

func (p *pager) cookie(who string) *http.Cookie {
	if p.cookies[who] == nil {
		p.cookies[who] = p.session(who)
	}
	return p.cookies[who]
}

// page GETs path as who and returns the status and the page.
func (p *pager) page(who, path string) (int, string) {
	p.t.Helper()
	res, b := p.send(p.withCookie(p.cookie(who), "GET", path, nil))
	return res.StatusCode, string(b)
}

// mustPage GETs a page that must answer 200.
func (p *pager) mustPage(who, path string) string {
	p.t.Helper()
	st, page := p.page(who, path)
	if st != http.StatusOK {
		p.t.Fatalf("GET %s as %s: status %d\n%s", path, who, st, page)
	}
	return page
}

// post submits a form as who and returns the response and the page.
func (p *pager) post(who, path string, form url.Values) (*http.Response, string) {
	p.t.Helper()
	return postIn(p, "", who, path, form)
}

// postIn submits a form as who from a page in lang (the language cookie a
// ?lang= switch leaves; "": none).
func postIn(p *pager, lang, who, path string, form url.Values) (*http.Response, string) {
	p.t.Helper()
	req := p.withCookie(p.cookie(who), "POST", path, form.Encode())
	if lang != "" {
		req.AddCookie(&http.Cookie{Name: "rapport_lang", Value: lang})
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", p.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, b := p.send(req)
	return res, string(b)
}

// saved submits a form that must be accepted and returns where it leads.
func (p *pager) saved(who, path string, form url.Values) string {
	p.t.Helper()
	res, page := p.post(who, path, form)
	if res.StatusCode != http.StatusSeeOther {
		p.t.Fatalf("POST %s as %s: status %d, want 303\n%s", path, who, res.StatusCode, page)
	}
	return res.Header.Get("Location")
}

// savedID submits a new record's form at path, which must be accepted and
// lead to the record's page (path/ID?saved=1); it returns that page and ID.
func (p *pager) savedID(who, path string, form url.Values) (string, int64) {
	p.t.Helper()
	loc := p.saved(who, path, form)
	id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(loc, path+"/"), "?saved=1"), 10, 64)
	if err != nil {
		p.t.Fatalf("POST %s saved to %q, want %s/ID?saved=1", path, loc, path)
	}
	return loc, id
}

func contains(t *testing.T, what, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
	if t.Failed() {
		t.Logf("%s:\n%s", what, page)
	}
}
