package web

import (
	"net/url"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// drill is the part of a list page's query that a report's figure links
// with: the list behind the number shows the same records the number
// counts, under the same visibility.
type drill struct {
	CustomerID, DealerID, TeamID, UserID *int64
	From, To                             *crm.Date
	Sold                                 bool
	ProductID                            *int64
	Category, Region, Level              string
	// leads, as the funnel counts them (From and To: created on those days)
	Channel, Form, UTMCampaign, QRScene string
	Converted                           bool
	// tasks, as the workload counts them: Completed, done on From…To;
	// DueBefore, open and due before that day began (overdue as of it)
	Completed bool
	DueBefore *crm.Date
}

func readDrill(q *query) drill {
	return drill{CustomerID: q.id("customer_id"), DealerID: q.id("dealer_id"), TeamID: q.id("team_id"),
		UserID: q.id("user_id"), From: q.date("from"), To: q.date("to"), Sold: q.boolean("sold"),
		ProductID: q.id("product_id"), Category: q.str("category"), Region: q.str("region"), Level: q.str("level"),
		Channel: q.str("channel"), Form: q.str("form"), UTMCampaign: q.str("utm_campaign"), QRScene: q.str("qr_scene"),
		Converted: q.boolean("converted"), Completed: q.boolean("completed"), DueBefore: q.date("due_before")}
}

// localDays is the drill's From…To as instants: the start of From and
// of the day after To, offset being the server's minutes east of UTC,
// whose calendar days the reports count in.
func (d drill) localDays(offset int) (from, to *time.Time) {
	local := func(day crm.Date) *time.Time {
		t := day.Time().Add(-time.Duration(offset) * time.Minute)
		return &t
	}
	if d.From != nil {
		from = local(*d.From)
	}
	if d.To != nil {
		to = local(crm.DateOf(d.To.Time().AddDate(0, 0, 1)))
	}
	return from, to
}

// leadFilter applies the drill to a lead list.
func (d drill) leadFilter(f *crm.LeadFilter, offset int) {
	f.CreatedFrom, f.CreatedTo = d.localDays(offset)
	f.Channel, f.Form, f.UTMCampaign, f.QRScene, f.Converted = d.Channel, d.Form, d.UTMCampaign, d.QRScene, d.Converted
}

// orderFilter applies the drill to an order list.
func (d drill) orderFilter(f *crm.OrderFilter) {
	f.CustomerID, f.DealerID, f.TeamID, f.OwnerID, f.From, f.To = d.CustomerID, d.DealerID, d.TeamID, d.UserID, d.From, d.To
	f.Sold, f.ProductID, f.Category, f.Region, f.Level = d.Sold, d.ProductID, d.Category, d.Region, d.Level
}

// salesDrillParams are the order list's parameter for each sales
// dimension (the period and customer, rep, team, dealer ids, and the
// product, category, region and level the report groups by).
var salesDrillParams = map[string]string{crm.ByCustomer: "customer_id", crm.ByRep: "user_id", crm.ByTeam: "team_id",
	"dealer": "dealer_id", "product": "product_id", "category": "category", "region": "region", "level": "level"}

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
	if t.Report == crm.ReportReceivables && t.By == crm.ByCustomer && row.Key != "total" && row.Key != "" {
		return "/customers/" + row.Key
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
