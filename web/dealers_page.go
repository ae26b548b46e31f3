package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// dealerPage is the dealers list or one dealer's page.
type dealerPage struct {
	*recordPage
	Rows    []dealerRow
	Summary *crm.DealerSummary
	Chart   template.HTML
}

// Money formats an amount for the page.
func (d *dealerPage) Money(m crm.Money) string { return moneyText(int64(m)) }

// OrdersURL is the order list behind a dealer's (and an end customer's) figure.
func (d *dealerPage) OrdersURL(dealerID int64, customerID int64) string {
	if customerID == 0 {
		return dealerOrdersURL(dealerID, nil, "")
	}
	return dealerOrdersURL(dealerID, &customerID, "")
}

func (s *Server) getDealersPage(w http.ResponseWriter, r *http.Request) {
	rows, err := s.listDealers(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := &dealerPage{recordPage: s.recordPageData(w, r, "dealers", ""), Rows: rows}
	d.Heading = d.T("rec.dealers")
	var bars []chartBar
	for _, row := range rows {
		if row.Total.Orders > 0 && len(bars) < 15 {
			bars = append(bars, chartBar{Label: row.Dealer.Name, Value: float64(row.Total.Amount),
				Text: moneyText(int64(row.Total.Amount)), URL: dealerOrdersURL(row.Dealer.ID, nil, "")})
		}
	}
	if len(bars) > 0 {
		d.Chart = barChart(d.T("dealer.chart_amount"), bars)
	}
	s.render(w, r, http.StatusOK, "dealers", d)
}

func (s *Server) getDealerPage(w http.ResponseWriter, r *http.Request) {
	sum, err := s.getDealer(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := &dealerPage{recordPage: s.recordPageData(w, r, "dealers", sum.Dealer.Name), Summary: sum}
	bars := make([]chartBar, 0, len(sum.Months))
	for _, m := range sum.Months {
		bars = append(bars, chartBar{Label: m.Month, Value: float64(m.Amount),
			Text: moneyText(int64(m.Amount)), URL: dealerOrdersURL(sum.Dealer.ID, nil, m.Month)})
	}
	d.Chart = barChart(d.T("dealer.chart_trend"), bars)
	s.render(w, r, http.StatusOK, "dealer", d)
}

// monthRange is the first and last day of a month "2006-01".
func monthRange(month string) (from, to string) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return "", ""
	}
	return t.Format(time.DateOnly), t.AddDate(0, 1, -1).Format(time.DateOnly)
}
