package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// Payment plans and deliveries live under their order: /orders/{id}/….

// visibleOrder returns the id of the order in the path when the user can
// see it, ENOTFOUND otherwise.
func (s *Server) visibleOrder(r *http.Request) (int64, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, err
	}
	if _, err := s.store.Order(r.Context(), viewerOf(r), id); err != nil {
		return 0, err
	}
	return id, nil
}

func (s *Server) createPlan(r *http.Request) (*crm.PaymentPlan, error) {
	orderID, err := s.visibleOrder(r)
	if err != nil {
		return nil, err
	}
	pl := &crm.PaymentPlan{}
	if err := decodeNew(r, pl); err != nil {
		return nil, err
	}
	// The order comes from the path; paid and status follow the payments.
	pl.ID, pl.OrderID, pl.Paid, pl.Status, pl.CreatedAt = 0, orderID, 0, crm.PlanPending, s.now()
	if err := pl.Validate(); err != nil {
		return nil, err
	}
	return pl, s.store.CreatePaymentPlan(r.Context(), viewerOf(r), pl)
}

func (s *Server) listPlans(r *http.Request) (crm.List[*crm.PaymentPlan], error) {
	orderID, err := s.visibleOrder(r)
	if err != nil {
		return crm.List[*crm.PaymentPlan]{}, err
	}
	plans, err := s.store.PaymentPlans(r.Context(), viewerOf(r), orderID)
	return crm.NewList(plans, len(plans), planID), err
}

func (s *Server) createDelivery(r *http.Request) (*crm.Delivery, error) {
	orderID, err := s.visibleOrder(r)
	if err != nil {
		return nil, err
	}
	d := &crm.Delivery{}
	if err := decodeNew(r, d); err != nil {
		return nil, err
	}
	d.ID, d.OrderID, d.CreatedAt = 0, orderID, s.now()
	if err := validateDelivery(d); err != nil {
		return nil, err
	}
	return d, s.store.CreateDelivery(r.Context(), viewerOf(r), d)
}

func (s *Server) listDeliveries(r *http.Request) (crm.List[*crm.Delivery], error) {
	orderID, err := s.visibleOrder(r)
	if err != nil {
		return crm.List[*crm.Delivery]{}, err
	}
	ds, err := s.store.Deliveries(r.Context(), viewerOf(r), orderID)
	return crm.NewList(ds, len(ds), deliveryID), err
}

// validateDelivery checks what crm.Delivery has no validator for yet.
func validateDelivery(d *crm.Delivery) error {
	p := crm.Problems{}
	if d.Date == (crm.Date{}) {
		p.Add("date", "is required")
	}
	p.MaxLen("description", d.Description, 2000)
	p.MaxLen("carrier", d.Carrier, 200)
	p.MaxLen("tracking_no", d.TrackingNo, 200)
	return p.Err()
}

// decodeNew decodes a request body onto a new record.
func decodeNew(r *http.Request, dst any) error {
	b, err := readBody(r)
	if err != nil {
		return err
	}
	return b.into(dst)
}

func planID(p *crm.PaymentPlan) int64  { return p.ID }
func deliveryID(d *crm.Delivery) int64 { return d.ID }
