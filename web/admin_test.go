package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/web"
)

var inviteLink = regexp.MustCompile(`http://[^"<\s]+/invite/[A-Za-z0-9_-]+`)

// invitePath is the path of a one-time link found on a page or in an answer.
func invitePath(t *testing.T, page string) string {
	t.Helper()
	link := inviteLink.FindString(page)
	if link == "" {
		t.Fatalf("no invitation link in %s", page)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// usePasswordLink sets a password from a one-time link, anonymously.
func (p *pager) usePasswordLink(path string, form url.Values) (*http.Response, string) {
	p.t.Helper()
	req := p.request("", "POST", path+"?lang=zh-CN", form.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, b := p.send(req)
	return res, string(b)
}

// anonPage GETs a page without logging in.
func (p *pager) anonPage(path string) (int, string) {
	p.t.Helper()
	res, b := p.send(p.request("", "GET", path, nil))
	return res.StatusCode, string(b)
}

func auditActions(t *testing.T, p *pager, kind string, id int64) []string {
	t.Helper()
	es, err := p.db.AuditOf(context.Background(), crm.Ref{Kind: kind, ID: id}, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Action)
	}
	return out
}

// TestInviteByManager: a manager invites a rep into her own team from the
// users page; the link, shown once, lets the rep choose a password and
// logs her in; it works once. The manager cannot invite a manager or into
// another team, and is told so in the page's language.
func TestInviteByManager(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	res, page := p.post("manager", "/admin/users?lang=zh-CN", url.Values{"email": {"wang.fang@example.com"},
		"name": {"王芳"}, "role": {"rep"}, "team_id": {fmt.Sprint(p.teamA)}})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("invite: %d\n%s", res.StatusCode, page)
	}
	contains(t, "the invitation", page, "请立即复制此链接", "wang.fang@example.com", "已邀请，尚未加入")
	path := invitePath(t, page)
	u, err := p.db.UserByEmail(context.Background(), "wang.fang@example.com")
	if err != nil || u.Role != crm.RoleRep || u.TeamID == nil || *u.TeamID != p.teamA || u.PasswordHash != "" {
		t.Fatalf("invited user %+v (%v)", u, err)
	}
	// Not a manager, not team B: refused beside the inputs, in Chinese.
	res, page = p.post("manager", "/admin/users?lang=zh-CN", url.Values{"email": {"x@example.com"}, "role": {"manager"}})
	if res.StatusCode != http.StatusForbidden || !strings.Contains(page, "经理只能邀请销售") {
		t.Fatalf("manager inviting a manager: %d\n%s", res.StatusCode, page)
	}
	p.fail("manager", "POST", "/api/v1/users/invite", map[string]any{"email": "y@example.com", "team_id": p.teamB}, 403, "forbidden")
	p.fail("rep1", "POST", "/api/v1/users/invite", map[string]any{"email": "z@example.com"}, 403, "forbidden")
	res, page = p.post("manager", "/admin/users?lang=zh-CN", url.Values{"email": {"wang.fang@example.com"}, "role": {"rep"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(page, "已有用户使用此邮箱") {
		t.Fatalf("inviting twice: %d\n%s", res.StatusCode, page)
	}

	// The link's page, then refusals in Chinese, then success.
	st, page := p.anonPage(path + "?lang=zh-CN")
	if st != 200 || !strings.Contains(page, "wang.fang@example.com") || !strings.Contains(page, "欢迎使用 Rapport") {
		t.Fatalf("link page: %d\n%s", st, page)
	}
	res, page = p.usePasswordLink(path, url.Values{"name": {"王芳"}, "password": {"short"}, "password_again": {"short"}})
	if res.StatusCode != 400 || !strings.Contains(page, "至少需要 10 个字符") {
		t.Fatalf("short password: %d\n%s", res.StatusCode, page)
	}
	res, page = p.usePasswordLink(path, url.Values{"password": {"a long password"}, "password_again": {"another one!"}})
	if res.StatusCode != 400 || !strings.Contains(page, "两次输入的密码不一致") {
		t.Fatalf("mismatch: %d\n%s", res.StatusCode, page)
	}
	res, page = p.usePasswordLink(path, url.Values{"name": {"王芳"}, "password": {"a long password"}, "password_again": {"a long password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("setting the password: %d\n%s", res.StatusCode, page)
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "rapport_session" {
			cookie = c
		}
	}
	if cookie == nil {
		t.Fatal("no session after choosing a password")
	}
	var me crm.User
	res, b := p.send(p.withCookie(cookie, "GET", "/api/v1/me", nil))
	if res.StatusCode != 200 || !strings.Contains(string(b), "wang.fang@example.com") {
		t.Fatalf("me: %d %s (%v)", res.StatusCode, b, me)
	}
	if r, _ := p.login("wang.fang@example.com", "a long password"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("login with the chosen password: %d", r.StatusCode)
	}
	res, page = p.usePasswordLink(path, url.Values{"password": {"yet another pw"}, "password_again": {"yet another pw"}})
	if res.StatusCode != http.StatusNotFound || !strings.Contains(page, "此链接已过期") {
		t.Fatalf("second use: %d\n%s", res.StatusCode, page)
	}
	got := auditActions(t, p, "user", u.ID)
	if !strings.Contains(strings.Join(got, ","), "user.password_set") || !strings.Contains(strings.Join(got, ","), "user.invite") {
		t.Fatalf("audit %v", got)
	}
}

// TestDeactivateStopsAtOnce: deactivating a rep ends her session and stops
// her API token with the very next request; reactivating lets the token
// work again. A manager may not touch another team's rep, and no one may
// deactivate themselves.
func TestDeactivateStopsAtOnce(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	repCookie := p.session("rep1")
	me := func() (int, int) {
		r1, _ := p.send(p.withCookie(repCookie, "GET", "/api/v1/me", nil))
		r2, _ := p.send(p.request("rep1", "GET", "/api/v1/me", nil))
		return r1.StatusCode, r2.StatusCode
	}
	if a, b := me(); a != 200 || b != 200 {
		t.Fatalf("before: %d %d", a, b)
	}
	loc := p.saved("manager", fmt.Sprintf("/admin/users/%d/disable", p.id("rep1")), url.Values{})
	if loc != fmt.Sprintf("/admin/users/%d?saved=1", p.id("rep1")) {
		t.Fatalf("redirect %q", loc)
	}
	if a, b := me(); a != 401 || b != 401 {
		t.Fatalf("after deactivation: session %d token %d, want 401 401", a, b)
	}
	page := p.mustPage("manager", fmt.Sprintf("/admin/users/%d?lang=en", p.id("rep1")))
	contains(t, "the deactivated rep", page, "Deactivated", "Reactivate")
	p.call("manager", "POST", fmt.Sprintf("/api/v1/users/%d/enable", p.id("rep1")), nil, 200, nil)
	if _, b := me(); b != 200 {
		t.Fatalf("token after reactivation: %d", b)
	}
	p.fail("manager", "POST", fmt.Sprintf("/api/v1/users/%d/disable", p.id("rep3")), nil, 403, "forbidden")
	res, pg := p.post("admin", fmt.Sprintf("/admin/users/%d/disable?lang=zh-CN", p.id("admin")), url.Values{})
	if res.StatusCode != http.StatusConflict || !strings.Contains(pg, "不能停用你自己") {
		t.Fatalf("disabling oneself: %d\n%s", res.StatusCode, pg)
	}
	got := strings.Join(auditActions(t, p, "user", p.id("rep1")), ",")
	if !strings.Contains(got, "user.disable") || !strings.Contains(got, "user.enable") {
		t.Fatalf("audit %v", got)
	}
}

// TestLastAdminStays: the only admin cannot demote or deactivate themselves
// through the API or the page, which says why in its language.
func TestLastAdminStays(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	id := p.id("admin")
	ae := p.fail("admin", "PATCH", fmt.Sprintf("/api/v1/users/%d", id), map[string]any{"role": "manager"}, 409, "conflict")
	if ae.Message != crm.LastAdminMessage {
		t.Fatalf("message %q", ae.Message)
	}
	res, page := p.post("admin", fmt.Sprintf("/admin/users/%d?lang=zh-CN", id), url.Values{"name": {"Admin"}, "role": {"rep"}, "team_id": {""}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(page, "这是最后一位管理员") {
		t.Fatalf("page: %d\n%s", res.StatusCode, page)
	}
	// Once the manager is an admin too, the first may step down.
	p.saved("admin", fmt.Sprintf("/admin/users/%d", p.id("manager")), url.Values{"name": {"Manager"}, "role": {"admin"}, "team_id": {fmt.Sprint(p.teamA)}})
	p.saved("admin", fmt.Sprintf("/admin/users/%d", id), url.Values{"name": {"Admin"}, "role": {"rep"}, "team_id": {fmt.Sprint(p.teamB)}})
	u, err := p.db.UserByID(context.Background(), id)
	if err != nil || u.Role != crm.RoleRep || u.TeamID == nil || *u.TeamID != p.teamB {
		t.Fatalf("after stepping down: %+v (%v)", u, err)
	}
}

// TestResetPassword: a reset stops the old password and every session at
// once; the link sets a new one.
func TestResetPassword(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	c := p.session("rep2")
	res, page := p.post("manager", fmt.Sprintf("/admin/users/%d/reset?lang=en", p.id("rep2")), url.Values{})
	if res.StatusCode != 200 || !strings.Contains(page, "shown only once") {
		t.Fatalf("reset: %d\n%s", res.StatusCode, page)
	}
	path := invitePath(t, page)
	if r, _ := p.send(p.withCookie(c, "GET", "/api/v1/me", nil)); r.StatusCode != 401 {
		t.Fatalf("session after reset: %d", r.StatusCode)
	}
	if r, _ := p.login("rep2@example.com", password); r.StatusCode != 401 {
		t.Fatalf("old password after reset: %d", r.StatusCode)
	}
	st, pg := p.anonPage(path + "?lang=zh-CN")
	if st != 200 || !strings.Contains(pg, "设置新密码") {
		t.Fatalf("reset page: %d\n%s", st, pg)
	}
	res, _ = p.usePasswordLink(path, url.Values{"name": {"Rep2"}, "password": {"new password 2"}, "password_again": {"new password 2"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new password: %d", res.StatusCode)
	}
	if r, _ := p.login("rep2@example.com", "new password 2"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("login with the new password: %d", r.StatusCode)
	}
}

// TestAPITokenPages: a token made on the page is shown once, works, is
// listed with its name, owner and last use, and stops at once when revoked.
func TestAPITokenPages(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	res, page := p.post("admin", "/admin/tokens?lang=zh-CN", url.Values{"name": {""}})
	if res.StatusCode != 400 || !strings.Contains(page, "必填") && !strings.Contains(page, "is required") {
		t.Fatalf("nameless token: %d\n%s", res.StatusCode, page)
	}
	res, page = p.post("admin", "/admin/tokens?lang=en", url.Values{"name": {"ERP sync"}})
	if res.StatusCode != http.StatusCreated || !strings.Contains(page, "shown only once") {
		t.Fatalf("create: %d\n%s", res.StatusCode, page)
	}
	secret := regexp.MustCompile(`rpt_[A-Za-z0-9_-]{20,}`).FindString(page)
	req := p.request("", "GET", "/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	if r, _ := p.send(req); r.StatusCode != 200 {
		t.Fatalf("the new token: %d", r.StatusCode)
	}
	var ts []crm.APIToken
	p.call("admin", "GET", "/api/v1/tokens", nil, 200, &ts)
	var made crm.APIToken
	for _, tk := range ts {
		if tk.Name == "ERP sync" {
			made = tk
		}
	}
	if made.ID == 0 || made.UserID != p.id("admin") || made.LastUsedAt == nil {
		t.Fatalf("listed %+v", ts)
	}
	page = p.mustPage("admin", "/admin/tokens?lang=en")
	contains(t, "the tokens page", page, "ERP sync", "Admin", "Revoke")
	if strings.Contains(page, secret) {
		t.Fatal("the list shows the secret again")
	}
	p.saved("admin", fmt.Sprintf("/admin/tokens/%d/revoke", made.ID), url.Values{})
	req = p.request("", "GET", "/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	if r, _ := p.send(req); r.StatusCode != 401 {
		t.Fatalf("revoked token: %d", r.StatusCode)
	}
	p.fail("rep1", "GET", "/api/v1/tokens", nil, 403, "forbidden")
	got := strings.Join(auditActions(t, p, "api_token", made.ID), ",")
	if got != "token.revoke,token.create" {
		t.Fatalf("audit %q", got)
	}
}

// TestTeamRulePage: a manager sets her team's round robin from the teams
// page, with refusals beside the cap in her language; she may not set
// another team's; an admin renames teams and moves members.
func TestTeamRulePage(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	page := p.mustPage("manager", "/admin/teams?lang=zh-CN")
	contains(t, "a team without a rule", page, "此团队没有分配规则")
	if strings.Contains(page, `id="team-`+fmt.Sprint(p.teamB)+`"`) {
		t.Fatal("a manager sees another team's card")
	}
	path := fmt.Sprintf("/admin/teams/%d?lang=zh-CN", p.teamA)
	for _, tt := range []struct{ cap, want string }{{"abc", "须为整数"}, {"-1", "必须在 0 到 100000 之间"}, {"", "必填"}} {
		res, page := p.post("manager", path, url.Values{"op": {"rule"}, "enabled": {"1"}, "lead_cap": {tt.cap}})
		if res.StatusCode != 400 || !strings.Contains(page, tt.want) {
			t.Fatalf("cap %q: %d, want %q\n%s", tt.cap, res.StatusCode, tt.want, page)
		}
	}
	p.saved("manager", path, url.Values{"op": {"rule"}, "enabled": {"1"}, "lead_cap": {"7"}})
	var rules []crm.AssignmentRule
	p.call("manager", "GET", "/api/v1/assignment-rules", nil, 200, &rules)
	if len(rules) != 1 || rules[0].TeamID != p.teamA || rules[0].LeadCap != 7 {
		t.Fatalf("rules %+v", rules)
	}
	page = p.mustPage("manager", "/admin/teams?lang=zh-CN")
	if strings.Contains(page, "此团队没有分配规则") || !strings.Contains(page, `value="7"`) {
		t.Fatalf("after setting the rule:\n%s", page)
	}
	res, _ := p.post("manager", fmt.Sprintf("/admin/teams/%d", p.teamB), url.Values{"op": {"rule"}, "enabled": {"1"}, "lead_cap": {"3"}})
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("manager on team B: %d", res.StatusCode)
	}
	res, _ = p.post("manager", path, url.Values{"op": {"rename"}, "name": {"X"}})
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("manager renaming: %d", res.StatusCode)
	}
	p.saved("manager", path, url.Values{"op": {"rule"}, "lead_cap": {"7"}}) // unticked: off
	p.call("manager", "GET", "/api/v1/assignment-rules", nil, 200, &rules)
	if len(rules) != 0 {
		t.Fatalf("rules after turning off %+v", rules)
	}

	res, page = p.post("admin", fmt.Sprintf("/admin/teams/%d?lang=zh-CN", p.teamA), url.Values{"op": {"rename"}, "name": {"B"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(page, "已有同名团队") {
		t.Fatalf("rename to a taken name: %d\n%s", res.StatusCode, page)
	}
	p.saved("admin", fmt.Sprintf("/admin/teams/%d", p.teamA), url.Values{"op": {"rename"}, "name": {"华东大区"}})
	p.saved("admin", fmt.Sprintf("/admin/teams/%d", p.teamB), url.Values{"op": {"add"}, "user_id": {fmt.Sprint(p.id("rep2"))}})
	u, _ := p.db.UserByID(context.Background(), p.id("rep2"))
	if u.TeamID == nil || *u.TeamID != p.teamB {
		t.Fatalf("rep2 after the move: %+v", u)
	}
	p.saved("admin", "/admin/teams", url.Values{"name": {"华南"}})
	page = p.mustPage("admin", "/admin/teams?lang=zh-CN")
	contains(t, "the admin's teams page", page, "华东大区", "华南")
	got := strings.Join(auditActions(t, p, "team", p.teamA), ",")
	if !strings.Contains(got, "team.rename") || !strings.Contains(got, "team.assignment_rule_off") || !strings.Contains(got, "team.assignment_rule") {
		t.Fatalf("audit %q", got)
	}
}

// TestFormEditorWarnsNoRule: the form editor warns while the form's team
// has no assignment rule.
func TestFormEditorWarnsNoRule(t *testing.T) {
	t.Parallel()
	p := formsPager(t)
	loc, _ := p.savedID("admin", "/forms", newFormValues(p.teamB))
	page := p.mustPage("admin", loc+"&lang=zh-CN")
	contains(t, "the editor of a form of a team without a rule", page, `id="team-no-rule"`, "所选团队没有分配规则")
	p.call("admin", "PUT", fmt.Sprintf("/api/v1/teams/%d/assignment-rule", p.teamB), map[string]int{"lead_cap": 5}, 200, nil)
	page = p.mustPage("admin", loc)
	if strings.Contains(page, `id="team-no-rule"`) {
		t.Fatal("the warning stays after the team got a rule")
	}
}

// TestSetupChecklist: the admin of an empty installation lands on the
// checklist; its steps tick themselves; hiding it sends / to the inbox.
func TestSetupChecklist(t *testing.T) {
	t.Parallel()
	app := testapp.New(t, testapp.Options{})
	e := &env{t: t, app: app, db: app.DB, clock: app.Clock, users: map[string]*crm.User{}, tokens: map[string]string{},
		logs: &testkit.SyncBuffer{}}
	e.user("admin", crm.RoleAdmin, nil)
	e.serve(web.Config{}, web.Deps{Forms: e.db})
	p := &pager{env: e, cookies: map[string]*http.Cookie{}}
	home := func() *http.Response {
		res, _ := p.send(p.withCookie(p.cookie("admin"), "GET", "/", nil))
		return res
	}
	if res := home(); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/setup" {
		t.Fatalf("admin's home: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	page := p.mustPage("admin", "/setup?lang=zh-CN")
	contains(t, "the checklist", page, "已完成 0 / 4 步", `class="todo" id="step-team"`, `class="todo" id="step-form"`)
	p.call("admin", "POST", "/api/v1/users/invite", map[string]any{"email": "rep@example.com", "role": "rep"}, 201, nil)
	p.call("admin", "POST", "/api/v1/forms", map[string]any{"name": "官网咨询"}, 201, nil)
	var st struct {
		Steps []struct {
			Key  string
			Done bool
		}
		Done int
	}
	p.call("admin", "GET", "/api/v1/setup", nil, 200, &st)
	if st.Done != 2 || st.Steps[2].Key != "form" || !st.Steps[2].Done || !st.Steps[3].Done || st.Steps[0].Done {
		t.Fatalf("after a form and an invitation: %+v", st)
	}
	page = p.mustPage("admin", "/setup?lang=en")
	contains(t, "the checklist", page, "2 of 4 steps done.", `class="done" id="step-team"`, `class="done" id="step-form"`)
	p.saved("admin", "/setup/dismiss", url.Values{})
	if res := home(); res.StatusCode != 200 {
		t.Fatalf("admin's home after hiding: %d", res.StatusCode)
	}
	page = p.mustPage("admin", "/setup?lang=en")
	if strings.Contains(page, `id="setup-dismiss"`) {
		t.Fatal("the hidden checklist still offers to hide itself")
	}
}

// TestSetupNotForOthers: reps and managers neither see nor hide it.
func TestSetupNotForOthers(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	if r, _ := p.send(p.withCookie(p.cookie("rep1"), "GET", "/", nil)); r.StatusCode != 200 {
		t.Fatalf("a rep's home: %d", r.StatusCode)
	}
	p.fail("rep1", "POST", "/api/v1/setup/dismiss", nil, 403, "forbidden")
	p.fail("manager", "GET", "/api/v1/setup", nil, 403, "forbidden")
}
