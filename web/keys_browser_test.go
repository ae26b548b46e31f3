package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rapport-crm/rapport/crm"
)

// TestBrowserInboxByKeyboard works the inbox by keyboard alone in real
// Chromium, in zh-CN and English at desktop and phone width: ? opens the
// help, j/k/o pick a conversation, a assigns it to me, r and / insert a
// canned reply, Ctrl+Enter sends it, e resolves, j goes on to the next.
// The thread shows the handling between the messages; an empty reply is
// refused in the page's language; a missing page answers the styled 404;
// the navigation fits (a menu on a phone, one line per link on a desktop).
func TestBrowserInboxByKeyboard(t *testing.T) {
	for _, tt := range []struct {
		lang, size    string
		width, height int64
		help, taken   string // the help's title, the thread's line once taken
		resolved      string
		empty, notFnd string // the refusal of an empty reply, the 404's heading
	}{
		{"zh-CN", "desktop", 1280, 900, "键盘快捷键", "Rep1 接手了会话", "Rep1 标记为已解决", "请先输入内容", "找不到页面"},
		{"en", "desktop", 1280, 900, "Keyboard shortcuts", "Taken by Rep1", "Resolved by Rep1", "Write something first", "Page not found"},
		{"zh-CN", "phone", 390, 844, "键盘快捷键", "Rep1 接手了会话", "Rep1 标记为已解决", "请先输入内容", "找不到页面"},
		{"en", "phone", 390, 844, "Keyboard shortcuts", "Taken by Rep1", "Resolved by Rep1", "Write something first", "Page not found"},
	} {
		t.Run(tt.lang+"-"+tt.size, func(t *testing.T) {
			t.Parallel()
			le := newLiveEnv(t)
			canned := "您好，报价单已发到您的邮箱，请查收。"
			le.call("rep1", "POST", "/api/v1/canned-replies", crm.CannedReply{Title: "报价已发送", Text: canned}, 201, nil)
			le.call("rep1", "POST", "/api/v1/canned-replies", crm.CannedReply{Title: "Thanks", Text: "Thank you!"}, 201, nil)
			older := le.mail(t, "zhao@kunde.example", "发票", "请开发票。", "", "").ConversationID
			newer := le.mail(t, "qian@kunde.example", "询价：硒鼓", "请报价硒鼓十盒。", "", "").ConversationID
			name := func(s string) string { return fmt.Sprintf("keys-%s-%s-%s", tt.lang, tt.size, s) }
			key := func(k string, mods ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
				return chromedp.KeyEvent(k, chromedp.KeyModifiers(mods...))
			}
			timeline := `document.querySelector('#timeline').textContent`

			ctx := le.browser(t, nil, "rep1")
			do(t, ctx, chromedp.EmulateViewport(tt.width, tt.height),
				chromedp.Navigate(le.srv.URL+"/inbox?lang="+tt.lang), chromedp.WaitVisible(`#conversations`))
			do(t, ctx, key("?"))
			waitFor(t, ctx, "the help", `document.getElementById('keys-help').open`)
			if got := eval[string](t, ctx, `document.getElementById('keys-help').textContent`); !strings.Contains(got, tt.help) {
				t.Errorf("the help says %q", got)
			}
			screenshot(t, ctx, name("help"))
			do(t, ctx, key(kb.Escape))
			waitFor(t, ctx, "the help closed", `!document.getElementById('keys-help').open`)

			// j j k: the first row (the newest), then o opens it.
			do(t, ctx, key("j"), key("j"), key("k"))
			if got := eval[string](t, ctx, `document.querySelector('#conversations li.selected').dataset.conv`); got != fmt.Sprint(newer) {
				t.Fatalf("selected conversation %s, want %d", got, newer)
			}
			do(t, ctx, key("o"))
			waitThroughLoad(t, ctx, "the conversation", fmt.Sprintf(`location.pathname === '/inbox/%d' && !!document.getElementById('composer')`, newer))

			// a reloads the page (the live refresh may show the line first):
			// wait for the new page, marked by the old one's flag being gone.
			stale := chromedp.Evaluate[chromedp.Void](`window.stalePage = true`)
			do(t, ctx, stale, key("a"))
			waitThroughLoad(t, ctx, "the thread's line: taken", `!window.stalePage && `+jsContains(timeline, tt.taken))

			// r, then an empty Ctrl+Enter: refused in the page's language.
			do(t, ctx, key("r"))
			waitFor(t, ctx, "the composer focused", `document.activeElement.name === 'text'`)
			do(t, ctx, key(kb.Enter, chromedp.ModifierCtrl))
			waitFor(t, ctx, "the refusal", jsContains(`document.querySelector('#composer .form-error').textContent`, tt.empty))

			// "/报" filters the canned replies; Enter inserts the one chosen.
			do(t, ctx, chromedp.SendKeys(`#composer textarea[name=text]`, "/报"))
			waitFor(t, ctx, "the canned list", `!document.getElementById('canned-pop').hidden`)
			if n := eval[int](t, ctx, `document.querySelectorAll('#canned-pop li[data-text]:not([hidden])').length`); n != 1 {
				t.Errorf("%d canned replies offered for 报, want 1", n)
			}
			screenshot(t, ctx, name("canned"))
			do(t, ctx, key(kb.Enter))
			waitFor(t, ctx, "the canned text inserted", fmt.Sprintf(`document.querySelector('#composer textarea').value === %q`, canned))
			do(t, ctx, key(kb.Enter, chromedp.ModifierCtrl))
			waitFor(t, ctx, "the reply, queued", `document.querySelector('#timeline [data-delivery="queued"]')`)
			le.sender.next <- struct{}{}
			if out := <-le.sender.sent; out.Text != canned {
				t.Errorf("sent %q, want the canned reply", out.Text)
			}

			// Esc leaves the field; e resolves; the thread says who did it.
			do(t, ctx, key(kb.Escape), stale, key("e"))
			waitThroughLoad(t, ctx, "the thread's line: resolved", `!window.stalePage && `+jsContains(timeline, tt.resolved))
			screenshot(t, ctx, name("thread"))
			do(t, ctx, key("j"))
			waitThroughLoad(t, ctx, "the next conversation", fmt.Sprintf(`location.pathname === '/inbox/%d' && !!document.getElementById('composer')`, older))

			do(t, ctx, chromedp.Navigate(le.srv.URL+"/no/such/page"), chromedp.WaitVisible(`#error-page`))
			if got := eval[string](t, ctx, `document.querySelector('#error-page h1').textContent`); got != tt.notFnd {
				t.Errorf("the 404 page's heading is %q", got)
			}
			screenshot(t, ctx, name("404"))

			do(t, ctx, chromedp.Navigate(le.srv.URL+"/inbox"), chromedp.WaitVisible(`#conversations`))
			// No link of the navigation breaks inside its words.
			tallest := `Math.max(...[...document.querySelectorAll('.main-nav a, .search button')].filter(a => a.offsetParent).map(a => a.getBoundingClientRect().height))`
			if tt.size == "phone" {
				if eval[bool](t, ctx, `!!document.getElementById('main-nav').offsetParent`) {
					t.Error("the navigation shows before the menu is opened")
				}
				do(t, ctx, chromedp.Click(`#menu-toggle`))
				waitFor(t, ctx, "the menu open", `!!document.getElementById('main-nav').offsetParent`)
				screenshot(t, ctx, name("menu"))
			} else if eval[bool](t, ctx, `!!document.getElementById('menu-toggle').offsetParent`) {
				t.Error("a menu button on a desktop")
			}
			if h := eval[float64](t, ctx, tallest); h > 45 {
				t.Errorf("a navigation link or the search button is %.0f px tall: it wraps", h)
			}
		})
	}
}

// waitThroughLoad is waitFor across the page being replaced (a key that
// reloads or navigates): a poll the navigation cut short is tried again.
// It also waits for the new page to finish loading, so that its deferred
// scripts (the keyboard's among them) listen before the next key is sent:
// on a loaded machine the page's text can show before they run.
func waitThroughLoad(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	js = "document.readyState === 'complete' && (" + js + ")"
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, cancel := context.WithTimeout(ctx, 10*time.Second)
		_, err := chromedp.Run(c, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(50*time.Millisecond)))
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", what, err)
		}
	}
}
