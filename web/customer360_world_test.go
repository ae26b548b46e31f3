package web

import (
	"context"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// world360 is a customer of rep1 (team A) with a contact, conversations,
// orders, plans, tasks and follow-ups, and a second customer beside it.
type world360 struct {
	s                *Server
	db               *sqlstore.DB
	rep1, rep3       crm.Viewer
	cust, other      *crm.Customer
	contact          *crm.Contact
	conv, sibling    *crm.Conversation
	openOrder, plan  int64
	openTask, ctTask int64
}

func newWorld360(t *testing.T) *world360 {
	ctx := context.Background()
	app := testapp.New(t, testapp.Options{}) // the clock stays at testapp.Start
	db := app.DB
	w := &world360{s: New(Config{}, Deps{Store: db, Now: app.Now}), db: db}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	teamA, teamB := &crm.Team{Name: "A"}, &crm.Team{Name: "B"}
	must(db.CreateTeam(ctx, teamA))
	must(db.CreateTeam(ctx, teamB))
	u1 := &crm.User{Email: "rep1@example.com", Name: "Rep1", Role: crm.RoleRep, TeamID: &teamA.ID}
	u3 := &crm.User{Email: "rep3@example.com", Name: "Rep3", Role: crm.RoleRep, TeamID: &teamB.ID}
	must(db.CreateUser(ctx, u1))
	must(db.CreateUser(ctx, u3))
	w.rep1, w.rep3 = u1.Viewer(), u3.Viewer()
	w.cust = &crm.Customer{Name: "华强电子", Status: crm.CustomerDeal, Kind: crm.KindCustomer, OwnerID: &u1.ID}
	w.other = &crm.Customer{Name: "Other Co", Status: crm.CustomerPotential, Kind: crm.KindCustomer, OwnerID: &u1.ID}
	must(db.CreateCustomer(ctx, w.cust))
	must(db.CreateCustomer(ctx, w.other))
	w.contact = &crm.Contact{Name: "李伟", CustomerID: &w.cust.ID, OwnerID: &u1.ID, Phones: []string{"+8613800138000"}}
	must(db.CreateContact(ctx, w.contact))
	w.conversations(t, ctx, must)
	w.money(t, ctx, must)
	w.work(t, ctx, must, u1.ID)
	return w
}

func (w *world360) conversations(t *testing.T, ctx context.Context, must func(error)) {
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	conv := func(subject string, contact, customer *int64, last time.Time) *crm.Conversation {
		c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "sales@example.com", Subject: subject,
			Status: crm.ConvOpen, ContactID: contact, CustomerID: customer, LastMessageAt: last, CreatedAt: last}
		must(w.db.CreateConversation(ctx, c))
		return c
	}
	w.conv = conv("Quote please", &w.contact.ID, &w.cust.ID, at)
	w.sibling = conv("Invoice question", &w.contact.ID, nil, at.Add(-time.Hour))
	conv("Not theirs", nil, &w.other.ID, at.Add(time.Hour))
}

func (w *world360) money(t *testing.T, ctx context.Context, must func(error)) {
	open := &crm.Order{Number: "SO-1", Kind: crm.OrderKindOrder, CustomerID: w.cust.ID, Status: crm.OrderActive,
		Currency: "CNY", Amount: 300000, OwnerID: w.cust.OwnerID}
	done := &crm.Order{Number: "SO-0", Kind: crm.OrderKindOrder, CustomerID: w.cust.ID, Status: crm.OrderCompleted,
		Currency: "CNY", Amount: 100, OwnerID: w.cust.OwnerID}
	must(w.db.CreateOrder(ctx, open))
	must(w.db.CreateOrder(ctx, done))
	w.openOrder = open.ID
	due := &crm.PaymentPlan{OrderID: open.ID, Instalment: 1, DueDate: crm.Date{Year: 2026, Month: 3, Day: 1},
		Amount: 100000, Status: crm.PlanPending}
	paid := &crm.PaymentPlan{OrderID: open.ID, Instalment: 2, DueDate: crm.Date{Year: 2026, Month: 2, Day: 1},
		Amount: 5000, Status: crm.PlanPending}
	must(w.db.CreatePaymentPlan(ctx, crm.System, due))
	must(w.db.CreatePaymentPlan(ctx, crm.System, paid))
	w.plan = due.ID
	must(w.db.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: open.ID, PlanID: &paid.ID, Amount: 5000,
		Method: crm.MethodBank, PaidAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}))
	must(w.db.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: open.ID, PlanID: &due.ID, Amount: 40000,
		Method: crm.MethodBank, PaidAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}))
}

func (w *world360) work(t *testing.T, ctx context.Context, must func(error), owner int64) {
	task := func(title, status string, ref crm.Ref) int64 {
		tk := &crm.Task{Title: title, Status: status, AssigneeID: &owner, Refs: []crm.Ref{ref}}
		must(w.db.CreateTask(ctx, tk))
		return tk.ID
	}
	onCust, onContact := crm.Ref{Kind: crm.RefCustomer, ID: w.cust.ID}, crm.Ref{Kind: crm.RefContact, ID: w.contact.ID}
	w.openTask = task("Send the quote", crm.TaskOpen, onCust)
	task("Old call", crm.TaskDone, onCust)
	w.ctTask = task("Birthday card", crm.TaskOpen, onContact)
	task("Other's task", crm.TaskOpen, crm.Ref{Kind: crm.RefCustomer, ID: w.other.ID})
	for i, ref := range []crm.Ref{onCust, onContact, {Kind: crm.RefCustomer, ID: w.other.ID}} {
		must(w.db.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowCall, UserID: owner, Refs: []crm.Ref{ref},
			Details: "call " + string(rune('A'+i)), At: time.Date(2026, 2, 20+i, 9, 0, 0, 0, time.UTC)}))
	}
}
