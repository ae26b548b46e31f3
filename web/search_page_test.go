package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// postSearch posts the public search form as who's browser session.
func (e *env) postSearch(c *http.Cookie, q, lang string) (*http.Response, string) {
	e.t.Helper()
	req := e.withCookie(c, "POST", "/search?lang="+lang, url.Values{"q": {q}}.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, b := e.send(req)
	return res, string(b)
}

// The public search page shows that another team's customer exists, masked,
// and who owns it; the rep's own and pool records link to their pages; a
// pool lead has a claim button that takes it under the claim's rules.
func TestPublicSearchPage(t *testing.T) {
	e := newEnv(t, web.Config{})
	var theirs, lead record
	e.call("rep3", "POST", "/api/v1/customers", record{"name": "深圳市华强电子有限公司"}, 201, &theirs)
	e.call("admin", "POST", "/api/v1/leads", record{"name": "王芳", "company": "华强物流", "owner_id": nil}, 201, &lead)
	c := e.session("rep1")

	tests := []struct {
		name, q, lang string
		status        int
		want, not     []string
	}{
		{"masked and pool, Chinese", "华强", "zh-CN", 200,
			[]string{"深圳*******公司", "Rep3", "已遮盖", "公海", fmt.Sprintf(`action="/leads/%d/claim"`, lead.id()),
				fmt.Sprintf(`href="/leads/%d"`, lead.id()), "领取"},
			[]string{"深圳市华强", fmt.Sprintf(`href="/customers/%d"`, theirs.id())}},
		{"English", "华强电子", "en", 200, []string{"Public search", "masked: not yours to open", "Rep3"}, []string{"深圳市华强"}},
		{"nothing", "无此公司", "en", 200, []string{"Nobody has this one yet."}, nil},
		{"too short", "华", "zh-CN", 400, []string{"请至少输入两个字符", `aria-invalid="true"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := e.postSearch(c, tt.q, tt.lang)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("page shows %q", n)
				}
			}
		})
	}
	// The claim button claims through the lead claim's own route.
	res, _ := e.send(e.withCookie(c, "POST", fmt.Sprintf("/leads/%d/claim", lead.id()), nil))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim from the search: status %d, want 303", res.StatusCode)
	}
	_, body := e.postSearch(c, "华强物流", "en")
	if !strings.Contains(body, "Rep1") || strings.Contains(body, `/claim"`) {
		t.Errorf("after the claim the lead should be rep1's, with no claim button: %s", body)
	}
}
