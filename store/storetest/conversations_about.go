package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// aboutStore is the read behind the inbox's 360° panel, with the write
// that makes its conversations.
type aboutStore interface {
	CreateConversation(ctx context.Context, c *crm.Conversation) error
	ConversationsAbout(ctx context.Context, v crm.Viewer, contactID, customerID *int64, limit int) ([]*crm.Conversation, error)
}

// RunConversationsAbout checks that a contact's and customer's
// conversations come most recent first, as far as the viewer may see them.
func RunConversationsAbout(t *testing.T, open Opener) {
	s := open(t)
	as, ok := s.(aboutStore)
	if !ok {
		t.Fatalf("%T has no ConversationsAbout", s)
	}
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "华强电子", OwnerID: ownerID(w.repA1)}
	must(t, cust.Normalize())
	must(t, s.CreateCustomer(ctx, cust))
	ct := &crm.Contact{Name: "李伟", CustomerID: &cust.ID, OwnerID: ownerID(w.repA1)}
	must(t, s.CreateContact(ctx, ct))
	conv := func(subject string, contact, customer *int64, assignee *crm.User, hour int) int64 {
		at := time.Date(2026, 3, 1, hour, 0, 0, 0, time.UTC)
		c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "sales@example.com", Subject: subject,
			Status: crm.ConvOpen, ContactID: contact, CustomerID: customer, AssigneeID: ownerID(assignee),
			LastMessageAt: at, CreatedAt: at}
		must(t, as.CreateConversation(ctx, c))
		return c.ID
	}
	byContact := conv("by contact", &ct.ID, nil, w.repA1, 9)
	byCustomer := conv("by customer", nil, &cust.ID, nil, 11)
	both := conv("both", &ct.ID, &cust.ID, w.repB, 10)
	conv("someone else", nil, nil, nil, 12)
	tests := []struct {
		name              string
		v                 *crm.User
		contact, customer *int64
		limit             int
		want              []int64
	}{
		{"admin, both", w.admin, &ct.ID, &cust.ID, 10, []int64{byCustomer, both, byContact}},
		{"rep sees own and unassigned", w.repA1, &ct.ID, &cust.ID, 10, []int64{byCustomer, byContact}},
		{"contact only", w.admin, &ct.ID, nil, 10, []int64{both, byContact}},
		{"customer only", w.admin, nil, &cust.ID, 10, []int64{byCustomer, both}},
		{"limit", w.admin, &ct.ID, &cust.ID, 1, []int64{byCustomer}},
		{"neither", w.admin, nil, nil, 10, []int64{}},
	}
	for _, tt := range tests {
		cs, err := as.ConversationsAbout(ctx, tt.v.Viewer(), tt.contact, tt.customer, tt.limit)
		must(t, err)
		got := []int64{}
		for _, c := range cs {
			got = append(got, c.ID)
		}
		same(t, tt.name, got, tt.want)
	}
}
