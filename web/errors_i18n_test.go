package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// localizedBody is an API error with its translation beside it.
type localizedBody struct {
	apiError
	Localized *struct {
		Lang    string            `json:"lang"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
		Labels  map[string]string `json:"labels"`
	} `json:"localized"`
}

// An API refusal keeps its English code, message and fields, and carries
// them in the request's language beside when that is not English: a known
// message translated, a number kept in its sentence, a field named by its
// label, an unknown message replaced by its code's sentence.
func TestErrorsLocalized(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	conv := e.inbox(0).mail(t, "zhao@kunde.example", "询价", "你好", "").ConversationID
	call := func(lang, who, method, path string, body any, status int) localizedBody {
		t.Helper()
		req := e.request(who, method, path, body)
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		res, b := e.send(req)
		var out localizedBody
		if res.StatusCode != status || json.Unmarshal(b, &out) != nil {
			t.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, status, b)
		}
		return out
	}
	snooze := map[string]string{"status": "snoozed"}
	got := call("zh-CN,zh;q=0.9", "rep1", "PUT", convPath(conv, "/status"), snooze, 400)
	if got.Code != crm.EINVALID || got.Fields["snoozed_until"] != "must be in the future" {
		t.Errorf("English part changed: %+v", got.apiError)
	}
	if l := got.Localized; l == nil || l.Lang != "zh-CN" || l.Message != "部分内容填写有误。" ||
		l.Fields["snoozed_until"] != "必须是将来的时间" || l.Labels["snoozed_until"] != "稍后处理至" {
		t.Errorf("zh-CN: %+v", got.Localized)
	}
	if got := call("en", "rep1", "PUT", convPath(conv, "/status"), snooze, 400); got.Localized != nil {
		t.Errorf("English request got a translation: %+v", got.Localized)
	}
	if got := call("", "rep1", "PUT", convPath(conv, "/status"), snooze, 400); got.Localized != nil {
		t.Errorf("a request without a language got a translation: %+v", got.Localized)
	}

	for _, tc := range []struct {
		name, who, method, path string
		body                    any
		status                  int
		want                    string // the localized message, or field:text
	}{
		{"refusal", "rep1", "PUT", convPath(conv, "/assignment"), crm.Assignment{AssigneeID: ptr(e.id("rep2"))}, 403,
			"您不能把这个会话分配给该用户或团队。"},
		{"number in a field", "manager", "PUT", fmt.Sprintf("/api/v1/teams/%d/assignment-rule", e.teamA),
			map[string]int{"lead_cap": -1}, 400, "lead_cap:必须在 0 到 100000 之间"},
		{"unknown message: its code's sentence", "rep1", "GET", "/api/v1/inbox?view=everything", nil, 400,
			"部分内容填写有误。"},
		{"not found", "rep3", "GET", convPath(999999, ""), nil, 404, "该记录不存在，或您无权查看。"},
	} {
		got := call("zh-CN", tc.who, tc.method, tc.path, tc.body, tc.status)
		if got.Localized == nil {
			t.Fatalf("%s: no translation: %+v", tc.name, got)
		}
		field, text, ok := strings.Cut(tc.want, ":")
		if ok && got.Localized.Fields[field] != text || !ok && got.Localized.Message != tc.want {
			t.Errorf("%s: %+v, want %q", tc.name, got.Localized, tc.want)
		}
		if strings.ContainsAny(got.Message, "您必该部") {
			t.Errorf("%s: the English message was translated: %q", tc.name, got.Message)
		}
	}
}

// A page that does not exist answers the styled error page in the page's
// language, with the way on; the API answers JSON.
func TestNotFoundPage(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	for lang, want := range map[string]string{"en": "Page not found", "zh-CN": "找不到页面"} {
		st, page := p.page("rep1", "/no/such/page?lang="+lang)
		if st != http.StatusNotFound || !strings.Contains(page, want) || !strings.Contains(page, `id="error-page"`) ||
			!strings.Contains(page, `href="/inbox"`) || !strings.Contains(page, `lang="`+lang+`"`) {
			t.Errorf("%s: status %d\n%s", lang, st, page)
		}
	}
	// Logged out, it offers the login.
	res, b := p.send(p.request("", "GET", "/no/such/page", nil))
	if res.StatusCode != http.StatusNotFound || !strings.Contains(string(b), `href="/login"`) {
		t.Errorf("logged out: %d %s", res.StatusCode, b)
	}
	res, b = p.send(p.request("rep1", "GET", "/api/v1/no-such-thing", nil))
	if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Errorf("API: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), b)
	}
}
