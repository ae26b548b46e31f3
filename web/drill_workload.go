package web

import (
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// workloadDrill is the list behind a workload figure other than orders and
// amounts (those open the order list, see reportDrill): new leads and
// customers by creation day, tasks done by completion day, tasks overdue
// as of today, payments received by payment day, each of the row's rep
// (owner, assignee, order owner). "" where no list filters that way: team
// rows (no list filters by the owner's team), unowned rows, follow-ups (no
// follow-up list by period), messages sent (the inbox lists
// conversations, not one rep's messages) and money planned (no list of
// instalments by due day).
func workloadDrill(t *crm.ReportTable, row crm.ReportRow, col string) string {
	q := url.Values{}
	path := "/tasks"
	switch col {
	case "new_leads":
		path = "/leads"
	case "new_customers":
		path = "/customers"
		q.Set("kind", crm.KindCustomer)
	case "tasks_done":
		q.Set("status", crm.TaskDone)
		q.Set("completed", "true")
	case "tasks_overdue":
		q.Set("status", crm.TaskOpen)
		q.Set("due_before", t.Today.String())
	case "received":
		path = "/payments" // on orders the rep owns
	default:
		return ""
	}
	from, to := t.From, t.To
	if row.Key != "total" || row.Label != "" {
		switch {
		case t.By == crm.ByPeriod && col != "tasks_overdue":
			from, to = bucketWithin(t, row.Key)
		case t.By == crm.ByRep && row.Key != "":
			q.Set("owner", row.Key)
		default:
			return ""
		}
	}
	if col != "tasks_overdue" { // a state of today, not of the period
		q.Set("from", from.String())
		q.Set("to", to.String())
	}
	return path + "?" + q.Encode()
}

// customerFilter applies the drill to a customer list: created on From…To.
func (d drill) customerFilter(f *crm.CustomerFilter, offset int) {
	f.CreatedFrom, f.CreatedTo = d.localDays(offset)
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
}
