package web

import (
	"net/url"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// workloadDrill is the list behind a workload figure other than orders and
// amounts (those open the order list, see reportDrill), of the row's rep
// (owner, assignee, author, order owner) or team (theirs) and period:
// follow-ups (by method) made, messages sent, new leads and customers by
// creation day, tasks done by completion day, tasks overdue as of today,
// payments received by payment day, instalments planned by due day. ""
// for an unowned row or one without a team: no filter says "none".
func workloadDrill(t *crm.ReportTable, row crm.ReportRow, col string) string {
	path, q := workloadList(t, col)
	if path == "" {
		return ""
	}
	from, to := t.From, t.To
	if row.Key != "total" || row.Label != "" {
		switch {
		case t.By == crm.ByPeriod && col != "tasks_overdue":
			from, to = bucketWithin(t, row.Key)
		case t.By == crm.ByRep && row.Key != "":
			q.Set("owner", row.Key)
		case t.By == crm.ByTeam && row.Key != "":
			q.Set("team_id", row.Key)
		default:
			return ""
		}
	}
	switch col {
	case "tasks_overdue": // a state of today, not of the period
	case "planned": // instalments are due on days, not at instants
		q.Set("due_from", from.String())
		q.Set("due_to", to.String())
	default:
		q.Set("from", from.String())
		q.Set("to", to.String())
	}
	return path + "?" + q.Encode()
}

// workloadList is the list page behind a workload column and what it
// filters on besides the row and period; "" for none.
func workloadList(t *crm.ReportTable, col string) (string, url.Values) {
	q := url.Values{}
	if m, ok := strings.CutPrefix(col, "followups_"); ok {
		q.Set("method", m)
		return "/follow-ups", q
	}
	switch col {
	case "followups":
		return "/follow-ups", q
	case "messages_sent":
		return "/messages", q
	case "planned":
		return "/instalments", q
	case "new_leads":
		return "/leads", q
	case "new_customers":
		q.Set("kind", crm.KindCustomer)
		return "/customers", q
	case "tasks_done":
		q.Set("status", crm.TaskDone)
		q.Set("completed", "true")
		return "/tasks", q
	case "tasks_overdue":
		q.Set("status", crm.TaskOpen)
		q.Set("due_before", t.Today.String())
		return "/tasks", q
	case "received":
		return "/payments", q // on orders the rep owns
	}
	return "", nil
}

// customerFilter applies the drill to a customer list: created on From…To.
func (d drill) customerFilter(f *crm.CustomerFilter, offset int) {
	f.CreatedFrom, f.CreatedTo = d.localDays(offset)
	f.TeamID = d.TeamID
}

// taskFilter applies the drill to a task list: done on From…To, or due
// before the start of DueBefore.
func (d drill) taskFilter(f *crm.TaskFilter, offset int) {
	if d.Completed {
		f.CompletedFrom, f.CompletedTo = d.localDays(offset)
	}
	if d.DueBefore != nil {
		f.DueBefore, _ = drill{From: d.DueBefore}.localDays(offset)
	}
	f.TeamID = d.TeamID
}
