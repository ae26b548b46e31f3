package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// dealerStore sums sales through dealers; a store without it answers 501.
func (s *Server) dealerStore() (crm.DealerStore, error) {
	ds, ok := s.store.(crm.DealerStore)
	if !ok {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "This store keeps no dealer figures.")
	}
	return ds, nil
}

// dealerRow is one dealer or agent with what was sold through it.
type dealerRow struct {
	Dealer *crm.Customer   `json:"dealer"`
	Total  crm.DealerTotal `json:"total"`
}

// listDealers returns the dealers and agents the user may see, each with
// the visible orders sold through it, largest first.
func (s *Server) listDealers(r *http.Request) ([]dealerRow, error) {
	ds, err := s.dealerStore()
	if err != nil {
		return nil, err
	}
	v := viewerOf(r)
	totals, err := ds.DealerTotals(r.Context(), v)
	if err != nil {
		return nil, err
	}
	byID := map[int64]crm.DealerTotal{}
	for _, t := range totals {
		byID[t.DealerID] = t
	}
	out := []dealerRow{}
	for _, kind := range []string{crm.KindDealer, crm.KindAgent} {
		l, err := s.store.ListCustomers(r.Context(), crm.CustomerFilter{Viewer: v, Kind: kind,
			Page: crm.Page{Limit: crm.MaxPageLimit}})
		if err != nil {
			return nil, err
		}
		for _, c := range l.Items {
			t := byID[c.ID]
			t.DealerID = c.ID
			out = append(out, dealerRow{Dealer: c, Total: t})
		}
	}
	sortDealers(out)
	return out, nil
}

func sortDealers(rows []dealerRow) {
	for i := 1; i < len(rows); i++ { // insertion sort: a few hundred dealers at most
		for j := i; j > 0 && rows[j].Total.Amount > rows[j-1].Total.Amount; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

// getDealer returns a dealer's end customers, totals and monthly trend.
func (s *Server) getDealer(r *http.Request) (*crm.DealerSummary, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ds, err := s.dealerStore()
	if err != nil {
		return nil, err
	}
	now := s.now().In(time.Local)
	return ds.DealerSummary(r.Context(), viewerOf(r), id, crm.Date{Year: now.Year(), Month: int(now.Month()), Day: now.Day()})
}

// dealerRoutes are the dealers' API and pages.
func (s *Server) dealerRoutes() []route {
	return []route{
		apiRoute(get, "/api/v1/dealers", "Dealers and agents (经销商/代理商) with the orders sold through each "+
			"(orders you may see; cancelled ones left out), largest amount first", s.listDealers),
		apiRoute(get, "/api/v1/dealers/{id}", "A dealer's end customers, totals and 12-month trend", s.getDealer),
		rawRoute(get, "/dealers", "Dealers and agents (page)", html, s.getDealersPage).page().query(recLangParam),
		rawRoute(get, "/dealers/{id}", "A dealer's end customers, orders and trend (page)", html,
			s.getDealerPage).page().query(recLangParam),
	}
}

// dealerOrdersURL is the order list behind a dealer's figure.
func dealerOrdersURL(dealerID int64, customerID *int64, month string) string {
	u := "/orders?dealer_id=" + strconv.FormatInt(dealerID, 10)
	if customerID != nil {
		u += "&customer_id=" + strconv.FormatInt(*customerID, 10)
	}
	if month != "" {
		from, to := monthRange(month)
		u += "&from=" + from + "&to=" + to
	}
	return u
}
