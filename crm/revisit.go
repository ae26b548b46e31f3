package crm

import (
	"context"
	"slices"
	"time"
)

// RevisitFilter narrows the revisit lists (lost customers, overdue
// repurchase). Zero fields do not filter.
type RevisitFilter struct {
	Viewer  Viewer
	OwnerID *int64
	Level   string
	Region  string
	Limit   int // at most this many (default 200)
}

// OrderHistory is a customer with the dates of its orders, oldest first.
type OrderHistory struct {
	Customer *Customer
	Orders   []time.Time
}

// RevisitStore reads what the revisit lists need.
type RevisitStore interface {
	// LostCustomers returns customers v may see whose status is lost, or
	// who ordered before and not since since; most recent order last.
	LostCustomers(ctx context.Context, f RevisitFilter, since time.Time) ([]*Customer, error)
	// OrderHistories returns the customers v may see with at least three
	// orders (two intervals), with their order dates.
	OrderHistories(ctx context.Context, f RevisitFilter) ([]OrderHistory, error)
}

// Repurchase is a customer's buying rhythm.
type Repurchase struct {
	Last     time.Time     `json:"last_order_at"`
	Interval time.Duration `json:"-"`
	Days     float64       `json:"interval_days"` // the median days between its orders
	DueAt    time.Time     `json:"due_at"`        // last + margin × interval
	Overdue  bool          `json:"overdue"`
}

// RepurchaseOf works out when a customer with these order dates should buy
// again: its last order plus margin times the median interval between its
// orders (the median, so that one long gap does not hide the rhythm).
// ok is false with fewer than three orders.
func RepurchaseOf(orders []time.Time, now time.Time, margin float64) (r Repurchase, ok bool) {
	if len(orders) < 3 {
		return r, false
	}
	ds := slices.Clone(orders)
	slices.SortFunc(ds, func(a, b time.Time) int { return a.Compare(b) })
	gaps := make([]time.Duration, len(ds)-1)
	for i := 1; i < len(ds); i++ {
		gaps[i-1] = ds[i].Sub(ds[i-1])
	}
	slices.Sort(gaps)
	med := gaps[len(gaps)/2]
	if len(gaps)%2 == 0 {
		med = (gaps[len(gaps)/2-1] + gaps[len(gaps)/2]) / 2
	}
	r.Last, r.Interval, r.Days = ds[len(ds)-1], med, med.Hours()/24
	r.DueAt = r.Last.Add(time.Duration(float64(med) * margin))
	r.Overdue = now.After(r.DueAt)
	return r, true
}
