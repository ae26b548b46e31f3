package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// Fields and columns the kinds share.
var (
	ownerField  = field{Name: "owner_id", Type: "user"}
	notesField  = field{Name: "notes", Type: "textarea"}
	ownerColumn = func(c *cells, id *int64) string { return c.user(idString(id)) }
)

func (s *Server) customerPages() *recordKind[crm.Customer] {
	status := field{Name: "status", Type: "select", Options: []string{crm.CustomerPotential, crm.CustomerDeal, crm.CustomerLost}}
	kind := field{Name: "kind", Type: "select", Options: []string{crm.KindCustomer, crm.KindDealer, crm.KindAgent}}
	return &recordKind[crm.Customer]{
		path: "customers", one: "rec.customer", res: s.customers, pool: true,
		tags:     func(c *crm.Customer) []string { return c.Tags },
		dupQuery: customerDups, merge: s.mergeCustomerInto, afterUpdate: s.moveWithCustomer,
		fields: []field{{Name: "name", Need: true}, {Name: "short_name"}, kind, status, {Name: "level"},
			{Name: "industry"}, {Name: "region"}, {Name: "source"}, ownerField, {Name: "tags", Type: "lines"},
			{Name: "address"}, {Name: "website"}, {Name: "domain"}, notesField},
		columns: []column[crm.Customer]{
			{"field.name", func(_ *cells, c *crm.Customer) string { return c.Name }},
			{"field.status", func(cs *cells, c *crm.Customer) string { return cs.selectOption("status", c.Status) }},
			{"field.level", func(_ *cells, c *crm.Customer) string { return c.Level }},
			{"field.owner_id", func(cs *cells, c *crm.Customer) string { return ownerColumn(cs, c.OwnerID) }},
			{"pool.days_left", func(cs *cells, c *crm.Customer) string { return s.daysLeft(cs, c.PoolState) }},
			{"field.tags", func(_ *cells, c *crm.Customer) string { return strings.Join(c.Tags, ", ") }},
		},
		filters: []field{ownerFilter, status, kind, countdownFilter},
		query: func(r *http.Request, f listFilter) listQuery[crm.Customer] {
			v := viewerOf(r)
			owner, pool := f.ownerID(v)
			cf := crm.CustomerFilter{Viewer: v, Query: f.Query, Status: f.Status, Kind: f.Kind, OwnerID: owner,
				InPool: pool, Page: f.Page, PoolFilter: s.listPool(f), Tag: f.Tag}
			_, off := s.today()
			f.Drill.customerFilter(&cf, off)
			return bindList(r, cf, func(f *crm.CustomerFilter, p crm.Page) { f.Page = p }, s.store.ListCustomers,
				countBy(s, crm.ListCounter.CountCustomers))
		},
		title: func(c *crm.Customer) string { return c.Name },
		actions: func(cs *cells, c *crm.Customer) []rowAction {
			if c.OwnerID != nil {
				return nil
			}
			return []rowAction{{Label: cs.t("lead.claim"), URL: "/customers/" + strconv.FormatInt(c.ID, 10) + "/claim"}}
		},
		panel: func(cs *cells, v crm.Viewer, c *crm.Customer) *poolPanel {
			return s.panelOf(cs, v, "/customers/"+strconv.FormatInt(c.ID, 10), c.OwnerID, c.PoolState)
		},
		extra: func(ctx context.Context, v crm.Viewer, c *crm.Customer) (any, error) {
			return s.gather360(ctx, v, nil, &c.ID, 0, nil)
		},
		links: func(cs *cells, c *crm.Customer) []navLink {
			id := strconv.FormatInt(c.ID, 10)
			return append(cs.newLinks("/customers/"+id, "rec.contact.new", "/contacts/new?customer_id="+id,
				"rec.order.new", "/orders/new?customer_id="+id, "rec.task.new", "/tasks/new?refs=customer:"+id),
				cs.composeLink("customers", id))
		},
	}
}

// idString writes an optional id, "" for none.
func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}
