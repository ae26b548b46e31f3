package web

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestInlineImagesPointAtTheMessagesOwnFiles(t *testing.T) {
	byID := func(a *crm.Attachment) string { return "file:" + itoa64(a.ID) }
	files := []crm.Attachment{
		{ID: 7, Name: "image001.png", ContentType: "image/png"},                 // Outlook: file name + "@…"
		{ID: 8, Name: "part1.abc@mail.example.jpeg", ContentType: "image/jpeg"}, // unnamed: the channel's name
		{ID: 9, Name: "doc.pdf", ContentType: "application/pdf"},
	}
	in := `<p><img src="cid:image001.png@01DA2B3C.4D5E6F70" alt="logo">` +
		`<img src="cid:part1.abc%40mail.example"><img src="cid:doc.pdf@x"><img src="cid:other@x">` +
		`<img src="https://t.example/p.gif"><a href="cid:image001.png@01DA2B3C.4D5E6F70">x</a></p>`
	for _, images := range []bool{false, true} {
		got := mailDoc(&crm.Message{HTML: in, Attachments: files}, images, byID)
		for _, want := range []string{`src="file:7" alt="logo"`, `src="file:8"`} {
			if !strings.Contains(got, want) {
				t.Errorf("images=%v: %s lacks %s", images, got, want)
			}
		}
		if strings.Contains(got, "file:9") || strings.Contains(got, `src="cid:`) {
			t.Errorf("images=%v: a non-image or unknown cid was kept: %s", images, got)
		}
		if strings.Contains(got, "t.example") != images {
			t.Errorf("images=%v: remote image: %s", images, got)
		}
	}
	// Another message's files are not this one's: nothing to point at.
	if got := mailDoc(&crm.Message{HTML: in}, false, byID); strings.Contains(got, "file:") {
		t.Errorf("without its own files: %s", got)
	}
}
