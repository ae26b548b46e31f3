package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestInboxInlineImagesByContentID: two forwarded Outlook mails' logos are
// both "image001.png"; the stored Content-IDs put each in its place in the
// frame, and the page lists them under the body instead of showing them
// again as files. A file no cid names stays an ordinary file.
func TestInboxInlineImagesByContentID(t *testing.T) {
	t.Parallel()
	e, blobs := newEnvWithFiles(t)
	var atts []crm.Attachment
	var uris []string
	for i, cid := range []string{"image001.png@01DA0000.AAAAAAAA", "image001.png@01DA1111.BBBBBBBB", ""} {
		var img bytes.Buffer
		m := image.NewGray(image.Rect(0, 0, 2, 2))
		m.Set(0, 0, color.Gray{Y: uint8(80 * i)})
		if err := png.Encode(&img, m); err != nil {
			t.Fatal(err)
		}
		uris = append(uris, "data:image/png;base64,"+base64.StdEncoding.EncodeToString(img.Bytes()))
		b, err := blobs.Put(context.Background(), &img)
		if err != nil {
			t.Fatal(err)
		}
		atts = append(atts, crm.Attachment{SHA256: b.SHA256, Name: "image001.png", ContentType: "image/png", Size: b.Size, ContentID: cid})
	}
	res, m := e.mailWithFiles(t, &crm.Inbound{Subject: "Fwd: logos", Text: "logos", Attachments: atts,
		HTML: `<p>新 <img src="cid:image001.png@01DA1111.BBBBBBBB" alt="new"> 旧 <img src="cid:image001.png%4001DA0000.AAAAAAAA" alt="old"></p>`})
	if len(m.Attachments) != 3 || m.Attachments[1].ContentID != atts[1].ContentID {
		t.Fatalf("attachments %+v: want the Content-IDs back", m.Attachments)
	}
	doc := string(e.call("rep1", "GET", fmt.Sprintf("/inbox/messages/%d/frame", m.ID), nil, 200, nil))
	if i, j := strings.Index(doc, `src="`+uris[1]+`" alt="new"`), strings.Index(doc, `src="`+uris[0]+`" alt="old"`); i < 0 || j < i {
		t.Fatalf("each cid should show its own image001.png: %s", doc)
	}
	page := string(e.call("rep1", "GET", fmt.Sprintf("/inbox/%d", res.ConversationID), nil, 200, nil))
	inline, _, _ := strings.Cut(page[strings.Index(page, `class="inline-files`):], "</p>")
	for i, a := range m.Attachments {
		url := fmt.Sprintf("/api/v1/attachments/%d", a.ID)
		thumb := strings.Contains(page, `<img src="`+url+`"`)
		if listed := strings.Contains(inline, `href="`+url+`"`); listed != (i < 2) || thumb != (i == 2) {
			t.Errorf("attachment %d (cid %q): listed inline %v, shown as a file %v", i, a.ContentID, listed, thumb)
		}
	}
}

// TestInboxInlineImageSentAsOctetStream: a mail program that sends its
// inline logo as application/octet-stream still shows it in place, typed
// by its bytes; a cid that names a file which is no image shows nothing
// and the file stays an ordinary file.
func TestInboxInlineImageSentAsOctetStream(t *testing.T) {
	t.Parallel()
	e, blobs := newEnvWithFiles(t)
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 3, 1))); err != nil {
		t.Fatal(err)
	}
	uri := "data:image/png;base64," + base64.StdEncoding.EncodeToString(img.Bytes())
	var atts []crm.Attachment
	for _, f := range []struct {
		name, cid string
		body      []byte
	}{
		{"logo", "logo@mailer.example", img.Bytes()},
		{"terms.pdf", "terms@mailer.example", []byte("%PDF-1.4\n% not an image\n")},
	} {
		b, err := blobs.Put(context.Background(), bytes.NewReader(f.body))
		if err != nil {
			t.Fatal(err)
		}
		atts = append(atts, crm.Attachment{SHA256: b.SHA256, Name: f.name, ContentType: "application/octet-stream",
			Size: b.Size, ContentID: f.cid})
	}
	res, m := e.mailWithFiles(t, &crm.Inbound{Subject: "报价单", Text: "见附件", Attachments: atts,
		HTML: `<p><img src="cid:logo@mailer.example" alt="logo"> <img src="cid:terms@mailer.example" alt="terms"></p>`})
	doc := string(e.call("rep1", "GET", fmt.Sprintf("/inbox/messages/%d/frame", m.ID), nil, 200, nil))
	if !strings.Contains(doc, `src="`+uri+`" alt="logo"`) {
		t.Errorf("the octet-stream logo should show as a PNG: %s", doc)
	}
	if !strings.Contains(doc, `src="" alt="terms"`) {
		t.Errorf("a cid naming a PDF should show nothing: %s", doc)
	}
	page := string(e.call("rep1", "GET", fmt.Sprintf("/inbox/%d", res.ConversationID), nil, 200, nil))
	pdf := fmt.Sprintf(`href="/api/v1/attachments/%d"`, m.Attachments[1].ID)
	inline := ""
	if i := strings.Index(page, `class="inline-files`); i >= 0 {
		inline, _, _ = strings.Cut(page[i:], "</p>")
	}
	if strings.Contains(inline, pdf) || !strings.Contains(page, pdf) {
		t.Errorf("the PDF should be listed as a file, not among the mail's images")
	}
}
