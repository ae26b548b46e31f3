package web

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var paymentParams = []param{{"order_id", "integer", "payments on this order"},
	{"customer_id", "integer", "payments on orders of this customer"}}

// payments are not owned: their visibility follows their order.
func (s *Server) payments() resource[crm.Payment] {
	return resource[crm.Payment]{
		kind:  "payment",
		owner: func(*crm.Payment) *int64 { return nil },
		id:    func(p *crm.Payment) int64 { return p.ID },
		fresh: func(v crm.Viewer) *crm.Payment { return &crm.Payment{HandlerID: self(v), PaidAt: s.now()} },
		keep: func(dst, src *crm.Payment) {
			dst.ID, dst.CreatedAt = src.ID, src.CreatedAt
		},
		check:  s.checkPayment,
		load:   s.store.Payment,
		create: s.store.RecordPayment,
		save:   s.store.UpdatePayment,
	}
}

// checkPayment validates pm and checks that its order is visible, its plan
// belongs to that order and its handler is a user.
func (s *Server) checkPayment(ctx context.Context, v crm.Viewer, b *jsonBody, old, pm *crm.Payment) error {
	if err := pm.Validate(); err != nil {
		return err
	}
	if changed(b, old, "order_id") {
		if err := s.visibleID(ctx, v, "order_id", crm.RefOrder, &pm.OrderID); err != nil {
			return err
		}
	}
	if pm.PlanID != nil && (changed(b, old, "plan_id") || changed(b, old, "order_id")) {
		if err := s.checkPlan(ctx, v, pm.OrderID, *pm.PlanID); err != nil {
			return err
		}
	}
	if changed(b, old, "handler_id") {
		return s.checkUserID(ctx, "handler_id", pm.HandlerID)
	}
	return nil
}

// checkPlan refuses a plan id that is not one of the order's plans.
func (s *Server) checkPlan(ctx context.Context, v crm.Viewer, orderID, planID int64) error {
	plans, err := s.store.PaymentPlans(ctx, v, orderID)
	if err != nil {
		return err
	}
	for _, pl := range plans {
		if pl.ID == planID {
			return nil
		}
	}
	return invalid("plan_id", "is not a payment plan of this order")
}

func (s *Server) createPayment(r *http.Request) (*crm.Payment, error) {
	return createRecord(r, s, s.payments())
}

func (s *Server) getPayment(r *http.Request) (*crm.Payment, error) {
	return getRecord(r, s.payments())
}

func (s *Server) updatePayment(r *http.Request) (*crm.Payment, error) {
	return updateRecord(r, s, s.payments())
}

func (s *Server) listPayments(r *http.Request) (crm.List[*crm.Payment], error) {
	q := newQuery(r)
	f := crm.PaymentFilter{Viewer: viewerOf(r), OrderID: q.id("order_id"), CustomerID: q.id("customer_id"), Page: q.page()}
	if err := q.err(); err != nil {
		return crm.List[*crm.Payment]{}, err
	}
	return s.store.ListPayments(r.Context(), f)
}
