package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// receivablesDrill is the list behind a receivables figure: the
// instalments due in the row's period (of the rep's orders, of the
// customer) — all of them for planned and their count, those not paid in
// full for outstanding, and due before today for overdue —, the payments
// of the period for received; by aging, the overdue instalments
// due in the bucket's days.
func receivablesDrill(t *crm.ReportTable, row crm.ReportRow, col string) string {
	if t.By == "aging" {
		return agingDrill(t, row)
	}
	q := url.Values{}
	path := "/instalments"
	switch col {
	case "planned", "instalments":
	case "outstanding":
		q.Set("open", "true")
	case "overdue":
		q.Set("overdue_before", t.Today.String())
	case "received":
		path = "/payments"
	default:
		return ""
	}
	from, to := t.From, t.To
	if row.Key != "total" || row.Label != "" {
		switch {
		case t.By == crm.ByPeriod:
			from, to = bucketWithin(t, row.Key)
		case row.Key == "":
			return ""
		case t.By == crm.ByRep:
			q.Set("owner", row.Key)
		case t.By == crm.ByCustomer:
			q.Set("customer_id", row.Key)
		default:
			return ""
		}
	}
	prefix := "due_"
	if path == "/payments" {
		prefix = ""
	}
	q.Set(prefix+"from", from.String())
	q.Set(prefix+"to", to.String())
	return path + "?" + q.Encode()
}

// agingDrill is the instalments behind an aging bucket ("31-60": 31 to 60
// days past due as of the report's today; "90+": more than 90), or all
// overdue ones for the total.
func agingDrill(t *crm.ReportTable, row crm.ReportRow) string {
	q := url.Values{"overdue_before": {t.Today.String()}}
	back := func(days int) string { return crm.DateOf(t.Today.Time().AddDate(0, 0, -days)).String() }
	if row.Key != "total" {
		lo, hi, _ := strings.Cut(strings.TrimSuffix(row.Key, "+"), "-")
		least, err := strconv.Atoi(lo)
		if err != nil {
			return ""
		}
		if strings.HasSuffix(row.Key, "+") {
			least++ // "90+" is more than 90
		}
		q.Set("due_to", back(max(least, 1)))
		if most, err := strconv.Atoi(hi); err == nil {
			q.Set("due_from", back(most))
		}
	}
	return "/instalments?" + q.Encode()
}
