package web

import (
	"maps"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestInlineImagesPointAtTheMessagesOwnFiles(t *testing.T) {
	t.Parallel()
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
		got, shown := mailDoc(&crm.Message{HTML: in, Attachments: files}, images, byID)
		if want := map[int64]bool{7: true, 8: true}; !maps.Equal(shown, want) {
			t.Errorf("images=%v: shown %v, want %v", images, shown, want)
		}
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
	if got, _ := mailDoc(&crm.Message{HTML: in}, false, byID); strings.Contains(got, "file:") {
		t.Errorf("without its own files: %s", got)
	}
}

// TestInlineImagesByContentID: a stored Content-ID decides, even where the
// file names collide (two Outlook "image001.png" of two forwarded mails):
// exactly first, then ignoring case; the name guess is only for files
// stored without one.
func TestInlineImagesByContentID(t *testing.T) {
	t.Parallel()
	byID := func(a *crm.Attachment) string { return "file:" + itoa64(a.ID) }
	files := []crm.Attachment{
		{ID: 1, Name: "image001.png", ContentType: "image/png", ContentID: "image001.png@01DA0000.AAAAAAAA"},
		{ID: 2, Name: "image001.png", ContentType: "image/png", ContentID: "image001.png@01DA1111.BBBBBBBB"},
		{ID: 3, Name: "part1.ABC@example.com.png", ContentType: "image/png", ContentID: "part1.ABC@example.com"},
		{ID: 4, Name: "x.png", ContentType: "image/png", ContentID: "part1.abc@example.com"},
		{ID: 5, Name: "Logo.PNG", ContentType: "image/png", ContentID: "LOGO@Mail"},
		{ID: 6, Name: "scan.jpeg", ContentType: "image/jpeg"}, // stored before Content-IDs were kept
		{ID: 7, Name: "notes.pdf", ContentType: "application/pdf", ContentID: "notes@x"},
	}
	tests := []struct{ cid, want string }{
		{"image001.png@01DA1111.BBBBBBBB", "file:2"}, // not the first image001.png
		{"image001.png@01DA0000.AAAAAAAA", "file:1"},
		{"image001.png@01DA2222.CCCCCCCC", ""}, // names collide, ids say neither
		{"part1.abc@example.com", "file:4"},    // exact beats the case-blind match on 3
		{"part1.ABC%40example.com", "file:3"},  // URL-decoded
		{"PART1.ABC@EXAMPLE.COM", "file:3"},    // no exact match: the first ignoring case
		{"logo@mail", "file:5"},
		{"scan.jpeg@01DA", "file:6"}, // the name guess, for older mail
		{"notes@x", ""},              // not an image
		{"%zz", ""},                  // undecodable, names nothing
	}
	for _, tt := range tests {
		got, _ := mailDoc(&crm.Message{HTML: `<img src="cid:` + tt.cid + `">`, Attachments: files}, false, byID)
		if !strings.Contains(got, `src="`+tt.want+`"`) {
			t.Errorf("cid:%s: want src=%q in %s", tt.cid, tt.want, got)
		}
	}
}
