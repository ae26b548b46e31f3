package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// cells turns stored values into what one page shows, in its language: user
// and customer names instead of ids, selectOption labels instead of codes.
type cells struct {
	ctx   context.Context
	s     *Server
	v     crm.Viewer
	lang  string
	users []*crm.User
	names map[string]string // "customer:12" → its name, as looked up on this page
}

func (s *Server) newCells(ctx context.Context, v crm.Viewer, lang string) (*cells, error) {
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	return &cells{ctx: ctx, s: s, v: v, lang: lang, users: users, names: map[string]string{}}, nil
}

func (c *cells) t(key string) string { return translate(c.lang, key) }

// problem translates a field's validation message when it is a known one.
func (c *cells) problem(problems map[string]string, name string) string {
	msg := problems[name]
	if msg == "" {
		return ""
	}
	tr, ok := problemIn(c.lang, msg)
	if !ok && name != "" && c.lang != "en" {
		return c.t("code.field") // a field's problem the catalogs lack: not English on a Chinese page
	}
	return tr
}

// display is a field's value as the detail page shows it.
func (c *cells) display(f field, v string) string {
	switch f.Type {
	case "select":
		return c.selectOption(f.Name, v)
	case "user":
		return c.user(v)
	case "id":
		if name := c.named(firstOf(f.Pick, f.Name), v); name != "" {
			return name
		}
	case "lines":
		return strings.ReplaceAll(v, "\n", ", ")
	case "datetime":
		return strings.Replace(v, "T", " ", 1)
	}
	return v
}

func (c *cells) selectOption(name, v string) string {
	if v == "" {
		return ""
	}
	return c.t("opt." + name + "." + v)
}

// user names the owner with id s; no owner is the pool.
func (c *cells) user(s string) string {
	if s == "" {
		return c.t("owner.pool")
	}
	for _, u := range c.users {
		if strconv.FormatInt(u.ID, 10) == s {
			return u.Name
		}
	}
	return "#" + s
}

// customer names a customer the viewer may see, else shows its number.
func (c *cells) customer(s string) string {
	return lookupName(c, crm.RefCustomer, s, c.s.store.Customer, func(cu *crm.Customer) string { return cu.Name })
}

// order names an order by its number.
func (c *cells) order(s string) string {
	return lookupName(c, crm.RefOrder, s, c.s.store.Order, func(o *crm.Order) string { return o.Number })
}

// lookupName looks a record's name up once a page; "#id" when it is hidden.
func lookupName[T any](c *cells, kind, s string, load func(context.Context, crm.Viewer, int64) (*T, error), name func(*T) string) string {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return s
	}
	key := kind + ":" + s
	if n, ok := c.names[key]; ok {
		return n
	}
	n := "#" + s
	if rec, err := load(c.ctx, c.v, id); err == nil {
		n = name(rec)
	}
	c.names[key] = n
	return n
}

// itemViews are an order's line item rows and three blank ones to add more.
func (c *cells) itemViews(vals url.Values) []itemView {
	out := []itemView{}
	for i, p := range vals["items.product"] {
		out = append(out, itemView{Product: p, Quantity: nth(vals["items.quantity"], i),
			UnitPrice: nth(vals["items.unit_price"], i), Amount: nth(vals["items.amount"], i),
			ProductID: digits(nth(vals["items.product_id"], i)), UnitCost: digits(nth(vals["items.unit_cost"], i))})
	}
	return append(out, itemView{}, itemView{}, itemView{})
}

// refs names the records a task is about: "Customer: Huaqiang, Order: #3".
func (c *cells) refs(refs []string) string {
	parts := make([]string, 0, len(refs))
	for _, ref := range refs {
		kind, id, _ := strings.Cut(ref, ":")
		name := "#" + id
		if n := c.named(kind, id); n != "" {
			name = n
		}
		parts = append(parts, c.t("ref."+kind)+": "+name)
	}
	return strings.Join(parts, ", ")
}
