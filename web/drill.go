package web

import (
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// leadFilter applies the drill to a lead list.
func (d drill) leadFilter(f *crm.LeadFilter, offset int) {
	f.CreatedFrom, f.CreatedTo = d.localDays(offset)
	f.Channel, f.Form, f.UTMCampaign, f.QRScene, f.Converted = d.Channel, d.Form, d.UTMCampaign, d.QRScene, d.Converted
	f.TeamID = d.TeamID
}

// orderFilter applies the drill to an order list; First, the funnel's
// first orders of the leads created on LeadFrom…LeadTo from a source.
func (d drill) orderFilter(f *crm.OrderFilter, offset int) {
	f.CustomerID, f.DealerID, f.TeamID, f.OwnerID, f.From, f.To = d.CustomerID, d.DealerID, d.TeamID, d.UserID, d.From, d.To
	f.Sold, f.ProductID, f.Category, f.Region, f.Level = d.Sold, d.ProductID, d.Category, d.Region, d.Level
	if d.First {
		lo := d.Lead
		lo.From, lo.To = drill{From: d.LeadFrom, To: d.LeadTo}.localDays(offset)
		f.FirstOf = &lo
	}
}

// salesDrillParams are the order list's parameter for each sales
// dimension (the period and customer, rep, team, dealer ids, and the
// product, category, region and level the report groups by).
var salesDrillParams = map[string]string{crm.ByCustomer: "customer_id", crm.ByRep: "user_id", crm.ByTeam: "team_id",
	"dealer": "dealer_id", "product": "product_id", "category": "category", "region": "region", "level": "level"}

// reportDrill is the list behind a report's figure, or "" when no list
// page filters that way.
func reportDrill(t *crm.ReportTable, row crm.ReportRow, col string) string {
	if t.Report == crm.ReportFunnel {
		return funnelDrill(t, row, col)
	}
	if t.Report == crm.ReportService {
		return serviceDrill(t, row, col)
	}
	if t.Report == crm.ReportWorkload && col != "orders" && col != "amount" {
		return workloadDrill(t, row, col)
	}
	orders := t.Report == crm.ReportSales || (t.Report == crm.ReportWorkload && (col == "orders" || col == "amount"))
	if t.Report == crm.ReportReceivables {
		return receivablesDrill(t, row, col)
	}
	if !orders {
		return ""
	}
	from, to := t.From, t.To
	q := url.Values{"sold": {"true"}}
	if row.Key != "total" || row.Label != "" {
		param, ok := salesDrillParams[t.By]
		switch {
		case t.By == crm.ByPeriod:
			from, to = bucketWithin(t, row.Key)
		case !ok:
			return ""
		case row.Key == "":
			return "" // no owner, team, dealer, product, region…: no filter says "none"
		default:
			q.Set(param, row.Key)
		}
	}
	q.Set("from", from.String())
	q.Set("to", to.String())
	return "/orders?" + q.Encode()
}

// bucketWithin is a period row's days, cut to the report's period.
func bucketWithin(t *crm.ReportTable, key string) (crm.Date, crm.Date) {
	d, err := crm.ParseDate(bucketStart(key))
	if err != nil {
		return t.From, t.To
	}
	from, to := crm.BucketRange(t.Grain, d)
	if from.String() < t.From.String() {
		from = t.From
	}
	if to.String() > t.To.String() {
		to = t.To
	}
	return from, to
}

// bucketStart is a day inside the bucket named key: "2026-03-02", "2026-03",
// "2026-Q1" or "2026".
func bucketStart(key string) string {
	switch {
	case len(key) == 10:
		return key
	case len(key) == 7 && key[5] == 'Q':
		m := (int(key[6]-'0')-1)*3 + 1
		return key[:4] + "-" + string(rune('0'+m/10)) + string(rune('0'+m%10)) + "-01"
	case len(key) == 7:
		return key + "-01"
	case len(key) == 4:
		return key + "-01-01"
	}
	return key
}
