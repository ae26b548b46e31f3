package crm

import (
	"context"
	"time"
)

// Order kinds: an order, or a contract (合同) with terms and signers.
const (
	OrderKindOrder    = "order"
	OrderKindContract = "contract"
)

// Order statuses.
const (
	OrderDraft     = "draft"
	OrderActive    = "active" // signed / confirmed
	OrderCompleted = "completed"
	OrderCancelled = "cancelled"
)

// LineItem is one product on an order.
type LineItem struct {
	ProductID *int64  `json:"product_id" doc:"the catalogue product; null for a free-text line (a one-off)"`
	Product   string  `json:"product" doc:"the product's name; filled from the catalogue when product_id is given and this is empty"`
	Quantity  float64 `json:"quantity"`
	UnitPrice Money   `json:"unit_price"`
	Amount    Money   `json:"amount"` // Quantity × UnitPrice, rounded
	UnitCost  *Money  `json:"unit_cost" doc:"the unit cost for gross margin: the product's cost when the order was saved, unless given; null when unknown"`
}

// Order is an order or a contract with a customer.
type Order struct {
	ID               int64        `json:"id"`
	Kind             string       `json:"kind"`
	Number           string       `json:"number"` // unique, matched in messages
	CustomerID       int64        `json:"customer_id"`
	Title            string       `json:"title"`
	Items            []LineItem   `json:"items"`
	Amount           Money        `json:"amount"`
	Currency         string       `json:"currency"`
	Terms            string       `json:"terms"`
	StartDate        *Date        `json:"start_date"`
	EndDate          *Date        `json:"end_date"`
	CustomerSignerID *int64       `json:"customer_signer_id"` // a contact
	OurSignerID      *int64       `json:"our_signer_id"`      // a user
	SignedDate       *Date        `json:"signed_date"`
	OrderDate        *Date        `json:"order_date" doc:"the day the order was placed (an order's own date, apart from when it was entered)"`
	ContractID       *int64       `json:"contract_id" doc:"the contract this order was placed under: a contract of the same customer"`
	DealerID         *int64       `json:"dealer_id" doc:"the dealer or agent (经销商/代理商) it was sold through: a customer of kind dealer or agent; customer_id is then the end customer"`
	Status           string       `json:"status"`
	OwnerID          *int64       `json:"owner_id"`
	Attachments      []Attachment `json:"attachments"`
	CreatedAt        time.Time    `json:"created_at"`
	UpdatedAt        time.Time    `json:"updated_at"`
}

// Normalize fills defaults, computes line and order amounts, and validates o.
// An order with line items has the sum of its lines as its amount.
func (o *Order) Normalize() error {
	if o.Kind == "" {
		o.Kind = OrderKindOrder
	}
	if o.Status == "" {
		o.Status = OrderDraft
	}
	if o.Currency == "" {
		o.Currency = "CNY"
	}
	p := Problems{}
	p.Require("number", o.Number)
	p.MaxLen("number", o.Number, 64)
	p.OneOf("kind", o.Kind, OrderKindOrder, OrderKindContract)
	p.OneOf("status", o.Status, OrderDraft, OrderActive, OrderCompleted, OrderCancelled)
	if o.CustomerID <= 0 {
		p.Add("customer_id", "is required")
	}
	if len(o.Currency) != 3 {
		p.Add("currency", "must be a three-letter code")
	}
	o.sumItems(p)
	if o.StartDate != nil && o.EndDate != nil && o.EndDate.String() < o.StartDate.String() {
		p.Add("end_date", "is before the start date")
	}
	if o.DealerID != nil && (*o.DealerID <= 0 || *o.DealerID == o.CustomerID) {
		p.Add("dealer_id", "must name a dealer other than the end customer")
	}
	if o.ContractID != nil && (*o.ContractID <= 0 || *o.ContractID == o.ID) {
		p.Add("contract_id", "must name another record, a contract")
	}
	return p.Err()
}

func (o *Order) sumItems(p Problems) {
	if len(o.Items) == 0 {
		if o.Amount < 0 {
			p.Add("amount", "must not be negative")
		}
		return
	}
	var total Money
	for i := range o.Items {
		it := &o.Items[i]
		if (it.Product == "" && it.ProductID == nil) || it.Quantity <= 0 || it.UnitPrice < 0 ||
			(it.UnitCost != nil && *it.UnitCost < 0) {
			p.Add("items", "each item needs a product, a positive quantity and a price")
			return
		}
		it.Amount = Money(it.Quantity*float64(it.UnitPrice) + 0.5)
		total += it.Amount
	}
	o.Amount = total
}

// OrderFilter narrows ListOrders.
type OrderFilter struct {
	Viewer     Viewer
	Query      string // a fragment of number or title
	Kind       string
	Status     string
	CustomerID *int64
	DealerID   *int64 // orders sold through this dealer
	OwnerID    *int64 // orders this user owns
	TeamID     *int64 // orders owned by this team's members
	From, To   *Date  // sold on these days (order date, else entry date), inclusive
	Sold       bool   // only orders that count as sales: active or completed
	Page       Page
	// The sales report's other dimensions, so each of its figures opens
	// the orders behind it: a line of this product or category; a
	// customer of this region or level.
	ProductID     *int64
	Category      string
	Region, Level string
	// FirstOf: the funnel's first orders of the leads it names.
	FirstOf *LeadOrigin
}

// OrderStore keeps orders and contracts.
type OrderStore interface {
	// CreateOrder stores o. EINVALID; ECONFLICT when the number is taken.
	CreateOrder(ctx context.Context, o *Order) error
	// UpdateOrder saves an order v may see. ENOTFOUND, EINVALID, ECONFLICT.
	UpdateOrder(ctx context.Context, v Viewer, o *Order) error
	// Order returns one order v may see. ENOTFOUND.
	Order(ctx context.Context, v Viewer, id int64) (*Order, error)
	// OrderByNumber returns the order with this number. ENOTFOUND.
	OrderByNumber(ctx context.Context, v Viewer, number string) (*Order, error)
	// ListOrders returns a page of orders, newest first.
	ListOrders(ctx context.Context, f OrderFilter) (List[*Order], error)
}
