package crm

// Report names.
const (
	ReportSales       = "sales"
	ReportReceivables = "receivables"
	ReportWorkload    = "workload"
	ReportFunnel      = "funnel"
	ReportService     = "service"
)

// Report dimensions shared by several reports.
const (
	ByPeriod   = "period"
	ByRep      = "rep"
	ByTeam     = "team"
	ByCustomer = "customer"
	ByChannel  = "channel"
)

// FollowUpMethods are the methods the workload report counts apart.
var FollowUpMethods = []string{FollowCall, FollowVisit, FollowWeChat, FollowEmail, FollowMeeting, FollowSMS, FollowOther}

// Reports are the reports Rapport answers and what each accepts. The
// measures are the table's columns; a report may leave out those that make
// no sense for a dimension (aging has no "received").
var Reports = map[string]ReportSpec{
	ReportSales: {
		Dimensions: []string{ByPeriod, ByCustomer, "product", "category", ByTeam, ByRep, "region", "level", "dealer"},
		Measures:   []string{"amount", "orders", "avg_order", "margin", "margin_pct"},
	},
	ReportReceivables: {
		Dimensions: []string{ByPeriod, "aging", ByCustomer, ByRep},
		Measures:   []string{"planned", "received", "outstanding", "overdue", "instalments"},
	},
	ReportWorkload: {
		Dimensions: []string{ByRep, ByTeam, ByPeriod},
		Measures: append(append([]string{"followups"}, prefixed("followups_", FollowUpMethods)...),
			"messages_sent", "tasks_done", "tasks_overdue", "new_leads", "new_customers", "orders", "amount",
			"received", "planned"),
	},
	ReportFunnel: {
		Dimensions: []string{ByChannel, "form", "utm_campaign", "qr_scene", ByPeriod},
		Measures:   []string{"leads", "converted", "conversion_rate", "first_orders", "first_order_amount", "days_to_convert"},
		Channel:    true,
	},
	ReportService: {
		Dimensions: []string{ByPeriod, ByChannel, ByRep, ByTeam},
		Measures: []string{"conversations", "first_response_p50", "first_response_p90", "resolution_p50",
			"resolution_p90", "unanswered", "overdue", "bot_answers", "handoffs", "satisfaction"},
		Channel: true,
	},
}

func prefixed(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}
