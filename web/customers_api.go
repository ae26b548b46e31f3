package web

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var customerParams = []param{
	{"status", "string", "potential, deal or lost"},
	{"kind", "string", "customer, dealer or agent"},
	{"level", "string", "customer level (A, B, C…)"},
	{"tag", "string", "customers with this tag"},
}

func (s *Server) customers() resource[crm.Customer] {
	return resource[crm.Customer]{
		kind: crm.RefCustomer, ownerField: "owner_id",
		owner: func(c *crm.Customer) *int64 { return c.OwnerID },
		id:    func(c *crm.Customer) int64 { return c.ID },
		fresh: func(v crm.Viewer) *crm.Customer { return &crm.Customer{OwnerID: self(v)} },
		keep: func(dst, src *crm.Customer) {
			dst.ID, dst.CreatedAt, dst.UpdatedAt = src.ID, src.CreatedAt, src.UpdatedAt
		},
		check: func(_ context.Context, _ crm.Viewer, b *jsonBody, _, c *crm.Customer) error {
			if b != nil && b.has("domains") && !b.has("domain") {
				c.Domain = "" // domains sent whole: its first is the main one
			}
			return c.Normalize()
		},
		load: s.store.Customer,
		create: func(ctx context.Context, _ crm.Viewer, c *crm.Customer) error {
			return s.store.CreateCustomer(ctx, c)
		},
		save: s.store.UpdateCustomer,
	}
}

func (s *Server) createCustomer(r *http.Request) (*crm.Customer, error) {
	return createRecord(r, s, s.customers())
}

func (s *Server) getCustomer(r *http.Request) (*crm.Customer, error) {
	return getRecord(r, s.customers())
}

func (s *Server) updateCustomer(r *http.Request) (*crm.Customer, error) {
	return updateRecord(r, s, s.customers())
}

func (s *Server) listCustomers(r *http.Request) (crm.List[*crm.Customer], error) {
	q := newQuery(r)
	f := crm.CustomerFilter{
		Viewer: viewerOf(r), Query: q.str("q"), Status: q.str("status"), Kind: q.str("kind"),
		Level: q.str("level"), Tag: q.str("tag"), OwnerID: q.id("owner_id"), InPool: q.boolean("pool"),
		Page: q.page(), PoolFilter: s.poolFilter(q.str("sort"), q.str("countdown"), q.id("pool_team_id")),
	}
	if err := q.err(); err != nil {
		return crm.List[*crm.Customer]{}, err
	}
	return s.store.ListCustomers(r.Context(), f)
}
