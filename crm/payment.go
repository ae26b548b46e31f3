package crm

import (
	"context"
	"time"
)

// Payment plan statuses.
const (
	PlanPending = "pending"
	PlanPartial = "partial"
	PlanPaid    = "paid"
)

// PaymentPlan is one instalment (期) expected on an order.
type PaymentPlan struct {
	ID         int64     `json:"id"`
	OrderID    int64     `json:"order_id"`
	Instalment int       `json:"instalment"` // 1, 2, 3…
	DueDate    Date      `json:"due_date"`
	Amount     Money     `json:"amount"`
	Paid       Money     `json:"paid"` // the sum of its payments
	Status     string    `json:"status"`
	Notes      string    `json:"notes"`
	CreatedAt  time.Time `json:"created_at"`
}

// Validate checks p.
func (pl *PaymentPlan) Validate() error {
	p := Problems{}
	if pl.OrderID <= 0 {
		p.Add("order_id", "is required")
	}
	if pl.Instalment <= 0 {
		p.Add("instalment", "must be 1 or more")
	}
	if pl.Amount <= 0 {
		p.Add("amount", "must be positive")
	}
	if pl.DueDate == (Date{}) {
		p.Add("due_date", "is required")
	}
	return p.Err()
}

// Payment is money received (回款) against an order, optionally for a plan.
type Payment struct {
	ID        int64     `json:"id"`
	OrderID   int64     `json:"order_id"`
	PlanID    *int64    `json:"plan_id"`
	Amount    Money     `json:"amount"`
	Method    string    `json:"method"` // bank transfer, alipay, wechat pay, cash, cheque…
	PaidAt    time.Time `json:"paid_at"`
	HandlerID *int64    `json:"handler_id"` // the user who recorded or handled it
	Account   string    `json:"account"`    // the receiving account
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"created_at"`
}

// Payment methods.
const (
	MethodBank   = "bank"
	MethodAlipay = "alipay"
	MethodWeChat = "wechat"
	MethodCash   = "cash"
	MethodCheque = "cheque"
	MethodOther  = "other"
)

// Validate checks p.
func (pm *Payment) Validate() error {
	p := Problems{}
	if pm.OrderID <= 0 {
		p.Add("order_id", "is required")
	}
	if pm.Amount <= 0 {
		p.Add("amount", "must be positive")
	}
	p.Require("method", pm.Method)
	p.OneOf("method", pm.Method, MethodBank, MethodAlipay, MethodWeChat, MethodCash, MethodCheque, MethodOther)
	if pm.PaidAt.IsZero() {
		p.Add("paid_at", "is required")
	}
	return p.Err()
}

// Delivery records goods or services delivered on an order.
type Delivery struct {
	ID          int64     `json:"id"`
	OrderID     int64     `json:"order_id"`
	Date        Date      `json:"date"`
	Description string    `json:"description"`
	Carrier     string    `json:"carrier"`
	TrackingNo  string    `json:"tracking_no"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks d.
func (d *Delivery) Validate() error {
	p := Problems{}
	if d.OrderID <= 0 {
		p.Add("order_id", "is required")
	}
	if d.Date == (Date{}) {
		p.Add("date", "is required")
	}
	p.MaxLen("description", d.Description, 2000)
	p.MaxLen("carrier", d.Carrier, 200)
	p.MaxLen("tracking_no", d.TrackingNo, 100)
	return p.Err()
}

// PaymentFilter narrows ListPayments.
type PaymentFilter struct {
	Viewer  Viewer
	OrderID *int64
	Page    Page
	// The workload report's money received, so that figure opens the
	// payments behind it: paid in [PaidFrom, PaidTo), on an order this
	// user owns.
	PaidFrom, PaidTo *time.Time
	OwnerID          *int64
	TeamID           *int64 // on an order a member of this team owns
	CustomerID       *int64 // on an order of this customer: a receivables row
}

// PaymentStore keeps payment plans, payments and deliveries. Visibility
// follows the order they belong to.
type PaymentStore interface {
	// CreatePaymentPlan stores a plan for an order v may see.
	// EINVALID, ENOTFOUND (order), ECONFLICT (instalment number taken).
	CreatePaymentPlan(ctx context.Context, v Viewer, pl *PaymentPlan) error
	// PaymentPlans returns an order's plans by instalment, with Paid summed.
	PaymentPlans(ctx context.Context, v Viewer, orderID int64) ([]*PaymentPlan, error)
	// RecordPayment stores a payment and updates its plan's status.
	// EINVALID, ENOTFOUND (order or plan).
	RecordPayment(ctx context.Context, v Viewer, pm *Payment) error
	// UpdatePayment saves a payment. ENOTFOUND, EINVALID.
	UpdatePayment(ctx context.Context, v Viewer, pm *Payment) error
	// Payment returns one payment. ENOTFOUND.
	Payment(ctx context.Context, v Viewer, id int64) (*Payment, error)
	// ListPayments returns a page of payments, newest first.
	ListPayments(ctx context.Context, f PaymentFilter) (List[*Payment], error)
	// CreateDelivery stores a delivery on an order. EINVALID, ENOTFOUND.
	CreateDelivery(ctx context.Context, v Viewer, d *Delivery) error
	// Deliveries returns an order's deliveries by date.
	Deliveries(ctx context.Context, v Viewer, orderID int64) ([]*Delivery, error)
}
