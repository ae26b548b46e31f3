package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunCustomerMove reassigns a customer from repA1 to repA2 and moves its
// open records: repA1's contact, active order, open task and open
// conversation follow; a completed order, a done task, a resolved
// conversation and repB's contact stay where they were.
func RunCustomerMove(t *testing.T, open Opener) {
	s := open(t)
	ms, ok := s.(interface {
		crm.CustomerMover
		timelineStore
	})
	if !ok {
		t.Fatalf("%T has no MoveOpenRecords", s)
	}
	w := newWorld(t, s)
	a1, a2 := ownerID(w.repA1), ownerID(w.repA2)
	cu := &crm.Customer{Name: "宁波模具厂", OwnerID: a1}
	must(t, s.CreateCustomer(ctx, cu))
	mine := &crm.Contact{Name: "吴刚", CustomerID: &cu.ID, OwnerID: a1}
	theirs := &crm.Contact{Name: "李娜", CustomerID: &cu.ID, OwnerID: ownerID(w.repB)}
	must(t, s.CreateContact(ctx, mine))
	must(t, s.CreateContact(ctx, theirs))
	active := &crm.Order{Number: "SO-MV-1", CustomerID: cu.ID, Status: crm.OrderActive, OwnerID: a1, Currency: "CNY"}
	done := &crm.Order{Number: "SO-MV-2", CustomerID: cu.ID, Status: crm.OrderCompleted, OwnerID: a1, Currency: "CNY"}
	must(t, s.CreateOrder(ctx, active))
	must(t, s.CreateOrder(ctx, done))
	task := &crm.Task{Title: "回访", AssigneeID: a1, Refs: []crm.Ref{{Kind: crm.RefContact, ID: mine.ID}}}
	must(t, s.CreateTask(ctx, task))
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	openConv := &crm.Conversation{Channel: crm.ChannelEmail, Account: "1", Status: crm.ConvOpen, ContactID: &mine.ID,
		AssigneeID: a1, LastMessageAt: at, CreatedAt: at}
	closed := &crm.Conversation{Channel: crm.ChannelEmail, Account: "1", Status: crm.ConvResolved, CustomerID: &cu.ID,
		AssigneeID: a1, LastMessageAt: at, CreatedAt: at}
	must(t, ms.CreateConversation(ctx, openConv))
	must(t, ms.CreateConversation(ctx, closed))

	if _, err := ms.MoveOpenRecords(ctx, w.repB.Viewer(), cu.ID, w.repA1.ID); !crm.IsNotFound(err) {
		t.Errorf("repB moves repA1's customer's records: %v", err)
	}
	cu.OwnerID = a2
	must(t, s.UpdateCustomer(ctx, crm.System, cu))
	got, err := ms.MoveOpenRecords(ctx, w.mgrA.Viewer(), cu.ID, w.repA1.ID)
	must(t, err)
	if got != (crm.MovedRecords{Contacts: 1, Orders: 1, Tasks: 1, Conversations: 1}) {
		t.Errorf("moved %+v", got)
	}
	owner := func(what string, id *int64, want *int64) {
		t.Helper()
		if (id == nil) != (want == nil) || (id != nil && *id != *want) {
			t.Errorf("%s: owner %v, want %v", what, id, want)
		}
	}
	k, _ := s.Contact(ctx, crm.System, mine.ID)
	owner("repA1's contact", k.OwnerID, a2)
	k, _ = s.Contact(ctx, crm.System, theirs.ID)
	owner("repB's contact", k.OwnerID, ownerID(w.repB))
	o, _ := s.Order(ctx, crm.System, active.ID)
	owner("active order", o.OwnerID, a2)
	o, _ = s.Order(ctx, crm.System, done.ID)
	owner("completed order", o.OwnerID, a1)
	tk, _ := s.Task(ctx, crm.System, task.ID)
	owner("open task", tk.AssigneeID, a2)
	c, _ := s.Conversation(ctx, crm.System, openConv.ID)
	owner("open conversation", c.AssigneeID, a2)
	c, _ = s.Conversation(ctx, crm.System, closed.ID)
	owner("resolved conversation", c.AssigneeID, a1)
}
