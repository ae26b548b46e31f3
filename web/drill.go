package web

import (
	"github.com/rapport-crm/rapport/crm"
)

// drill is the part of a list page's query that a report's figure links
// with: the list behind the number shows the same records the number
// counts, under the same visibility.
type drill struct {
	CustomerID, DealerID, TeamID, UserID *int64
	From, To                             *crm.Date
}

func readDrill(q *query) drill {
	return drill{CustomerID: q.id("customer_id"), DealerID: q.id("dealer_id"), TeamID: q.id("team_id"),
		UserID: q.id("user_id"), From: q.date("from"), To: q.date("to")}
}

// orderFilter applies the drill to an order list.
func (d drill) orderFilter(f *crm.OrderFilter) {
	f.CustomerID, f.DealerID, f.TeamID, f.OwnerID, f.From, f.To = d.CustomerID, d.DealerID, d.TeamID, d.UserID, d.From, d.To
}

// date reads a day YYYY-MM-DD; absent is nil.
func (q *query) date(name string) *crm.Date {
	s := q.v.Get(name)
	if s == "" {
		return nil
	}
	d, err := crm.ParseDate(s)
	if err != nil {
		q.p.Add(name, "must be a day like 2026-03-01")
		return nil
	}
	return &d
}
