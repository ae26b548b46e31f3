package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

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

// Messages are found across conversations by Message-ID and filters, only
// in conversations the caller may see; one is fetched by id; a lead names
// the message that made it; a quoted contract links as kind contract.
func TestFindMessages(t *testing.T) {
	e := newEnv(t, web.Config{})
	var ct, cust record
	e.call("admin", "POST", "/api/v1/customers", record{"name": "华强电子", "owner_id": e.id("rep1")}, 201, &cust)
	e.call("admin", "POST", "/api/v1/contacts", record{"name": "李伟", "emails": []string{"li@huaqiang.example"},
		"customer_id": cust.id(), "owner_id": e.id("rep1")}, 201, &ct)
	e.call("admin", "POST", "/api/v1/orders", record{"kind": "contract", "number": "HT2026001",
		"customer_id": cust.id(), "amount": 100}, 201, nil)
	box := e.inbox(0)
	first := box.mail(t, "li@huaqiang.example", "合同", "请看合同 HT2026001", "")
	e.clock.Add(time.Hour)
	reply := box.mail(t, "li@huaqiang.example", "Re: 合同", "好的", messageID(1))
	e.clock.Add(time.Hour)
	stranger := box.mail(t, "new.buyer@gmail.com", "询价", "请报价", "")
	e.call("admin", "PUT", convPath(first.ConversationID, "/assignment"), record{"assignee_id": e.id("rep1")}, 200, nil)

	ids := func(who, query string) []int64 {
		var l messageList
		e.call(who, "GET", "/api/v1/messages"+query, nil, 200, &l)
		out := []int64{}
		for _, m := range l.Items {
			out = append(out, m.ID)
		}
		return out
	}
	since := url.QueryEscape(e.clock.Now().Add(-90 * time.Minute).Format(time.RFC3339))
	tests := []struct {
		who, query string
		want       []int64
	}{
		{"rep1", "?message_id=m1@mail.example", []int64{first.MessageID}},
		{"rep1", "?message_id=" + url.QueryEscape("<m2@mail.example>"), []int64{reply.MessageID}},
		{"rep3", "?message_id=m1@mail.example", []int64{}}, // not rep3's conversation
		{"rep1", fmt.Sprintf("?contact_id=%d", ct.id()), []int64{reply.MessageID, first.MessageID}},
		{"rep1", fmt.Sprintf("?customer_id=%d&limit=1&cursor=%d", cust.id(), reply.MessageID), []int64{first.MessageID}},
		{"rep1", "?since=" + since, []int64{stranger.MessageID, reply.MessageID}},
		{"rep3", "", []int64{stranger.MessageID}}, // the unassigned one only
		{"admin", "?direction=in&channel=email", []int64{stranger.MessageID, reply.MessageID, first.MessageID}},
		{"admin", "?direction=out", []int64{}},
	}
	for _, tt := range tests {
		if got := ids(tt.who, tt.query); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s GET /api/v1/messages%s = %v, want %v", tt.who, tt.query, got, tt.want)
		}
	}
	for _, bad := range []string{"?channel=fax", "?direction=sideways", "?since=yesterday", "?contact_id=x",
		"?since=2026-03-02T10:00:00Z&until=2026-03-02T09:00:00Z"} {
		e.fail("rep1", "GET", "/api/v1/messages"+bad, nil, 400, "invalid")
	}

	var m struct {
		ID    int64      `json:"id"`
		Links []crm.Link `json:"links"`
	}
	e.call("rep1", "GET", fmt.Sprintf("/api/v1/messages/%d", first.MessageID), nil, 200, &m)
	if !hasKind(m.Links, crm.RefContract) || hasKind(m.Links, crm.RefOrder) {
		t.Errorf("links %+v: want the quoted contract as kind contract", m.Links)
	}
	e.fail("rep3", "GET", fmt.Sprintf("/api/v1/messages/%d", first.MessageID), nil, 404, "not_found")

	var lead struct {
		SourceMessageID *int64 `json:"source_message_id"`
	}
	e.call("admin", "GET", fmt.Sprintf("/api/v1/leads/%d", stranger.LeadID), nil, 200, &lead)
	if stranger.LeadID == 0 || lead.SourceMessageID == nil || *lead.SourceMessageID != stranger.MessageID {
		t.Errorf("lead %d source message %v, want %d", stranger.LeadID, lead.SourceMessageID, stranger.MessageID)
	}
}

func hasKind(ls []crm.Link, kind string) bool {
	for _, l := range ls {
		if l.Kind == kind {
			return true
		}
	}
	return false
}
