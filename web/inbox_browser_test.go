package web_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A mail arriving through ingest appears in an open inbox without a
// reload; a reply leaves through the Sender and its delivery state turns
// from queued to sent on the open page.
func TestBrowserLiveInboxAndReply(t *testing.T) {
	t.Parallel()
	le := newLiveEnv(t)
	ctx := le.browser(t, nil, "rep1")
	waitFor(t, ctx, "the event stream", `window.rapportLive && window.rapportLive.connected`)

	res := le.mail(t, "wang@kunde.example", "询价：激光打印机", "您好，请报价三台打印机。", "", "")
	waitFor(t, ctx, "the new conversation in the list", jsContains(`document.querySelector('#conversations').textContent`, "询价：激光打印机"))
	screenshot(t, ctx, "inbox")

	do(t, ctx, chromedp.Click(fmt.Sprintf(`li[data-conv="%d"] a`, res.ConversationID)), chromedp.WaitVisible(`#composer`))
	waitFor(t, ctx, "the event stream", `window.rapportLive.connected`)
	le.mail(t, "wang@kunde.example", "Re: 询价：激光打印机", "还需要两盒硒鼓 toner。", "", "<live1@kunde.example>")
	waitFor(t, ctx, "the follow-up mail in the thread", jsContains(`document.querySelector('#timeline').textContent`, "两盒硒鼓"))

	do(t, ctx, chromedp.SendKeys(`#composer textarea[name=text]`, "好的，马上为您报价。"), chromedp.Click(`#send`))
	waitFor(t, ctx, "the reply, queued", `document.querySelector('#timeline [data-delivery="queued"]')`)
	le.sender.next <- struct{}{}
	out := <-le.sender.sent
	if out.Text != "好的，马上为您报价。" || len(out.To) != 1 || out.To[0].Address != "wang@kunde.example" {
		t.Errorf("sent %+v", out)
	}
	waitFor(t, ctx, "the reply, sent", `document.querySelector('#timeline [data-delivery="sent"]')`)
	if n := eval[int](t, ctx, `document.querySelectorAll('#timeline [data-delivery]').length`); n != 1 {
		t.Errorf("%d outbound messages shown, want 1", n)
	}
	screenshot(t, ctx, "conversation")

	do(t, ctx, chromedp.SendKeys(`#composer textarea[name=text]`, "客户要发票"), chromedp.Click(`#add-note`))
	waitFor(t, ctx, "the private note", jsContains(`document.querySelector('#timeline .note')?.textContent`, "客户要发票"))
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(le.srv.URL+"/inbox"), chromedp.WaitVisible(`#inbox`))
	screenshot(t, ctx, "inbox-mobile")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/inbox/%d", le.srv.URL, res.ConversationID)), chromedp.WaitVisible(`#composer`))
	screenshot(t, ctx, "conversation-mobile")
}

// hostileHTML tries every way we know to run script; each calls the
// beacon or sets a global of the page if it ever runs. Its one remote
// image must load only after "show images".
func hostileHTML(base string) string {
	return strings.NewReplacer("BASE", base).Replace(`<p>Invoice attached</p>
<script>parent.pwned = 1; top.pwned = 1; fetch("BASE/beacon?script")</script>
<img src="x" onerror="top.pwned = 1; fetch('BASE/beacon?onerror')">
<a href="javascript:top.pwned=1;fetch('BASE/beacon?href')" id="jslink">click me</a>
<iframe src="BASE/beacon?iframe"></iframe>
<svg onload="top.pwned = 1"><circle r="1"/></svg>
<form action="BASE/beacon?form"><input name="x"><button>Go</button></form>
<div style="background:url(BASE/beacon?css)">styled</div>
<object data="BASE/beacon?object"></object>
<img src="BASE/beacon?image" alt="logo">`)
}

func TestBrowserHostileMailRunsNoScript(t *testing.T) {
	t.Parallel()
	le := newLiveEnv(t)
	ctx := le.browser(t, nil, "rep1")
	var dialogs atomic.Int32
	if err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
		}
	}); err != nil {
		t.Fatal(err)
	}
	res := le.mail(t, "evil@hack.example", "Your invoice", "Invoice attached", hostileHTML(le.srv.URL), "")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/inbox/%d", le.srv.URL, res.ConversationID)), chromedp.WaitVisible(`iframe.mail`))

	sandbox := eval[string](t, ctx, `document.querySelector('iframe.mail').getAttribute('sandbox')`)
	if strings.Contains(sandbox, "allow-scripts") || strings.Contains(sandbox, "allow-same-origin") {
		t.Errorf("frame sandbox %q", sandbox)
	}
	srcdoc := eval[string](t, ctx, `document.querySelector('iframe.mail').srcdoc`)
	for _, bad := range []string{"<script", "onerror", "onload", "javascript:", "<iframe", "<object", "<form", "beacon?image"} {
		if strings.Contains(srcdoc, bad) {
			t.Errorf("frame document holds %q:\n%s", bad, srcdoc)
		}
	}
	do(t, ctx, chromedp.Click(`button.show-images`))
	// The image beacon answering proves the frame's new document loaded;
	// any script in it would have run before.
	waitFor(t, ctx, "the frame with images", `document.querySelector('iframe.mail').srcdoc.includes('beacon?image')`)
	select {
	case <-le.beacons.image:
	case <-time.After(30 * time.Second):
		t.Fatal("the remote image never loaded after show images")
	}
	hits := le.beacons.get()
	if hits["image"] != 1 {
		t.Errorf("remote image loaded %d times after show images, want 1 (hits %v)", hits["image"], hits)
	}
	delete(hits, "image")
	if len(hits) > 0 {
		t.Errorf("hostile mail reached the beacon: %v", hits)
	}
	if eval[bool](t, ctx, `typeof window.pwned !== 'undefined'`) {
		t.Error("a script of the mail set a global of the page")
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d dialogs opened", n)
	}
	screenshot(t, ctx, "hostile-mail")
}

// Two reps on one conversation see each other, and see each other type.
func TestBrowserPresence(t *testing.T) {
	t.Parallel()
	le := newLiveEnv(t)
	res := le.mail(t, "li@kunde.example", "Delivery date?", "When will it ship?", "", "")
	path := fmt.Sprintf("%s/inbox/%d", le.srv.URL, res.ConversationID)
	one := le.browser(t, nil, "rep1")
	two := le.browser(t, one, "rep2")
	do(t, one, chromedp.Navigate(path), chromedp.WaitVisible(`#composer`))
	waitFor(t, one, "rep1's stream", `window.rapportLive.connected`)
	do(t, two, chromedp.Navigate(path), chromedp.WaitVisible(`#composer`))
	waitFor(t, two, "rep1 shown to rep2", fmt.Sprintf(`document.querySelector('#presence [data-user="%d"]')`, le.id("rep1")))
	waitFor(t, one, "rep2 shown to rep1", fmt.Sprintf(`document.querySelector('#presence [data-user="%d"]')`, le.id("rep2")))
	do(t, one, chromedp.SendKeys(`#composer textarea[name=text]`, "I'll answer"))
	waitFor(t, two, "rep1 typing", fmt.Sprintf(`document.querySelector('#presence [data-user="%d"][data-state="typing"]')`, le.id("rep1")))
	if got := eval[string](t, two, `document.querySelector('#presence').textContent`); !strings.Contains(got, "Rep1") {
		t.Errorf("presence shows %q", got)
	}
	screenshot(t, two, "presence")
}
