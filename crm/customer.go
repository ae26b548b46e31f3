package crm

import (
	"context"
	"time"
)

// Customer statuses.
const (
	CustomerPotential = "potential" // 潜在
	CustomerDeal      = "deal"      // 成交
	CustomerLost      = "lost"      // 流失
)

// Customer kinds: an end customer, or a partner who resells.
const (
	KindCustomer = "customer"
	KindDealer   = "dealer" // 经销商
	KindAgent    = "agent"  // 代理商
)

// Customer is a company Rapport's users sell to.
type Customer struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	ShortName string    `json:"short_name"`
	Kind      string    `json:"kind"`
	Industry  string    `json:"industry"`
	Level     string    `json:"level"` // A, B, C…
	Region    string    `json:"region"`
	Source    string    `json:"source"`
	Status    string    `json:"status"`
	OwnerID   *int64    `json:"owner_id"` // nil: in the pool (公海)
	Tags      []string  `json:"tags"`
	Address   string    `json:"address"`
	Website   string    `json:"website"`
	Domain    string    `json:"domain"` // corporate email domain, for the matcher
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Normalize fills defaults and validates c.
func (c *Customer) Normalize() error {
	if c.Kind == "" {
		c.Kind = KindCustomer
	}
	if c.Status == "" {
		c.Status = CustomerPotential
	}
	c.Tags = cleanTags(c.Tags)
	p := Problems{}
	p.Require("name", c.Name)
	p.MaxLen("name", c.Name, 200)
	p.MaxLen("short_name", c.ShortName, 100)
	p.OneOf("kind", c.Kind, KindCustomer, KindDealer, KindAgent)
	p.OneOf("status", c.Status, CustomerPotential, CustomerDeal, CustomerLost)
	p.MaxLen("level", c.Level, 20)
	p.MaxLen("notes", c.Notes, 20000)
	if c.Domain != "" && !validDomain(c.Domain) {
		p.Add("domain", "is not a domain name")
	}
	return p.Err()
}

// CustomerFilter narrows ListCustomers. Zero fields do not filter.
type CustomerFilter struct {
	Viewer  Viewer
	Query   string // a fragment of name, short name or address, any script
	Status  string
	Kind    string
	Level   string
	Tag     string
	OwnerID *int64
	InPool  bool // only customers with no owner
	Page    Page
}

// CustomerStore keeps customers.
type CustomerStore interface {
	// CreateCustomer stores c and sets ID and times. EINVALID.
	CreateCustomer(ctx context.Context, c *Customer) error
	// UpdateCustomer saves every field of a customer v may see.
	// ENOTFOUND, EINVALID.
	UpdateCustomer(ctx context.Context, v Viewer, c *Customer) error
	// Customer returns one customer v may see. ENOTFOUND.
	Customer(ctx context.Context, v Viewer, id int64) (*Customer, error)
	// ListCustomers returns a page of customers, newest first.
	ListCustomers(ctx context.Context, f CustomerFilter) (List[*Customer], error)
}
