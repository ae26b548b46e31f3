package web

import (
	"net/url"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// readInboxDrill reads a service report drill from the inbox's query: days
// are the server's calendar days (the report counts in them).
func readInboxDrill(q *query) crm.InboxDrill {
	start := func(d *crm.Date, days int) *time.Time {
		if d == nil {
			return nil
		}
		t := time.Date(d.Year, time.Month(d.Month), d.Day+days, 0, 0, 0, 0, time.Local)
		return &t
	}
	return crm.InboxDrill{From: start(q.date("from"), 0), To: start(q.date("to"), 1), On: q.str("on"),
		AssigneeID: q.id("user_id"), AssigneeTeamID: q.id("assignee_team"), Waiting: q.boolean("waiting"),
		WaitingBefore: start(q.date("waiting_before"), 0), Answered: q.boolean("answered"), Resolved: q.boolean("resolved")}
}

// inboxDrillParams are the query parameters of a service drill, kept by
// the inbox's filter and next-page links.
var inboxDrillParams = []param{
	{"from", "string", "service drill: in the window from this day (YYYY-MM-DD, server time)"},
	{"to", "string", "service drill: in the window to this day, inclusive"},
	{"on", "string", "service drill: what happened in the window: created (default), answer or handoff (by the bot), surveyed (satisfaction answered)"},
	{"user_id", "integer", "service drill: assigned to this user"},
	{"assignee_team", "integer", "service drill: assigned to a member of this team"},
	{"waiting", "boolean", "service drill: not resolved, the customer wrote last"},
	{"waiting_before", "string", "service drill: waiting since before this day (overdue)"},
	{"answered", "boolean", "service drill: a person has replied"},
	{"resolved", "boolean", "service drill: resolved"},
}

// keepDrill copies the drill parameters of the request into v.
func keepDrill(raw url.Values, v url.Values) {
	for _, p := range inboxDrillParams {
		if s := raw.Get(p.Name); s != "" {
			v.Set(p.Name, s)
		}
	}
}

// serviceDrill is the inbox list behind a service figure: the conversations
// of the row (day, channel, rep or team) that the figure counts, in the
// report's period; "" where no filter says the row (no assignee).
func serviceDrill(t *crm.ReportTable, row crm.ReportRow, col string) string {
	q := url.Values{"status": {"any"}}
	switch col {
	case "conversations":
	case "first_response_p50", "first_response_p90":
		q.Set("answered", "true")
	case "resolution_p50", "resolution_p90":
		q.Set("resolved", "true")
	case "unanswered":
		q.Set("waiting", "true")
	case "overdue":
		q.Set("waiting_before", t.Today.String())
	case "bot_answers":
		q.Set("on", crm.DrillAnswer)
	case "handoffs":
		q.Set("on", crm.DrillHandoff)
	case "satisfaction":
		q.Set("on", crm.DrillSurveyed)
	default:
		return ""
	}
	from, to := t.From, t.To
	if row.Key != "total" || row.Label != "" {
		param := map[string]string{crm.ByChannel: "channel", crm.ByRep: "user_id", crm.ByTeam: "assignee_team"}[t.By]
		switch {
		case t.By == crm.ByPeriod:
			from, to = bucketWithin(t, row.Key)
		case param == "" || row.Key == "":
			return ""
		default:
			q.Set(param, row.Key)
		}
	}
	q.Set("from", from.String())
	q.Set("to", to.String())
	return "/inbox?" + q.Encode()
}
