package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// htmlMail ingests a mail with HTML into b's inbox.
func (b *inbox) htmlMail(t *testing.T, from, subject, text, html string) *crm.IngestResult {
	t.Helper()
	b.seq++
	id := "<h" + strings.Repeat("x", b.seq) + "@mail.example>"
	in := &crm.Inbound{Channel: crm.ChannelEmail, Account: "sales@rapport.example", ExternalID: id,
		MessageRef: id, From: crm.Address{Address: from}, Subject: subject, Text: text, HTML: html,
		ReceivedAt: b.e.clock.Now(), Raw: []byte("Subject: " + subject + "\r\n\r\n" + text)}
	res, err := b.ing.Ingest(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The API gives a message's raw HTML and, beside it, the HTML made safe;
// openapi.json says which is which.
func TestMessageHTMLSafe(t *testing.T) {
	e := newEnv(t, web.Config{})
	raw := `<p onclick="steal()">报价 <b>见附件</b></p><script>alert(1)</script><img src="https://track.example/p.gif">` +
		`<a href="javascript:alert(2)">x</a>`
	res := e.inbox(0).htmlMail(t, "li@huaqiang.example", "报价", "报价 见附件", raw)
	var l struct {
		Items []struct {
			HTML     string `json:"html"`
			HTMLSafe string `json:"html_safe"`
		} `json:"items"`
	}
	e.call("admin", "GET", convPath(res.ConversationID, "/messages"), nil, 200, &l)
	if len(l.Items) != 1 || l.Items[0].HTML != raw {
		t.Fatalf("messages %+v: want the raw HTML kept as received", l.Items)
	}
	safe := l.Items[0].HTMLSafe
	for _, bad := range []string{"<script", "onclick", "javascript:", "track.example"} {
		if strings.Contains(safe, bad) {
			t.Errorf("html_safe %q still holds %q", safe, bad)
		}
	}
	if !strings.Contains(safe, "<b>见附件</b>") {
		t.Errorf("html_safe %q lost the mail's formatting", safe)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Description string `json:"description"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(e.call("", "GET", "/api/v1/openapi.json", nil, 200, nil), &doc); err != nil {
		t.Fatal(err)
	}
	props := doc.Components.Schemas["MessageOut"].Properties
	if !strings.Contains(props["html"].Description, "unsafe") || !strings.Contains(props["html_safe"].Description, "sanitized") {
		t.Errorf("openapi.json MessageOut: html %q, html_safe %q: want each described", props["html"].Description,
			props["html_safe"].Description)
	}
}
