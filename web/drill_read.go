package web

import (
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
	// orders, as the funnel counts its first orders: First, the first
	// sales of the customers converted from the leads created on
	// LeadFrom…LeadTo from Lead's channel, form, campaign or scene
	First            bool
	LeadFrom, LeadTo *crm.Date
	Lead             crm.LeadOrigin
	// instalments, as the receivables count them: due on DueFrom…DueTo;
	// Open, not paid in full; OverdueBefore, and due before that day
	DueFrom, DueTo, OverdueBefore *crm.Date
	Open                          bool
}

func readDrill(q *query) drill {
	return drill{CustomerID: q.id("customer_id"), DealerID: q.id("dealer_id"), TeamID: q.id("team_id"),
		UserID: q.id("user_id"), From: q.date("from"), To: q.date("to"), Sold: q.boolean("sold"),
		ProductID: q.id("product_id"), Category: q.str("category"), Region: q.str("region"), Level: q.str("level"),
		Channel: q.str("channel"), Form: q.str("form"), UTMCampaign: q.str("utm_campaign"), QRScene: q.str("qr_scene"),
		Converted: q.boolean("converted"), Completed: q.boolean("completed"), DueBefore: q.date("due_before"),
		First: q.boolean("first"), LeadFrom: q.date("lead_from"), LeadTo: q.date("lead_to"),
		Lead: crm.LeadOrigin{Channel: q.str("lead_channel"), Form: q.str("lead_form"),
			UTMCampaign: q.str("lead_utm_campaign"), QRScene: q.str("lead_qr_scene")},
		DueFrom: q.date("due_from"), DueTo: q.date("due_to"),
		OverdueBefore: q.date("overdue_before"), Open: q.boolean("open")}
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
