package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/web"
)

// Attachments download for those who see the conversation, images inline,
// anything else as a download; the page shows images and voice.
func TestInboxAttachments(t *testing.T) {
	t.Parallel()
	e, blobs := newEnvWithFiles(t)
	ctx := context.Background()
	var atts []crm.Attachment
	for _, f := range []struct{ name, ctype, body string }{
		{"photo.png", "image/png", "\x89PNG fake"}, {"voice.mp3", "audio/mpeg", "ID3 fake"}, {"报价单.html", "text/html", "<script>x</script>"},
	} {
		b, err := blobs.Put(ctx, strings.NewReader(f.body))
		if err != nil {
			t.Fatal(err)
		}
		atts = append(atts, crm.Attachment{SHA256: b.SHA256, Name: f.name, ContentType: f.ctype, Size: b.Size})
	}
	res, msg := e.mailWithFiles(t, &crm.Inbound{Subject: "files", Text: "see attached", Attachments: atts})
	got := msg.Attachments
	if len(got) != 3 {
		t.Fatalf("attachments %+v", got)
	}
	for i, want := range []struct{ ctype, disposition string }{
		{"image/png", "inline"}, {"audio/mpeg", "inline"}, {"application/octet-stream", "attachment"},
	} {
		r, body := e.send(e.request("rep1", "GET", fmt.Sprintf("/api/v1/attachments/%d", got[i].ID), nil))
		if r.StatusCode != 200 || r.Header.Get("Content-Type") != want.ctype ||
			!strings.HasPrefix(r.Header.Get("Content-Disposition"), want.disposition) || !bytes.Equal(body, mustRead(t, blobs, atts[i].SHA256)) {
			t.Errorf("%s: %d %v", atts[i].Name, r.StatusCode, r.Header)
		}
	}
	page := string(e.call("rep1", "GET", fmt.Sprintf("/inbox/%d", res.ConversationID), nil, 200, nil))
	for _, want := range []string{fmt.Sprintf(`<img src="/api/v1/attachments/%d"`, got[0].ID), "<audio controls", "报价单.html"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	e.call("admin", "PUT", convPath(res.ConversationID, "/assignment"), crm.Assignment{AssigneeID: ptr(e.id("rep1"))}, 200, nil)
	e.call("rep3", "GET", fmt.Sprintf("/api/v1/attachments/%d", got[0].ID), nil, 404, nil)
}

// mailWithFiles ingests an email from wang@kunde.example with in's subject,
// bodies and files, and returns its message as the API gives it.
func (e *env) mailWithFiles(t *testing.T, in *crm.Inbound) (*crm.IngestResult, crm.Message) {
	t.Helper()
	in.Channel, in.Account, in.ExternalID = crm.ChannelEmail, "sales@rapport.example", "<"+in.Subject+"@x>"
	in.From, in.ReceivedAt, in.Raw = crm.Address{Address: "wang@kunde.example"}, e.clock.Now(), []byte("x")
	res, err := e.inbox(0).ing.Ingest(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	var msgs struct {
		Items []crm.Message `json:"items"`
	}
	e.call("rep1", "GET", convPath(res.ConversationID, "/messages"), nil, 200, &msgs)
	return res, msgs.Items[0]
}

// newEnvWithFiles is newEnv whose server keeps files (a blob store on disk).
func newEnvWithFiles(t *testing.T) (*env, crm.BlobStore) {
	t.Helper()
	e := newEnvOn(t, testapp.New(t, testapp.Options{Blobs: true}))
	e.serve(web.Config{}, web.Deps{Blobs: e.app.Blobs})
	return e, e.app.Blobs
}

func mustRead(t *testing.T, b crm.BlobStore, sha string) []byte {
	t.Helper()
	rc, err := b.Open(context.Background(), sha)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	out, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
