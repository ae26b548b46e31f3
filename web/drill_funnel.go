package web

import (
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// funnelDrill is the list behind a funnel figure: the leads created in the
// row's period from the row's source, only the converted ones for the
// conversion figures; for the first orders and their amount, the order
// list of those leads' customers' first sales (lead_… parameters).
func funnelDrill(t *crm.ReportTable, row crm.ReportRow, col string) string {
	q := url.Values{}
	path, leads := "/leads", ""
	switch col {
	case "leads":
	case "converted", "conversion_rate", "days_to_convert":
		q.Set("converted", "true")
	case "first_orders", "first_order_amount":
		path, leads = "/orders", "lead_"
		q.Set("first", "true")
	default:
		return ""
	}
	from, to := t.From, t.To
	if row.Key != "total" || row.Label != "" {
		switch t.By {
		case crm.ByPeriod:
			from, to = bucketWithin(t, row.Key)
		case crm.ByChannel, "form", "utm_campaign", "qr_scene":
			if row.Key == "" {
				return "" // no form, campaign or scene: no filter says "none"
			}
			q.Set(leads+t.By, row.Key)
		default:
			return ""
		}
	}
	q.Set(leads+"from", from.String())
	q.Set(leads+"to", to.String())
	return path + "?" + q.Encode()
}
