package crm

import (
	"context"
	"time"
)

// Product is one entry of the catalogue (产品) that order lines pick from.
// Cost is nil when unknown: gross margin is then left out, not reckoned
// against a cost of zero.
type Product struct {
	ID        int64     `json:"id"`
	SKU       string    `json:"sku"`
	Name      string    `json:"name"`
	Category  string    `json:"category"`
	Unit      string    `json:"unit" doc:"the unit a quantity counts: 台, 件, box, hour…"`
	ListPrice Money     `json:"list_price"`
	Cost      *Money    `json:"cost" doc:"the unit cost, for gross margin; null when unknown"`
	Active    bool      `json:"active" doc:"inactive products stay on past orders but are not offered on new ones"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Normalize validates p.
func (p *Product) Normalize() error {
	pr := Problems{}
	pr.Require("sku", p.SKU)
	pr.MaxLen("sku", p.SKU, 64)
	pr.Require("name", p.Name)
	pr.MaxLen("name", p.Name, 200)
	pr.MaxLen("category", p.Category, 100)
	pr.MaxLen("unit", p.Unit, 20)
	if p.ListPrice < 0 {
		pr.Add("list_price", "must not be negative")
	}
	if p.Cost != nil && *p.Cost < 0 {
		pr.Add("cost", "must not be negative")
	}
	return pr.Err()
}

// ProductFilter narrows ListProducts. Zero fields do not filter.
type ProductFilter struct {
	Query    string // a fragment of SKU or name
	Category string
	Active   *bool
	Page     Page
}

// ProductStore keeps the product catalogue. Every user reads it; the web
// layer lets managers and admins change it.
type ProductStore interface {
	// CreateProduct stores p. EINVALID; ECONFLICT when the SKU is taken.
	CreateProduct(ctx context.Context, p *Product) error
	// UpdateProduct saves p. ENOTFOUND, EINVALID, ECONFLICT.
	UpdateProduct(ctx context.Context, p *Product) error
	// Product returns one product. ENOTFOUND.
	Product(ctx context.Context, id int64) (*Product, error)
	// ProductBySKU returns the product with this SKU. ENOTFOUND.
	ProductBySKU(ctx context.Context, sku string) (*Product, error)
	// ListProducts returns a page of products, by SKU's id order, newest first.
	ListProducts(ctx context.Context, f ProductFilter) (List[*Product], error)
}
