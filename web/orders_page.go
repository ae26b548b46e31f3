package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

func (s *Server) orderPages() *recordKind[crm.Order] {
	kind := field{Name: "kind", Type: "select", Options: []string{crm.OrderKindOrder, crm.OrderKindContract}}
	status := field{Name: "status", Type: "select", Options: []string{crm.OrderDraft, crm.OrderActive,
		crm.OrderCompleted, crm.OrderCancelled}}
	return &recordKind[crm.Order]{
		path: "orders", one: "rec.order", res: s.orders,
		fields: []field{kind, {Name: "number", Need: true}, {Name: "customer_id", Type: "id", Need: true, Pick: "customers"},
			{Name: "dealer_id", Type: "id", Pick: "customers"}, {Name: "order_date", Type: "date"},
			{Name: "title"}, status, {Name: "items", Type: "items"}, {Name: "amount", Type: "money"},
			{Name: "currency"}, {Name: "start_date", Type: "date"}, {Name: "end_date", Type: "date"},
			{Name: "signed_date", Type: "date"}, {Name: "customer_signer_id", Type: "id", Pick: "contacts", Scope: "customer_id"},
			{Name: "terms", Type: "textarea"}, ownerField},
		columns: []column[crm.Order]{
			{"field.number", func(_ *cells, o *crm.Order) string { return o.Number }},
			{"field.customer_id", func(c *cells, o *crm.Order) string { return c.customer(idString(&o.CustomerID)) }},
			{"field.kind", func(c *cells, o *crm.Order) string { return c.selectOption("kind", o.Kind) }},
			{"field.status", func(c *cells, o *crm.Order) string { return c.selectOption("status", o.Status) }},
			{"field.amount", func(_ *cells, o *crm.Order) string { return moneyIn(o.Amount, o.Currency) }},
		},
		filters: []field{kind, status},
		query: func(r *http.Request, f listFilter) listQuery[crm.Order] {
			of := crm.OrderFilter{Viewer: viewerOf(r), Query: f.Query, Kind: f.Kind, Status: f.Status, Page: f.Page}
			_, off := s.today()
			f.Drill.orderFilter(&of, off)
			return bindList(r, of, func(f *crm.OrderFilter, p crm.Page) { f.Page = p }, s.store.ListOrders,
				countBy(s, crm.ListCounter.CountOrders))
		},
		title: func(o *crm.Order) string { return o.Number },
		extra: s.orderExtra,
	}
}

// orderMoney is an order's payment plans (回款计划) and the payments made.
type orderMoney struct {
	OrderID  int64
	Currency string
	Plans    []*crm.PaymentPlan
	Payments []*crm.Payment
	Paid     crm.Money
	Today    string // "2006-01-02" in the server's clock: an unpaid instalment due before it is overdue
}

func (s *Server) orderExtra(ctx context.Context, v crm.Viewer, o *crm.Order) (any, error) {
	plans, err := s.store.PaymentPlans(ctx, v, o.ID)
	if err != nil {
		return nil, err
	}
	pays, err := s.store.ListPayments(ctx, crm.PaymentFilter{Viewer: v, OrderID: &o.ID,
		Page: crm.Page{Limit: crm.MaxPageLimit}})
	if err != nil {
		return nil, err
	}
	m := &orderMoney{OrderID: o.ID, Currency: o.Currency, Plans: plans, Payments: pays.Items,
		Today: s.now().Format("2006-01-02")}
	for _, p := range pays.Items {
		m.Paid += p.Amount
	}
	return m, nil
}

// postPlan adds a payment plan through the API's own handler.
func (s *Server) postPlan(w http.ResponseWriter, r *http.Request) {
	fields := []field{{Name: "instalment", Type: "int"}, {Name: "due_date", Type: "date"},
		{Name: "amount", Type: "money"}, {Name: "notes"}}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, invalid("body", "the form could not be read"))
		return
	}
	body, err := formJSON(fields, r.PostForm, true)
	if err == nil {
		_, err = s.createPlan(withJSON(r, body))
	}
	if problems, ok := formProblems(err); ok {
		s.refuseForm(w, r, "orders", fields, problems, true)
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	id, _ := pathID(r)
	http.Redirect(w, r, "/orders/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// Money, Day and NextInstalment format for the order's template.
func (m *orderMoney) Money(a crm.Money) string { return moneyIn(a, m.Currency) }
func (m *orderMoney) Day(t time.Time) string   { return t.In(time.Local).Format("2006-01-02") }
func (m *orderMoney) NextInstalment() int      { return len(m.Plans) + 1 }

// Overdue reports whether an instalment is unpaid past its due date (已逾期).
func (m *orderMoney) Overdue(pl *crm.PaymentPlan) bool {
	return pl.Status != crm.PlanPaid && pl.DueDate.String() < m.Today
}
