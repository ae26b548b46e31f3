package email_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestStartConversationByEmail: a rep starts a conversation with a contact
// by an email from a chosen mailbox, through the real outbox and SMTP; the
// new conversation carries the contact and the rep; the contact's answer,
// fetched by IMAP, joins it by our Message-ID. Bad drafts store nothing.
func TestStartConversationByEmail(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	contact := &crm.Contact{Name: "陈静", Emails: []string{"chen.jing@client.cn"}}
	if err := w.db.CreateContact(ctx, contact); err != nil {
		t.Fatal(err)
	}
	mailbox := strconv.FormatInt(w.mb.ID, 10)
	bad := []struct {
		name string
		d    crm.Draft
		want string
	}{
		{"no recipient", crm.Draft{Channel: crm.ChannelEmail, Account: mailbox, Text: "您好"}, "to"},
		{"no mailbox", crm.Draft{Channel: crm.ChannelEmail, To: []crm.Address{{Address: "chen.jing@client.cn"}}, Text: "您好"}, "account"},
		{"no channel", crm.Draft{To: []crm.Address{{Address: "chen.jing@client.cn"}}, Text: "您好"}, "channel"},
		{"nothing to say", crm.Draft{Channel: crm.ChannelEmail, Account: mailbox, To: []crm.Address{{Address: "chen.jing@client.cn"}}}, "text"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.box.Start(ctx, crm.System, &crm.Conversation{ContactID: &contact.ID}, tt.d)
			if crm.ErrorCode(err) != crm.EINVALID || crm.ErrorFields(err)[tt.want] == "" {
				t.Fatalf("Start = %v (fields %v), want EINVALID on %s", err, crm.ErrorFields(err), tt.want)
			}
		})
	}
	// A fresh database: the first conversation would be number 1.
	if _, err := w.db.Conversation(ctx, crm.System, 1); !crm.IsNotFound(err) {
		t.Fatalf("refused starts left a conversation behind: %v", err)
	}

	m, err := w.box.Start(ctx, crm.System, &crm.Conversation{ContactID: &contact.ID}, crm.Draft{Channel: crm.ChannelEmail,
		Account: mailbox, To: []crm.Address{{Name: "陈静", Address: "chen.jing@client.cn"}}, Subject: "新品目录", Text: "陈经理您好，附上今年的新品目录。"})
	if err != nil {
		t.Fatal(err)
	}
	conv, err := w.db.Conversation(ctx, crm.System, m.ConversationID)
	if err != nil {
		t.Fatal(err)
	}
	if conv.Channel != crm.ChannelEmail || conv.Account != mailbox || conv.ContactID == nil || *conv.ContactID != contact.ID || conv.Subject != "新品目录" {
		t.Errorf("new conversation %+v", conv)
	}
	got := w.sunk()
	if strings.Join(got.to, ",") != "chen.jing@client.cn" || got.from != imapUser {
		t.Errorf("envelope from %s to %v", got.from, got.to)
	}
	id := strings.Trim(header(got.raw, "Message-Id"), "<>")
	w.message(conv.ID, m.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliverySent })

	w.imap.deliver(t, "INBOX", mail("陈静 <chen.jing@client.cn>", "Re: 新品目录", "cj1@client.cn", "In-Reply-To: <"+id+">"))
	w.poller("a", w.ing)
	if res := w.ing.waitFor(t, "cj1@client.cn")["cj1@client.cn"][0]; res.ConversationID != conv.ID {
		t.Fatalf("the answer went to conversation %d, want the started %d", res.ConversationID, conv.ID)
	}
}
