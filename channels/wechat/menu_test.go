package wechat_test

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
	"github.com/rapport-crm/rapport/crm"
)

// TestMenuPublishAndRead publishes a menu with menu/create to the fake
// WeChat API over HTTP, reads it back with menu/get, and shows WeChat's own
// message when it refuses one.
func TestMenuPublishAndRead(t *testing.T) {
	e := newEnv(t)
	empty, err := e.ch.LiveMenu(ctx, appID)
	check(t, err)
	if len(empty.Buttons) != 0 {
		t.Fatalf("an account without a menu: %+v", empty)
	}
	m := &crm.Menu{Buttons: []crm.MenuButton{
		{Type: "click", Name: "营业时间", Key: "V_HOURS"},
		{Name: "服务", SubButtons: []crm.MenuButton{
			{Type: "view", Name: "官网", URL: "https://shop.example/"},
			{Type: "miniprogram", Name: "小程序商城", URL: "https://shop.example/m", AppID: "wxmini01", PagePath: "pages/index"},
		}},
	}}
	check(t, e.ch.PublishMenu(ctx, appID, m))
	calls := e.api.Calls("/cgi-bin/menu/create")
	if len(calls) != 1 || calls[0].Token == "" {
		t.Fatalf("menu/create calls: %+v", calls)
	}
	live, err := e.ch.LiveMenu(ctx, appID)
	check(t, err)
	if len(live.Buttons) != 2 || live.Buttons[0].Key != "V_HOURS" || live.Buttons[1].SubButtons[1].PagePath != "pages/index" {
		t.Fatalf("live menu %+v: want the one published", live)
	}
	e.api.Fail("/cgi-bin/menu/create", wechattest.Failure{Code: 40018})
	err = e.ch.PublishMenu(ctx, appID, m)
	if crm.ErrorCode(err) != crm.EINVALID || !strings.Contains(err.Error(), "40018") || !strings.Contains(err.Error(), "fake error 40018") {
		t.Fatalf("a refused menu: %v, want WeChat's code and message", err)
	}
}

func TestMenuLimits(t *testing.T) {
	click := func(name string) crm.MenuButton { return crm.MenuButton{Type: "click", Name: name, Key: "K"} }
	five := []crm.MenuButton{click("a"), click("b"), click("c"), click("d"), click("e")}
	tests := []struct {
		name  string
		menu  crm.Menu
		field string
	}{
		{"four top buttons", crm.Menu{Buttons: []crm.MenuButton{click("a"), click("b"), click("c"), click("d")}}, "button"},
		{"six sub-buttons", crm.Menu{Buttons: []crm.MenuButton{{Name: "多", SubButtons: append(five, click("f"))}}}, "button[0].sub_button"},
		{"top name over 16 bytes", crm.Menu{Buttons: []crm.MenuButton{click("六个汉字啊啊")}}, "button[0].name"},
		{"sub name over 60 bytes", crm.Menu{Buttons: []crm.MenuButton{{Name: "x", SubButtons: []crm.MenuButton{click(strings.Repeat("字", 21))}}}}, "button[0].sub_button[0].name"},
		{"key over 128 bytes", crm.Menu{Buttons: []crm.MenuButton{{Type: "click", Name: "a", Key: strings.Repeat("k", 129)}}}, "button[0].key"},
		{"view without a link", crm.Menu{Buttons: []crm.MenuButton{{Type: "view", Name: "a", URL: "ftp://x"}}}, "button[0].url"},
		{"miniprogram without appid", crm.Menu{Buttons: []crm.MenuButton{{Type: "miniprogram", Name: "a", URL: "https://x.example/", PagePath: "p"}}}, "button[0].appid"},
		{"unknown type", crm.Menu{Buttons: []crm.MenuButton{{Type: "scancode_push", Name: "a"}}}, "button[0].type"},
	}
	e := newEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := e.ch.PublishMenu(ctx, appID, &tt.menu)
			if crm.ErrorFields(err)[tt.field] == "" {
				t.Fatalf("error %v (fields %v): want %s named", err, crm.ErrorFields(err), tt.field)
			}
		})
	}
	if n := len(e.api.Calls("/cgi-bin/menu/create")); n != 0 {
		t.Fatalf("%d invalid menus reached WeChat", n)
	}
}
