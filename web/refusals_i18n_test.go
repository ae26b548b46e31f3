package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// englishWords finds an English sentence fragment: three words in a row.
var englishWords = regexp.MustCompile(`[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}`)

// refusalIn is the text of the first element of class on page.
func refusalIn(t *testing.T, page, class string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)class="[^"]*\b` + class + `\b[^"]*"[^>]*>(.*?)</(p|div|section)>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no .%s on the page:\n%s", class, page)
	}
	return m[1]
}

// wantChinese fails when a refusal is missing its Chinese words or shows
// English.
func wantChinese(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	if englishWords.MatchString(text) {
		t.Errorf("%s shows English: %q", what, text)
	}
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q lacks %q", what, text, w)
		}
	}
}

// TestComposeRefusalsInChinese: the compose page's refusals (nobody to
// write to, nothing written) are in the page's language, fields named in
// it too, not "(to: is required)".
func TestComposeRefusalsInChinese(t *testing.T) {
	t.Parallel()
	le := newLiveEnv(t)
	p := &pager{env: le.env, cookies: map[string]*http.Cookie{}}
	l := &crm.Lead{Name: "无名", Company: "某公司", OwnerID: ptr(le.id("rep1")), Source: crm.LeadSource{Channel: crm.ChannelWebForm}}
	if err := le.db.CreateLead(context.Background(), l); err != nil {
		t.Fatal(err)
	}
	path := "/leads/" + itoa(l.ID) + "/compose"
	res, page := postIn(p, "zh-CN", "rep1", path, url.Values{"text": {"您好"}})
	if res.StatusCode < 400 {
		t.Fatalf("no address: %d\n%s", res.StatusCode, page)
	}
	wantChinese(t, "no address", refusalIn(t, page, "form-error"), "收件人：")
	_, page = postIn(p, "zh-CN", "rep1", path, url.Values{"to": {"wu@buyer.example"}, "text": {" "}})
	wantChinese(t, "nothing written", refusalIn(t, page, "form-error"), "消息：")

	// The API says it in English, with the Chinese beside (DESIGN §7.1).
	req := le.request("rep1", "POST", "/api/v1/leads/"+itoa(l.ID)+"/conversations", map[string]any{"to": []map[string]string{{"address": "wu@buyer.example"}}, "text": " "})
	req.Header.Set("Accept-Language", "zh-CN")
	res, b := le.send(req)
	var got localizedBody
	if err := json.Unmarshal(b, &got); err != nil || res.StatusCode != http.StatusBadRequest {
		t.Fatalf("API, nothing written: %d %s", res.StatusCode, b)
	}
	if got.Message != "Write something first." || got.Fields["text"] != "is required" ||
		got.Localized == nil || got.Localized.Message != "请先输入内容。" {
		t.Errorf("API, nothing written: %s", b)
	}
}

// TestImportRefusalsInChinese: an upload without a file, and an unknown
// action on an import, are refused on the page in Chinese.
func TestImportRefusalsInChinese(t *testing.T) {
	t.Parallel()
	e, _ := newImportEnv(t, false)
	p := &pager{env: e, cookies: map[string]*http.Cookie{}}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", "customers")
	mw.Close()
	req := p.withCookie(p.cookie("manager"), "POST", "/imports", body.String())
	req.AddCookie(&http.Cookie{Name: "rapport_lang", Value: "zh-CN"})
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", p.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, b := p.send(req)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("no file: %d\n%s", res.StatusCode, b)
	}
	wantChinese(t, "no file", refusalIn(t, string(b), "flash"), "文件：请选择要上传的文件")

	var j crm.ImportJob
	e.call("manager", "POST", "/api/v1/imports?kind=customers&name=a.csv", "客户名称\n深圳华强电子\n", 201, &j)
	res, page := postIn(p, "zh-CN", "manager", "/imports/"+itoa(j.ID), url.Values{"action": {"explode"}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("an unknown action: %d\n%s", res.StatusCode, page)
	}
	wantChinese(t, "an unknown action", refusalIn(t, page, "flash"), "操作：必须是检查、开始或撤销")
}

// TestMenuAndLabelRefusalsInChinese: the menu editor names a misplaced
// line and a too-long name in Chinese, WeChat's refusal comes with its own
// words after a Chinese sentence, and a rep on the labels page or any
// admin page gets the styled error page in Chinese.
func TestMenuAndLabelRefusalsInChinese(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	menus := &fakeMenus{live: map[string]*crm.Menu{}}
	p.serve(web.Config{}, web.Deps{Menus: menus})
	const menu = "/bot/menu?account=wx1"
	_, page := postIn(p, "zh-CN", "admin", menu, url.Values{"menu": {"- 官网 | view | https://rapport.example/about"}})
	wantChinese(t, "a sub-button first", refusalIn(t, page, "menu-problems"), "第 1 行：子菜单上方需要有一个主按钮")
	_, page = postIn(p, "zh-CN", "admin", menu, url.Values{"menu": {"营业时间 | click | V_HOURS\n关于我们\n- 官网 | view | ftp://x"}})
	wantChinese(t, "a bad address", refusalIn(t, page, "menu-problems"), "第 3 行：网址必须是 http(s) 网址")

	if _, page := postIn(p, "zh-CN", "admin", menu, url.Values{"menu": {"营业时间 | click | V_HOURS"}}); strings.Contains(page, "error") {
		t.Fatalf("saving the menu:\n%s", page)
	}
	menus.refuse = "WeChat: 40018 invalid button name size"
	_, page = postIn(p, "zh-CN", "admin", "/bot/menu/publish?account=wx1", nil)
	failed := refusalIn(t, page, "menu-failed")
	if !strings.Contains(failed, "40018 invalid button name size") || !strings.ContainsAny(failed, "请服务器无法") {
		t.Errorf("WeChat's refusal: %q, want a Chinese sentence with WeChat's words", failed)
	}

	for _, path := range []string{"/labels", "/admin/users", "/admin/teams", "/admin/tokens", "/setup", "/admin/users/" + itoa(p.id("admin"))} {
		st, page := p.page("rep1", path+"?lang=zh-CN")
		if st != http.StatusForbidden || !strings.Contains(page, `id="error-page"`) {
			t.Errorf("a rep on %s: %d, want the styled 403 page\n%s", path, st, page)
			continue
		}
		wantChinese(t, "a rep on "+path, refusalIn(t, page, "error-message"), "只有")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
