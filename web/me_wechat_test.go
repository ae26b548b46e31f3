package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// TestMyWeChatBinding: on the reminders page a rep gets a binding code,
// the code (sent to the official account) binds their WeChat, the page
// then shows the binding with its unbind button, the notices list shows
// how each notice went and why, and unbinding is audited. The API says
// the same; another user's code does not show.
func TestMyWeChatBinding(t *testing.T) {
	e, _ := withSatisfaction(t, "")
	e.serve(web.Config{}, web.Deps{Reminders: e.db, UserSettings: e.db, Staff: e.db, Notices: e.db})
	ctx := context.Background()
	form := func(path string) (*http.Response, string) {
		req := e.withCookie(e.session("rep1"), "POST", path, url.Values{}.Encode())
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, body := e.send(req)
		return res, string(body)
	}
	res, page := form("/me/wechat/code")
	m := regexp.MustCompile(`绑定 ([A-Z0-9]{8})`).FindStringSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("the code page (%d) shows no code: %.300s", res.StatusCode, page)
	}
	e.call("rep1", "GET", "/api/v1/me/wechat", nil, http.StatusNotFound, nil)
	_, err := e.db.BindWeChat(ctx, crm.HashToken(m[1]), "wx1", "o-rep1", e.clock.Now())
	mustDo(t, err)
	var link crm.WeChatLink
	e.call("rep1", "GET", "/api/v1/me/wechat", nil, http.StatusOK, &link)
	if link.UserID != e.id("rep1") || link.OpenID != "o-rep1" {
		t.Fatalf("link %+v", link)
	}
	n := &crm.UserNotice{UserID: e.id("rep1"), Key: "k1", Kind: crm.NoticePoolWarning, Title: "线索「华强」将于 3 月 12 日回收",
		NextAt: e.clock.Now()}
	_, err = e.db.QueueUserNotice(ctx, n)
	mustDo(t, err)
	n.State, n.Channel, n.Reason = crm.DeliverySent, crm.NoticeByTemplate, crm.NoticeWhyTemplate
	mustDo(t, e.db.FinishUserNotice(ctx, n))
	_, body := e.send(e.withCookie(e.session("rep1"), "GET", "/reminders?lang=zh-CN", nil))
	for _, want := range []string{"已绑定公众号的关注者", "解除绑定", "线索「华强」将于 3 月 12 日回收", "微信模板消息", "超出微信 48 小时窗口：使用提醒模板"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	var ns []crm.UserNotice
	e.call("rep1", "GET", "/api/v1/me/notices", nil, http.StatusOK, &ns)
	e.call("rep2", "GET", "/api/v1/me/wechat", nil, http.StatusNotFound, nil)
	if len(ns) != 1 || ns[0].Reason != crm.NoticeWhyTemplate {
		t.Fatalf("notices %+v", ns)
	}
	if res, _ := form("/me/wechat/revoke"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unbinding: %d", res.StatusCode)
	}
	e.call("rep1", "GET", "/api/v1/me/wechat", nil, http.StatusNotFound, nil)
	audit, err := e.db.AuditOf(ctx, crm.Ref{Kind: crm.RefUser, ID: e.id("rep1")}, 20)
	mustDo(t, err)
	var acts []string
	for _, a := range audit {
		if strings.HasPrefix(a.Action, "user.wechat") && a.ActorID != nil && *a.ActorID == e.id("rep1") {
			acts = append(acts, a.Action)
		}
	}
	if strings.Join(acts, " ") != "user.wechat_revoke user.wechat_bind" {
		t.Errorf("audit of the binding, newest first: %v", acts)
	}
}
