package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserShowsInlineImages opens an HTML mail whose logo is an inline
// (cid:) image in Chromium: the sandboxed frame shows it (as a data: URI:
// its requests carry no session cookie, so an attachment URL answers 401).
func TestBrowserShowsInlineImages(t *testing.T) {
	t.Parallel()
	e, blobs := newEnvWithFiles(t)
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 3)))
	b, err := blobs.Put(context.Background(), &img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.inbox(0).ing.Ingest(context.Background(), &crm.Inbound{Channel: crm.ChannelEmail, Account: "sales@rapport.example",
		ExternalID: "<cid@x>", From: crm.Address{Address: "wang@kunde.example"}, Subject: "logo", Text: "logo",
		HTML:        `<p>见图 <img src="cid:image001.png@01DA2B3C.4D5E6F70" alt="logo"></p>`,
		Attachments: []crm.Attachment{{SHA256: b.SHA256, Name: "image001.png", ContentType: "image/png", Size: b.Size}},
		ReceivedAt:  e.clock.Now(), Raw: []byte("x")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	do(t, ctx,
		chromedp.Navigate(e.srv.URL+"/login?lang=en"),
		chromedp.SendKeys(`input[name="email"]`, "admin@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		chromedp.Navigate(fmt.Sprintf("%s/inbox/%d", e.srv.URL, res.ConversationID)),
		chromedp.WaitVisible(`iframe.mail`),
	)
	doc := eval[string](t, ctx, `document.querySelector('iframe.mail').getAttribute('srcdoc')`)
	if !strings.Contains(doc, `src="data:image/png;base64,`) || !strings.Contains(doc, `alt="logo"`) {
		t.Fatalf("the frame's document: %s", doc)
	}
	// Shown in the mail, so listed under it for download, not shown again.
	if got := eval[string](t, ctx, `[...document.querySelectorAll('.inline-files a')].map(a => a.textContent).join() +
		'|' + document.querySelectorAll('.files img').length`); got != "image001.png|0" {
		t.Errorf("inline images listed, other images shown: %q", got)
	}
	screenshot(t, ctx, "inbox-inline-image")
}
