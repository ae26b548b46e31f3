package web_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/web"
)

// TestBotImageReply: an admin uploads an image and makes it a keyword
// rule's reply; a file that is not an image, and an id that is no upload,
// are refused with the field named.
func TestBotImageReply(t *testing.T) {
	t.Parallel()
	e := newEnvOn(t, testapp.New(t, testapp.Options{Blobs: true}))
	e.serve(web.Config{}, web.Deps{Blobs: e.app.Blobs})
	upload := func(name, ct string, content []byte) (*http.Response, []byte) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="file"; filename="`+name+`"`)
		h.Set("Content-Type", ct)
		w, _ := mw.CreatePart(h)
		w.Write(content)
		mw.Close()
		req := e.request("admin", http.MethodPost, "/api/v1/bot/images", body.String())
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return e.send(req)
	}
	png := []byte("\x89PNG\r\n\x1a\n fake image bytes")
	if res, b := upload("notes.txt", "text/plain", []byte("hello")); res.StatusCode != http.StatusBadRequest {
		t.Fatalf("a text file: %d %s", res.StatusCode, b)
	}
	res, b := upload("qr.png", "image/png", png)
	var a crm.Attachment
	if res.StatusCode != http.StatusCreated || json.Unmarshal(b, &a) != nil || a.ID == 0 || a.Size != int64(len(png)) {
		t.Fatalf("uploading an image: %d %s", res.StatusCode, b)
	}
	ae := e.fail("admin", http.MethodPost, "/api/v1/bot/rules", map[string]any{"channel": "wechat", "account": "wx1",
		"kind": "keyword", "keywords": []string{"二维码"}, "image_id": a.ID + 100}, http.StatusBadRequest, crm.EINVALID)
	if ae.Fields["image_id"] == "" {
		t.Fatalf("an id that is no upload: %+v", ae)
	}
	var r crm.BotRule
	e.call("admin", http.MethodPost, "/api/v1/bot/rules", map[string]any{"channel": "wechat", "account": "wx1",
		"kind": "keyword", "keywords": []string{"二维码"}, "image_id": a.ID}, http.StatusCreated, &r)
	if r.Image == nil || r.Image.SHA256 != a.SHA256 || r.Reply != "" {
		t.Fatalf("the image rule %+v", r)
	}
}
