package web

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var productParams = []param{
	{"category", "string", "products of this category"},
	{"active", "boolean", "only active (true) or inactive (false) products"},
}

// productStore is the catalogue; a store without one answers 501.
func (s *Server) productStore() (crm.ProductStore, error) {
	ps, ok := s.store.(crm.ProductStore)
	if !ok {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "This store keeps no product catalogue.")
	}
	return ps, nil
}

// products is the catalogue as a resource: every user reads it, managers
// and admins change it. A product has no owner.
func (s *Server) products() resource[crm.Product] {
	return resource[crm.Product]{
		kind:  "product",
		owner: func(*crm.Product) *int64 { return nil },
		id:    func(p *crm.Product) int64 { return p.ID },
		fresh: func(crm.Viewer) *crm.Product { return &crm.Product{Active: true} },
		keep: func(dst, src *crm.Product) {
			dst.ID, dst.CreatedAt, dst.UpdatedAt = src.ID, src.CreatedAt, src.UpdatedAt
		},
		check: func(_ context.Context, v crm.Viewer, _ *jsonBody, _, p *crm.Product) error {
			if v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
				return crm.Errorf(crm.EFORBIDDEN, "Only managers and admins change the product catalogue.")
			}
			return p.Normalize()
		},
		load: func(ctx context.Context, _ crm.Viewer, id int64) (*crm.Product, error) {
			ps, err := s.productStore()
			if err != nil {
				return nil, err
			}
			return ps.Product(ctx, id)
		},
		create: func(ctx context.Context, _ crm.Viewer, p *crm.Product) error {
			ps, err := s.productStore()
			if err != nil {
				return err
			}
			return ps.CreateProduct(ctx, p)
		},
		save: func(ctx context.Context, _ crm.Viewer, p *crm.Product) error {
			ps, err := s.productStore()
			if err != nil {
				return err
			}
			return ps.UpdateProduct(ctx, p)
		},
	}
}

func (s *Server) createProduct(r *http.Request) (*crm.Product, error) {
	return createRecord(r, s, s.products())
}

func (s *Server) getProduct(r *http.Request) (*crm.Product, error) {
	return getRecord(r, s.products())
}

func (s *Server) updateProduct(r *http.Request) (*crm.Product, error) {
	return updateRecord(r, s, s.products())
}

func (s *Server) listProducts(r *http.Request) (crm.List[*crm.Product], error) {
	q := newQuery(r)
	f := crm.ProductFilter{Query: q.str("q"), Category: q.str("category"), Page: q.page()}
	if q.str("active") != "" {
		a := q.boolean("active")
		f.Active = &a
	}
	if err := q.err(); err != nil {
		return crm.List[*crm.Product]{}, err
	}
	ps, err := s.productStore()
	if err != nil {
		return crm.List[*crm.Product]{}, err
	}
	return ps.ListProducts(r.Context(), f)
}

// productRoutes are the catalogue's API.
func (s *Server) productRoutes() []route {
	return []route{
		apiRoute(post, "/api/v1/products", "Create a product (manager or admin)", s.createProduct).
			in(crm.Product{}).created(),
		apiRoute(get, "/api/v1/products", "List the product catalogue", s.listProducts).
			query(pageParams, searchParam, productParams, sortParam("products")),
		apiRoute(get, "/api/v1/products/{id}", "Get a product", s.getProduct),
		apiRoute(patch, "/api/v1/products/{id}", "Update a product (manager or admin)", s.updateProduct).
			in(crm.Product{}),
	}
}
