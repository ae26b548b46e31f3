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
