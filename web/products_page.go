package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// productPages are the catalogue's list, form and detail pages.
func (s *Server) productPages() *recordKind[crm.Product] {
	return &recordKind[crm.Product]{
		path: "products", one: "rec.product", res: s.products,
		fields: []field{{Name: "sku", Need: true}, {Name: "name", Need: true}, {Name: "category"},
			{Name: "unit"}, {Name: "list_price", Type: "money"}, {Name: "cost", Type: "money"},
			{Name: "active", Type: "bool"}},
		columns: []column[crm.Product]{
			{"field.sku", func(_ *cells, p *crm.Product) string { return p.SKU }},
			{"field.name", func(_ *cells, p *crm.Product) string { return p.Name }},
			{"field.category", func(_ *cells, p *crm.Product) string { return p.Category }},
			{"field.unit", func(_ *cells, p *crm.Product) string { return p.Unit }},
			{"field.list_price", func(_ *cells, p *crm.Product) string { return moneyText(int64(p.ListPrice)) }},
			{"field.active", func(c *cells, p *crm.Product) string { return c.yesNo(p.Active) }},
		},
		query: func(r *http.Request, f listFilter) listQuery[crm.Product] {
			list := func(ctx context.Context, f crm.ProductFilter) (crm.List[*crm.Product], error) {
				ps, err := s.productStore()
				if err != nil {
					return crm.List[*crm.Product]{}, err
				}
				return ps.ListProducts(ctx, f)
			}
			return bindList(r, crm.ProductFilter{Query: f.Query, Page: f.Page},
				func(f *crm.ProductFilter, p crm.Page) { f.Page = p }, list, countBy(s, crm.ListCounter.CountProducts))
		},
		title: func(p *crm.Product) string { return p.SKU + " " + p.Name },
	}
}

// yesNo is a boolean cell in the page's language.
func (c *cells) yesNo(b bool) string {
	if b {
		return c.t("prod.yes")
	}
	return c.t("prod.no")
}

// productOptions are the active products an order line may pick, offered
// as a datalist on the product input: typing a SKU picks that product.
func (c *cells) productOptions() []selectOption {
	ps, err := c.s.productStore()
	if err != nil {
		return nil
	}
	active := true
	l, err := ps.ListProducts(c.ctx, crm.ProductFilter{Active: &active, Page: crm.Page{Limit: crm.MaxPageLimit}})
	if err != nil {
		return nil // the form still takes free text
	}
	out := make([]selectOption, 0, len(l.Items))
	for _, p := range l.Items {
		out = append(out, selectOption{Value: p.SKU, Label: p.Name + " · " + moneyText(int64(p.ListPrice))})
	}
	return out
}

// digits is s when it is a whole number, else "" (a JSON null shown by
// fmt is "<nil>").
func digits(s string) string {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return ""
	}
	return s
}
