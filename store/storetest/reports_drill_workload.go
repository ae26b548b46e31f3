package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// testWorkloadDrillLists: every workload figure of a rep's or a team's row
// and the total equals the count (or sum) of the list behind it, for each
// viewer; and the figures are the ones worked out by hand.
func testWorkloadDrillLists(t *testing.T, r *reportWorld) {
	seedWorkloadDrills(t, r)
	ds, ok := r.s.(crm.DrillStore)
	if !ok {
		t.Fatal("the store does not implement crm.DrillStore")
	}
	from, to := march()
	mar1, mar31 := day(3, 1), day(3, 31)
	for _, u := range []*crm.User{r.admin, r.mgrA, r.repA1, r.repB} {
		for _, by := range []string{crm.ByRep, crm.ByTeam} {
			tab := r.run(t, u, crm.ReportQuery{Report: crm.ReportWorkload, By: by, Offset: 480})
			col := columnsOf(tab)
			for _, row := range append(tab.Rows, tab.Total) {
				if row.Key == "" {
					continue // no owner or no team: no filter says "none"
				}
				who := fmt.Sprintf("%s by %s, row %s", u.Email, by, row.Key)
				var user, team *int64
				if row.Key != "total" {
					if by == crm.ByRep {
						user = ptr(parseKey(t, row.Key))
					} else {
						team = ptr(parseKey(t, row.Key))
					}
				}
				v := u.Viewer()
				for _, m := range append([]string{""}, crm.FollowUpMethods...) {
					n, err := ds.CountFollowUps(ctx, crm.FollowUpFilter{Viewer: v, From: &from, To: &to, UserID: user,
						TeamID: team, Method: m})
					must(t, err)
					key := "followups"
					if m != "" {
						key += "_" + m
					}
					same(t, who+" "+key, float64(n), *row.Values[col[key]])
				}
				n, err := ds.CountSentMessages(ctx, crm.SentFilter{Viewer: v, From: &from, To: &to, AuthorID: user, TeamID: team})
				must(t, err)
				same(t, who+" messages_sent", float64(n), *row.Values[col["messages_sent"]])
				sum, err := ds.SumInstalments(ctx, crm.InstalmentFilter{Viewer: v, DueFrom: &mar1, DueTo: &mar31,
					OwnerID: user, TeamID: team})
				must(t, err)
				same(t, who+" planned", float64(sum.Planned), *row.Values[col["planned"]])
				r.checkTeamLists(t, u, row, col, user, team, from, to)
			}
		}
	}
	tab := r.run(t, r.mgrA, crm.ReportQuery{Report: crm.ReportWorkload, By: crm.ByTeam, Offset: 480})
	col := columnsOf(tab)
	same(t, "team A's follow-ups", *tab.Rows[0].Values[col["followups"]], 3.0)
	same(t, "team A's messages", *tab.Rows[0].Values[col["messages_sent"]], 2.0)
	same(t, "team A's planned", *tab.Rows[0].Values[col["planned"]], 460.0)
}

// checkTeamLists: the lead, customer, task and payment lists filtered by
// the row's rep or team hold as many records as its figures.
func (r *reportWorld) checkTeamLists(t *testing.T, u *crm.User, row crm.ReportRow, col map[string]int, user, team *int64, from, to time.Time) {
	lc := r.s.(crm.ListCounter)
	v := u.Viewer()
	n, err := lc.CountLeads(ctx, crm.LeadFilter{Viewer: v, OwnerID: user, TeamID: team, CreatedFrom: &from, CreatedTo: &to})
	must(t, err)
	same(t, u.Email+" "+row.Key+" new_leads", float64(n), *row.Values[col["new_leads"]])
	n, err = lc.CountCustomers(ctx, crm.CustomerFilter{Viewer: v, Kind: crm.KindCustomer, OwnerID: user, TeamID: team,
		CreatedFrom: &from, CreatedTo: &to})
	must(t, err)
	same(t, u.Email+" "+row.Key+" new_customers", float64(n), *row.Values[col["new_customers"]])
	n, err = lc.CountTasks(ctx, crm.TaskFilter{Viewer: v, Status: crm.TaskDone, AssigneeID: user, TeamID: team,
		CompletedFrom: &from, CompletedTo: &to})
	must(t, err)
	same(t, u.Email+" "+row.Key+" tasks_done", float64(n), *row.Values[col["tasks_done"]])
	l, err := r.s.ListPayments(ctx, crm.PaymentFilter{Viewer: v, OwnerID: user, TeamID: team, PaidFrom: &from, PaidTo: &to,
		Page: crm.Page{Limit: 500}})
	must(t, err)
	var paid crm.Money
	for _, p := range l.Items {
		paid += p.Amount
	}
	same(t, u.Email+" "+row.Key+" received", float64(paid), *row.Values[col["received"]])
}

func columnsOf(tab *crm.ReportTable) map[string]int {
	col := map[string]int{}
	for i, c := range tab.Columns {
		col[c.Key] = i
	}
	return col
}

func parseKey(t *testing.T, key string) int64 {
	var n int64
	if _, err := fmt.Sscan(key, &n); err != nil {
		t.Fatalf("row key %q: %v", key, err)
	}
	return n
}
