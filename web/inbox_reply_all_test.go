package web_test

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

var replyAllCc = regexp.MustCompile(`name="reply_all" data-cc="([^"]*)"`)

// TestReplyAllLeavesOutOurOwnMailbox: a message's Account is the mailbox's
// id, so reply-all must compare the recipients with the mailbox's address
// (in any case) to drop our own mailbox from the Cc it offers.
func TestReplyAllLeavesOutOurOwnMailbox(t *testing.T) {
	e := newEnv(t, web.Config{})
	withMailboxes(e)
	mb := &crm.Mailbox{Name: "Sales", Address: "sales@rapport.example", IMAPHost: "imap.rapport.example", IMAPPort: 993,
		IMAPTLS: crm.SecurityTLS, Username: "sales", Password: "pw", SMTPHost: "smtp.rapport.example", SMTPPort: 465,
		SMTPTLS: crm.SecurityTLS, Enabled: true}
	if err := e.db.CreateMailbox(t.Context(), mb); err != nil {
		t.Fatal(err)
	}
	ing := e.inbox(0).ing
	addrs := func(as ...string) []crm.Address {
		var out []crm.Address
		for _, a := range as {
			out = append(out, crm.Address{Address: a})
		}
		return out
	}
	tests := []struct {
		name   string
		to, cc []crm.Address
		want   string // the Cc offered; "" offers no reply-all
	}{
		{"ours in To", addrs("sales@rapport.example"), addrs("li@customer.example"), "li@customer.example"},
		{"ours in Cc, other case", addrs("wang@customer.example"), addrs("Sales@Rapport.Example", "li@customer.example"),
			"wang@customer.example, li@customer.example"},
		{"only ours", addrs("sales@rapport.example"), nil, ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := fmt.Sprintf("<ra%d@customer.example>", i)
			res, err := ing.Ingest(context.Background(), &crm.Inbound{Channel: crm.ChannelEmail,
				Account: strconv.FormatInt(mb.ID, 10), ExternalID: ref, MessageRef: ref,
				From: crm.Address{Address: "zhang@customer.example"}, To: tt.to, Cc: tt.cc,
				Subject: "报价 " + tt.name, Text: "hello", ReceivedAt: e.clock.Now(), Raw: []byte("x")}, nil)
			if err != nil {
				t.Fatal(err)
			}
			page := string(e.call("admin", "GET", fmt.Sprintf("/inbox/%d", res.ConversationID), nil, 200, nil))
			got := ""
			if m := replyAllCc.FindStringSubmatch(page); m != nil {
				got = html.UnescapeString(m[1])
			}
			if got != tt.want {
				t.Errorf("reply-all Cc %q, want %q", got, tt.want)
			}
		})
	}
}
