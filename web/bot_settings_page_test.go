package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// fakeMenus stands for the WeChat channel's menu/create and menu/get (the
// channel itself is tested against the fake WeChat API over HTTP): it keeps
// what was published, or refuses with WeChat's message.
type fakeMenus struct {
	mu     sync.Mutex
	live   map[string]*crm.Menu
	refuse string
}

func (f *fakeMenus) PublishMenu(_ context.Context, appID string, m *crm.Menu) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse != "" {
		return &crm.Error{Code: crm.EINVALID, Message: f.refuse}
	}
	f.live[appID] = m
	return nil
}

func (f *fakeMenus) LiveMenu(_ context.Context, appID string) (*crm.Menu, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if m := f.live[appID]; m != nil {
		return m, nil
	}
	return &crm.Menu{}, nil
}

// TestBotSettingsPages: an admin edits an account's settings (hours as
// lines, a broken line named), its menu (a name over WeChat's limit named
// by line, nothing saved; then saved, published and read back; WeChat's
// refusal shown in its words) and the generative endpoint (the key
// write-only), in zh-CN and English; a rep may not.
func TestBotSettingsPages(t *testing.T) {
	p := newPager(t)
	menus := &fakeMenus{live: map[string]*crm.Menu{}}
	p.serve(web.Config{}, web.Deps{Menus: menus})
	const path = "/bot/settings?channel=wechat&account=wx1"
	contains(t, "the settings page", p.mustPage("admin", path+"&lang=zh-CN"), "机器人设置", "常见问题阈值", "营业时间", "转人工用语")
	form := url.Values{"enabled": {"false", "true"}, "faq": {"false", "true"}, "generative": {"false"},
		"threshold": {""}, "margin": {""}, "handoff_phrases": {"转人工\n找客服"}, "handoff_text": {""}, "handoff_team_id": {"0"},
		"rep_silence_minutes": {"60"}, "time_zone": {"Asia/Shanghai"}, "hours": {"monday 9-18"},
		"holidays": {"2026-10-01"}, "away_text": {"我们下班了"}, "away_every_hours": {""}, "acknowledge": {"false"}, "ack_text": {""}}
	res, page := p.post("admin", path, form)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "line 1") {
		t.Fatalf("a broken hours line: %d\n%s", res.StatusCode, page)
	}
	form.Set("hours", "1 09:00-18:00\n2 09:00-18:00")
	if res, page = p.post("admin", path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the settings: %d\n%s", res.StatusCode, page)
	}
	var st crm.BotSettings
	p.call("admin", http.MethodGet, "/api/v1/bot/settings?channel=wechat&account=wx1", nil, http.StatusOK, &st)
	if len(st.Hours) != 2 || st.Hours[1].Day != 2 || st.AwayText != "我们下班了" || st.RepSilenceMinutes != 60 ||
		len(st.HandoffPhrases) != 2 || !st.Enabled {
		t.Fatalf("saved settings %+v", st)
	}
	contains(t, "the settings read back", p.mustPage("admin", path+"&saved=1&lang=en"), "Bot settings", "1 09:00-18:00", "Saved")

	const menu = "/bot/menu?account=wx1"
	res, page = p.post("admin", menu, url.Values{"menu": {"营业时间 | click | V_HOURS\n关于我们公司简介 | view | https://rapport.example/about"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "line 2: Name is 24 bytes; WeChat allows 16") {
		t.Fatalf("a menu over WeChat's limit: %d\n%s", res.StatusCode, page)
	}
	good := "营业时间 | click | V_HOURS\n关于我们\n- 官网 | view | https://rapport.example/about"
	if res, page = p.post("admin", menu, url.Values{"menu": {good}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the menu: %d\n%s", res.StatusCode, page)
	}
	p.call("admin", http.MethodGet, "/api/v1/bot/settings?channel=wechat&account=wx1", nil, http.StatusOK, &st)
	if st.Menu == nil || len(st.Menu.Buttons) != 2 || st.Menu.Buttons[1].SubButtons[0].URL != "https://rapport.example/about" ||
		len(st.Hours) != 2 {
		t.Fatalf("the saved menu %+v (hours %v kept)", st.Menu, st.Hours)
	}
	menus.refuse = "WeChat: 40018 invalid button name size"
	res, page = p.post("admin", "/bot/menu/publish?account=wx1", nil)
	if res.StatusCode == http.StatusSeeOther || !strings.Contains(page, "40018 invalid button name size") {
		t.Fatalf("WeChat's refusal: %d\n%s", res.StatusCode, page)
	}
	menus.refuse = ""
	if res, page = p.post("admin", "/bot/menu/publish?account=wx1", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publishing: %d\n%s", res.StatusCode, page)
	}
	contains(t, "the live menu read back", p.mustPage("admin", menu+"&published=1&lang=zh-CN"), "线上菜单",
		"- 官网 | view | https://rapport.example/about")

	gen := url.Values{"enabled": {"false", "true"}, "base_url": {"http://127.0.0.1:11434/v1"}, "model": {""},
		"api_key": {"sk-page-secret-91"}, "timeout_ms": {""}, "daily_cap": {"100"}, "min_score": {""}}
	res, page = p.post("admin", "/bot/generative", gen)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(page, `id="e-model"`) || strings.Contains(page, "sk-page-secret-91") {
		t.Fatalf("switched on without a model: %d\n%s", res.StatusCode, page)
	}
	gen.Set("model", "qwen2.5:7b")
	if res, page = p.post("admin", "/bot/generative", gen); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the endpoint: %d\n%s", res.StatusCode, page)
	}
	page = p.mustPage("admin", "/bot/generative?lang=en")
	contains(t, "the generative page", page, "Generative answers", "qwen2.5:7b", "http://127.0.0.1:11434/v1")
	raw := string(p.call("admin", http.MethodGet, "/api/v1/bot/generative", nil, http.StatusOK, nil))
	if strings.Contains(page+raw, "sk-page-secret-91") || !strings.Contains(raw, `"key_set":true`) {
		t.Fatalf("the key shows, or is not set: %s", raw)
	}
	for _, path := range []string{path, menu, "/bot/generative"} {
		if st, _ := p.page("rep1", path); st != http.StatusForbidden && st != http.StatusNotFound {
			t.Fatalf("a rep on %s: %d", path, st)
		}
	}
}

// TestBotSettingsTeamPicker: the hand-off team is chosen from the teams by
// name (zh-CN and English), the choice is saved as the team's id, and "no
// team" clears it.
func TestBotSettingsTeamPicker(t *testing.T) {
	p := newPager(t)
	p.serve(web.Config{}, web.Deps{Menus: &fakeMenus{live: map[string]*crm.Menu{}}})
	service, sales := p.team("售后服务组"), p.team("Sales East")
	const path = "/bot/settings?channel=wechat&account=wx1"
	ids := func(id int64) string { return strconv.FormatInt(id, 10) }
	contains(t, "the zh-CN picker", p.mustPage("admin", path+"&lang=zh-CN"), `<select id="f-handoff_team_id" name="handoff_team_id"`,
		`<option value="" selected>不指定团队：按常规分配规则</option>`, `<option value="`+ids(service)+`">售后服务组</option>`,
		`<option value="`+ids(sales)+`">Sales East</option>`, "接收转人工会话的团队")
	form := url.Values{"enabled": {"true"}, "faq": {"true"}, "handoff_team_id": {ids(service)}, "time_zone": {"Asia/Shanghai"}}
	if res, page := p.post("admin", path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the team: %d\n%s", res.StatusCode, page)
	}
	var st crm.BotSettings
	p.call("admin", http.MethodGet, "/api/v1/bot/settings?channel=wechat&account=wx1", nil, http.StatusOK, &st)
	if st.HandoffTeamID != service {
		t.Fatalf("saved team %d, want %d", st.HandoffTeamID, service)
	}
	contains(t, "the English picker", p.mustPage("admin", path+"&lang=en"), "Team whose round robin gets hand-offs",
		`<option value="">No team: the usual assignment rules</option>`, `<option value="`+ids(service)+`" selected>售后服务组</option>`)
	form.Set("handoff_team_id", "")
	if res, page := p.post("admin", path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("clearing the team: %d\n%s", res.StatusCode, page)
	}
	st = crm.BotSettings{}
	p.call("admin", http.MethodGet, "/api/v1/bot/settings?channel=wechat&account=wx1", nil, http.StatusOK, &st)
	if st.HandoffTeamID != 0 {
		t.Fatalf("team not cleared: %d", st.HandoffTeamID)
	}
}
