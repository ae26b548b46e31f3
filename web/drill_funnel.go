package web

import (
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// funnelDrill is the lead list behind a funnel figure: the leads created in
// the row's period from the row's source, only the converted ones for the
// conversion figures; first orders have no list of their own ("").
func funnelDrill(t *crm.ReportTable, row crm.ReportRow, col string) string {
	q := url.Values{}
	switch col {
	case "leads":
	case "converted", "conversion_rate", "days_to_convert":
		q.Set("converted", "true")
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
			q.Set(t.By, row.Key)
		default:
			return ""
		}
	}
	q.Set("from", from.String())
	q.Set("to", to.String())
	return "/leads?" + q.Encode()
}
