package crm

import (
	"context"
	"strings"
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
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	ShortName string     `json:"short_name"`
	Kind      string     `json:"kind"`
	Industry  string     `json:"industry"`
	Level     string     `json:"level"` // A, B, C…
	Region    string     `json:"region"`
	Source    string     `json:"source"`
	Status    string     `json:"status"`
	OwnerID   *int64     `json:"owner_id"` // nil: in the pool (公海)
	Tags      []string   `json:"tags"`
	Address   string     `json:"address"`
	Website   string     `json:"website"`
	Domain    string     `json:"domain" doc:"the main corporate mail domain: the first of domains"` // for the matcher
	Domains   []string   `json:"domains" doc:"every corporate mail domain of the customer (the matcher finds it by any), the main one first"`
	Phone     string     `json:"phone" doc:"the company's phone (switchboard), E.164"`
	Notes     string     `json:"notes"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	ClaimedAt *time.Time `json:"claimed_at"`
	PoolState
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
	c.normalizeDomains(p)
	return p.Err()
}

// NormalizePhone cleans the company phone to E.164 in region; the customer
// store calls it with the server's region.
func (c *Customer) NormalizePhone(region string) error {
	if c.Phone == "" {
		return nil
	}
	n, ok := NormalizePhone(c.Phone, region)
	if !ok {
		return &Error{Code: EINVALID, Message: "The phone number is not valid.",
			Fields: map[string]string{"phone": "is not a valid phone number"}}
	}
	c.Phone = n
	return nil
}

// normalizeDomains lower-cases and dedupes the domains, puts Domain first
// (a client that sets only domain, as before domains existed, changes the
// main one) and keeps Domain the first of them.
func (c *Customer) normalizeDomains(p Problems) {
	seen := map[string]bool{}
	var out []string
	for _, d := range append([]string{c.Domain}, c.Domains...) {
		d = strings.ToLower(strings.TrimSpace(d))
		if d == "" || seen[d] {
			continue
		}
		if !validDomain(d) {
			p.Add("domains", d+" is not a domain name")
		}
		seen[d] = true
		out = append(out, d)
	}
	if len(out) > 20 {
		p.Add("domains", "at most 20")
	}
	c.Domains = nonNilStrings(out)
	c.Domain = ""
	if len(out) > 0 {
		c.Domain = out[0]
	}
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
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
	PoolFilter
	// CreatedFrom and CreatedTo: created in [from, to), the workload
	// report's new customers, so that figure opens the customers behind it.
	CreatedFrom, CreatedTo *time.Time
	TeamID                 *int64 // owned by a member of this team
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
