package crm

import "context"

// DealerTotal is what was sold through one dealer or agent (经销商/代理商).
type DealerTotal struct {
	DealerID     int64 `json:"dealer_id"`
	Orders       int   `json:"orders"`
	Amount       Money `json:"amount"`
	EndCustomers int   `json:"end_customers"`
	Last         *Date `json:"last" doc:"the day of the latest sale"`
}

// DealerCustomer is one end customer served through a dealer.
type DealerCustomer struct {
	CustomerID int64  `json:"customer_id"`
	Name       string `json:"name"`
	Orders     int    `json:"orders"`
	Amount     Money  `json:"amount"`
	Last       Date   `json:"last"`
}

// MonthAmount is one month of a trend: "2026-03".
type MonthAmount struct {
	Month  string `json:"month"`
	Orders int    `json:"orders"`
	Amount Money  `json:"amount"`
}

// DealerSummary is a dealer's page: its totals, end customers and monthly
// trend, counting only orders the viewer may see. Cancelled orders do not
// count.
type DealerSummary struct {
	Dealer    *Customer        `json:"dealer"`
	Total     DealerTotal      `json:"total"`
	Customers []DealerCustomer `json:"customers"`
	Months    []MonthAmount    `json:"months" doc:"the last 12 months, oldest first, months without sales included"`
}

// DealerStore sums the orders sold through dealers.
type DealerStore interface {
	// DealerTotals returns a total for each dealer with visible orders,
	// largest amount first.
	DealerTotals(ctx context.Context, v Viewer) ([]DealerTotal, error)
	// DealerSummary returns a dealer's page, with the 12 months up to and
	// including the month of today. ENOTFOUND when v may not see the dealer
	// or it is not a dealer or agent.
	DealerSummary(ctx context.Context, v Viewer, dealerID int64, today Date) (*DealerSummary, error)
}
