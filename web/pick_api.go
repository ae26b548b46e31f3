package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// PickItem is one answer of a picker's search: a record the caller may
// open, by the name a person knows it by.
type PickItem struct {
	ID    int64  `json:"id"`
	Label string `json:"label"` // its name: "深圳华强电子", an order's number
	Hint  string `json:"hint"`  // what tells two of the same name apart
}

// pickSize is how many answers a picker shows.
const pickSize = 10

// pickers search each kind of record by name, as the viewer may see it:
// the store's list filters carry the viewer, so a record hidden from the
// caller never reaches the answer.
func (s *Server) pickers() map[string]func(ctx context.Context, v crm.Viewer, q string, p pickScope) ([]PickItem, error) {
	return map[string]func(ctx context.Context, v crm.Viewer, q string, p pickScope) ([]PickItem, error){
		"customers": s.pickCustomers, "contacts": s.pickContacts, "leads": s.pickLeads,
		"orders": s.pickOrders, "plans": s.pickPlans, "users": s.pickUsers,
	}
}

// pickScope narrows a search: a signer among the order's customer's
// contacts, an instalment of the chosen order.
type pickScope struct {
	CustomerID *int64
	OrderID    *int64
}

// pickKinds are the kinds a picker searches, for the docs.
const pickKinds = "customers, contacts, leads, orders, plans or users"

// pick answers GET /api/v1/pick/{kind}?q=….
func (s *Server) pick(r *http.Request) ([]PickItem, error) {
	kind := chi.URLParam(r, "kind")
	find, ok := s.pickers()[kind]
	if !ok {
		return nil, crm.Errorf(crm.ENOTFOUND, "no picker for %q", kind)
	}
	q := newQuery(r)
	sc := pickScope{CustomerID: q.id("customer_id"), OrderID: q.id("order_id")}
	text := strings.TrimSpace(q.str("q"))
	if len([]rune(text)) > 200 {
		q.p.Add("q", "is too long")
	}
	if err := q.err(); err != nil {
		return nil, err
	}
	items, err := find(r.Context(), viewerOf(r), text, sc)
	if items == nil {
		items = []PickItem{}
	}
	return items, err
}

func (s *Server) pickCustomers(ctx context.Context, v crm.Viewer, q string, _ pickScope) ([]PickItem, error) {
	var items []*crm.Customer
	var err error
	if p, ok := s.store.(crm.CustomerPicker); ok {
		items, err = p.PickCustomers(ctx, v, q, pickSize)
	} else {
		var l crm.List[*crm.Customer]
		l, err = s.store.ListCustomers(ctx, crm.CustomerFilter{Viewer: v, Query: q, Page: crm.Page{Limit: pickSize}})
		items = l.Items
	}
	return pickList(items, err, func(c *crm.Customer) PickItem {
		return PickItem{ID: c.ID, Label: c.Name, Hint: firstOf(c.ShortName, c.Region, c.Industry)}
	})
}

func (s *Server) pickContacts(ctx context.Context, v crm.Viewer, q string, sc pickScope) ([]PickItem, error) {
	l, err := s.store.ListContacts(ctx, crm.ContactFilter{Viewer: v, Query: q, CustomerID: sc.CustomerID,
		Page: crm.Page{Limit: pickSize}})
	return pickList(l.Items, err, func(c *crm.Contact) PickItem {
		return PickItem{ID: c.ID, Label: c.Name, Hint: firstOf(c.Title, first(c.Emails), first(c.Phones))}
	})
}

func (s *Server) pickLeads(ctx context.Context, v crm.Viewer, q string, _ pickScope) ([]PickItem, error) {
	l, err := s.store.ListLeads(ctx, crm.LeadFilter{Viewer: v, Query: q, Page: crm.Page{Limit: pickSize}})
	return pickList(l.Items, err, func(x *crm.Lead) PickItem {
		return PickItem{ID: x.ID, Label: firstOf(x.Name, x.Company, x.Email, x.Phone), Hint: firstOf(x.Company, x.Email, x.Phone)}
	})
}

func (s *Server) pickOrders(ctx context.Context, v crm.Viewer, q string, sc pickScope) ([]PickItem, error) {
	l, err := s.store.ListOrders(ctx, crm.OrderFilter{Viewer: v, Query: q, CustomerID: sc.CustomerID,
		Page: crm.Page{Limit: pickSize}})
	return pickList(l.Items, err, func(o *crm.Order) PickItem {
		return PickItem{ID: o.ID, Label: o.Number, Hint: o.Title}
	})
}

// pickPlans lists the instalments of one order (the payment form's order):
// an instalment has no name of its own, only its order's number and its
// place, so it is picked within its order.
func (s *Server) pickPlans(ctx context.Context, v crm.Viewer, q string, sc pickScope) ([]PickItem, error) {
	if sc.OrderID == nil {
		return nil, invalid("order_id", "choose the order first")
	}
	o, err := s.store.Order(ctx, v, *sc.OrderID)
	if err != nil {
		return nil, err
	}
	plans, err := s.store.PaymentPlans(ctx, v, o.ID)
	out := []PickItem{}
	for _, pl := range plans {
		it := planItem(o, pl)
		if q == "" || strings.Contains(it.Label+" "+it.Hint, q) {
			out = append(out, it)
		}
	}
	return out, err
}

// planItem names an instalment "SO-1 · 2" with its due date and amount.
func planItem(o *crm.Order, pl *crm.PaymentPlan) PickItem {
	return PickItem{ID: pl.ID, Label: o.Number + " · " + strconv.Itoa(pl.Instalment),
		Hint: pl.DueDate.String() + " " + moneyText(int64(pl.Amount))}
}

func (s *Server) pickUsers(ctx context.Context, _ crm.Viewer, q string, _ pickScope) ([]PickItem, error) {
	users, err := s.store.ListUsers(ctx)
	out := []PickItem{}
	low := strings.ToLower(q)
	for _, u := range users {
		if u.Disabled || !strings.Contains(strings.ToLower(u.Name+" "+u.Email), low) {
			continue
		}
		if out = append(out, PickItem{ID: u.ID, Label: u.Name, Hint: u.Email}); len(out) == pickSize {
			break
		}
	}
	return out, err
}

// pickList turns a store's page into picker answers.
func pickList[T any](items []*T, err error, item func(*T) PickItem) ([]PickItem, error) {
	if err != nil {
		return nil, err
	}
	out := make([]PickItem, 0, len(items))
	for _, x := range items {
		out = append(out, item(x))
	}
	return out, nil
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

// pickRoutes is the pickers' search.
func (s *Server) pickRoutes() []route {
	return []route{
		apiRoute(get, "/api/v1/pick/{kind}", "Search-as-you-type for a form's reference: "+pickKinds+
			" by name (an order by its number, an instalment within order_id), only those the caller may see, ten at most", s.pick).
			query(searchParam, []param{{"customer_id", "integer", "contacts and orders: only this customer's"},
				{"order_id", "integer", "plans: the order whose instalments to list (required)"}}),
	}
}
