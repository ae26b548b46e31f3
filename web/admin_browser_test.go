package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// browserSizes are the widths the admin and compose pages are tried at.
var browserSizes = []struct {
	lang, size    string
	width, height int64
}{
	{"zh-CN", "desktop", 1280, 900},
	{"en", "desktop", 1280, 900},
	{"zh-CN", "phone", 390, 844},
	{"en", "phone", 390, 844},
}

// TestBrowserManagerInvitesRep: a manager invites a rep from the users
// page, copies the one-time link, and turns on her team's round robin
// after a refused cap; the rep opens the link in her own browser, chooses
// a password and is logged in. In zh-CN and English, desktop and phone.
func TestBrowserManagerInvitesRep(t *testing.T) {
	for _, tt := range browserSizes {
		t.Run(tt.lang+"-"+tt.size, func(t *testing.T) {
			e := newEnv(t, web.Config{})
			u := e.srv.URL
			ctx := browsertest.New(t)
			name := func(s string) string { return fmt.Sprintf("admin-%s-%s-%s", tt.lang, tt.size, s) }
			email := "new.rep@example.com"
			do(t, ctx, chromedp.EmulateViewport(tt.width, tt.height),
				chromedp.Navigate(u+"/login?lang="+tt.lang),
				chromedp.SetValue(`input[name=email]`, "manager@example.com"),
				chromedp.SetValue(`input[name=password]`, password),
				chromedp.Click(`form[action="/login"] button[type=submit]`),
				chromedp.WaitVisible(`.who`),
				chromedp.Navigate(u+"/admin/users"),
				chromedp.WaitVisible(`#invite-form`),
				chromedp.SendKeys(`#f-email`, email),
				chromedp.SendKeys(`#f-name`, "王芳"),
				chromedp.Click(`#invite-form button[type=submit]`),
				chromedp.WaitVisible(`#invite-url`))
			link := eval[string](t, ctx, `document.querySelector('#invite-url').value`)
			if !strings.Contains(link, "/invite/") {
				t.Fatalf("invitation link %q", link)
			}
			state := eval[string](t, ctx, `document.querySelector('#users').textContent`)
			if !strings.Contains(state, email) {
				t.Fatalf("the users list lacks the invited rep: %q", state)
			}
			screenshot(t, ctx, name("invited"))

			card := fmt.Sprintf(`#team-%d`, e.teamA)
			do(t, ctx, chromedp.Navigate(u+"/admin/teams"),
				chromedp.WaitVisible(card+` .no-rule`),
				chromedp.Click(card+` .rule-form input[name=enabled]`),
				chromedp.SetValue(card+` .rule-form input[name=lead_cap]`, "abc"),
				chromedp.Click(card+` .rule-form button[type=submit]`),
				chromedp.WaitVisible(card+` .rule-form .rec-error`))
			refusal := eval[string](t, ctx, `document.querySelector('`+card+` .rule-form .rec-error').textContent`)
			want := map[string]string{"zh-CN": "须为整数", "en": "must be a whole number"}[tt.lang]
			if !strings.Contains(refusal, want) {
				t.Fatalf("the refused cap says %q, want %q", refusal, want)
			}
			screenshot(t, ctx, name("rule-refused"))
			do(t, ctx, chromedp.SetValue(card+` .rule-form input[name=lead_cap]`, "8"),
				chromedp.Click(card+` .rule-form button[type=submit]`),
				chromedp.WaitVisible(`p.flash.ok`))
			if eval[bool](t, ctx, `!!document.querySelector('`+card+` .no-rule')`) {
				t.Fatal("the team still warns that it has no rule")
			}
			screenshot(t, ctx, name("rule-set"))
			rules, err := e.db.ListAssignmentRules(context.Background())
			if err != nil || len(rules) != 1 || rules[0].LeadCap != 8 || rules[0].TeamID != e.teamA {
				t.Fatalf("rules %+v (%v)", rules, err)
			}

			rep := browsertest.New(t)
			do(t, rep, chromedp.EmulateViewport(tt.width, tt.height),
				chromedp.Navigate(link+"?lang="+tt.lang),
				chromedp.WaitVisible(`#i-password`),
				chromedp.SetValue(`#i-password`, "a long password"),
				chromedp.SetValue(`#i-again`, "a long password"),
				chromedp.Click(`form button[type=submit]`),
				chromedp.WaitVisible(`#inbox`))
			who := eval[string](t, rep, `document.querySelector('.who').textContent`)
			if !strings.Contains(who, "王芳") {
				t.Fatalf("logged in as %q", who)
			}
			screenshot(t, rep, name("joined"))
		})
	}
}

// TestBrowserRepStartsWeChat: a rep opens a contact who follows the
// account but never wrote, picks a template listed from the fake WeChat,
// fills it in and sends it; the new conversation opens and the template
// message reaches WeChat over HTTP. In zh-CN and English, desktop and
// phone.
func TestBrowserRepStartsWeChat(t *testing.T) {
	for _, tt := range browserSizes {
		t.Run(tt.lang+"-"+tt.size, func(t *testing.T) {
			w := newFollowerWorld(t)
			ctx := w.browser(t, nil, "rep1")
			name := func(s string) string { return fmt.Sprintf("compose-wechat-%s-%s-%s", tt.lang, tt.size, s) }
			tpl := `#compose-wechat fieldset[data-template="TPL-visit"]`
			do(t, ctx, chromedp.EmulateViewport(tt.width, tt.height),
				chromedp.Navigate(fmt.Sprintf("%s/contacts/%d/compose?lang=%s", w.srv.URL, w.contact, tt.lang)),
				chromedp.WaitVisible(`#compose-wechat`),
				chromedp.Click(tpl+` input[name=template]`),
				chromedp.SendKeys(tpl+` input[data-field=first]`, "周先生您好"),
				chromedp.SendKeys(tpl+` input[data-field=keyword1]`, "12月5日 上午"))
			window := eval[string](t, ctx, `document.querySelector('#wechat-window').textContent`)
			if !strings.Contains(window, "48") {
				t.Fatalf("the composer says %q, want the 48-hour window", window)
			}
			screenshot(t, ctx, name("compose"))
			do(t, ctx, chromedp.Click(`#wechat-send`), chromedp.WaitVisible(`#timeline`))
			calls := w.templateSends(t, 1)
			// Read the delivery afresh rather than wait on the live update.
			do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`#timeline [data-delivery="sent"]`))
			screenshot(t, ctx, name("sent"))
			if len(calls) != 1 || calls[0].Body["touser"] != "o-zhou" {
				t.Fatalf("template sends %v", calls)
			}
			data, _ := calls[0].Body["data"].(map[string]any)
			if kw, _ := data["keyword1"].(map[string]any); kw["value"] != "12月5日 上午" {
				t.Fatalf("template data %v", data)
			}
			convs, err := w.db.ConversationsAbout(context.Background(), crm.System, &w.contact, nil, 5)
			if err != nil || len(convs) != 1 || convs[0].Channel != crm.ChannelWeChat {
				t.Fatalf("the contact's conversations %+v (%v)", convs, err)
			}
		})
	}
}
