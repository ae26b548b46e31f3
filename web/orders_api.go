package web

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var orderParams = []param{
	{"kind", "string", "order or contract"},
	{"status", "string", "draft, active, completed or cancelled"},
	{"customer_id", "integer", "orders of this customer"},
	{"dealer_id", "integer", "orders sold through this dealer or agent"},
}

func (s *Server) orders() resource[crm.Order] {
	return resource[crm.Order]{
		kind: crm.RefOrder, ownerField: "owner_id",
		owner: func(o *crm.Order) *int64 { return o.OwnerID },
		id:    func(o *crm.Order) int64 { return o.ID },
		fresh: func(v crm.Viewer) *crm.Order {
			return &crm.Order{OwnerID: self(v), Attachments: []crm.Attachment{}}
		},
		keep: func(dst, src *crm.Order) {
			dst.ID, dst.CreatedAt, dst.UpdatedAt = src.ID, src.CreatedAt, src.UpdatedAt
			dst.Attachments = src.Attachments // attached through their own API
		},
		check: s.checkOrder,
		load:  s.store.Order,
		create: func(ctx context.Context, _ crm.Viewer, o *crm.Order) error {
			return s.store.CreateOrder(ctx, o)
		},
		save: s.store.UpdateOrder,
	}
}

// checkOrder normalizes o and checks that the customer and the signers it
// names exist and are visible to the user.
func (s *Server) checkOrder(ctx context.Context, v crm.Viewer, b *jsonBody, old, o *crm.Order) error {
	if err := o.Normalize(); err != nil {
		return err
	}
	if changed(b, old, "customer_id") {
		if err := s.visibleID(ctx, v, "customer_id", crm.RefCustomer, &o.CustomerID); err != nil {
			return err
		}
	}
	if changed(b, old, "customer_signer_id") {
		if err := s.visibleID(ctx, v, "customer_signer_id", crm.RefContact, o.CustomerSignerID); err != nil {
			return err
		}
	}
	if changed(b, old, "dealer_id") {
		if err := s.visibleID(ctx, v, "dealer_id", crm.RefCustomer, o.DealerID); err != nil {
			return err
		}
	}
	if changed(b, old, "contract_id") {
		if err := s.visibleID(ctx, v, "contract_id", crm.RefOrder, o.ContractID); err != nil {
			return err
		}
	}
	if changed(b, old, "our_signer_id") {
		return s.checkUserID(ctx, "our_signer_id", o.OurSignerID)
	}
	return nil
}

// checkUserID checks that an optional user reference names a user.
func (s *Server) checkUserID(ctx context.Context, field string, id *int64) error {
	if id == nil {
		return nil
	}
	_, err := s.store.UserByID(ctx, *id)
	if crm.IsNotFound(err) {
		return invalid(field, "is not a user")
	}
	return err
}

func (s *Server) createOrder(r *http.Request) (*crm.Order, error) {
	return createRecord(r, s, s.orders())
}

func (s *Server) getOrder(r *http.Request) (*crm.Order, error) {
	return getRecord(r, s.orders())
}

func (s *Server) updateOrder(r *http.Request) (*crm.Order, error) {
	return updateRecord(r, s, s.orders())
}

func (s *Server) listOrders(r *http.Request) (crm.List[*crm.Order], error) {
	q := newQuery(r)
	f := crm.OrderFilter{
		Viewer: viewerOf(r), Query: q.str("q"), Kind: q.str("kind"), Status: q.str("status"),
		CustomerID: q.id("customer_id"), DealerID: q.id("dealer_id"), Page: q.page(),
	}
	if err := q.err(); err != nil {
		return crm.List[*crm.Order]{}, err
	}
	return s.store.ListOrders(r.Context(), f)
}
