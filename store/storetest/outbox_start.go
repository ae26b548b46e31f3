package storetest

import (
	"context"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testOutboxStart: a rep starts a conversation with a contact by email;
// the conversation (the contact's, assigned to the rep) and its queued
// first message are stored together and the message is sent once. A
// refused draft rolls the new conversation back.
func testOutboxStart(t *testing.T, h *outboxHarness) {
	contact := &crm.Contact{Name: "何平", Emails: []string{"he.ping@client.example"}, OwnerID: ptr(h.w.repA1.ID)}
	must(t, h.s.CreateContact(ctx, contact))
	rep := h.w.repA1.Viewer()
	to := []crm.Address{{Address: "he.ping@client.example"}}

	_, err := h.box.Start(ctx, rep, &crm.Conversation{ContactID: &contact.ID},
		crm.Draft{Channel: crm.ChannelEmail, Account: "1", To: to})
	wantFields(t, err, "text")
	m, err := h.box.Start(ctx, rep, &crm.Conversation{ContactID: &contact.ID},
		crm.Draft{Channel: crm.ChannelEmail, Account: "1", To: to, Subject: "报价单", Text: "何经理您好"})
	must(t, err)
	c, err := h.s.Conversation(ctx, rep, m.ConversationID)
	must(t, err)
	if c.ContactID == nil || *c.ContactID != contact.ID || c.AssigneeID == nil || *c.AssigneeID != h.w.repA1.ID ||
		c.Channel != crm.ChannelEmail || c.Subject != "报价单" {
		t.Errorf("started conversation %+v", c)
	}
	// The refused first try left nothing: the rep's conversations with the
	// contact are the one started.
	about, ok := any(h.s).(interface {
		ConversationsAbout(ctx context.Context, v crm.Viewer, contactID, customerID *int64, limit int) ([]*crm.Conversation, error)
	})
	if !ok {
		t.Fatal("the store cannot list a contact's conversations")
	}
	cs, err := about.ConversationsAbout(ctx, rep, &contact.ID, nil, 10)
	must(t, err)
	if len(cs) != 1 {
		t.Errorf("%d conversations with the contact, want the one started", len(cs))
	}
	h.sendDue(t, 1)
	if got := h.message(t, c.ID, m.ID); got.Delivery != crm.DeliverySent {
		t.Errorf("first message %s, want sent", got.Delivery)
	}
}
