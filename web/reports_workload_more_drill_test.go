package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestWorkloadFollowUpsMessagesPlannedDrill: the workload's follow-ups (all
// and by method), messages sent, money planned, new leads and new
// customers link, for each rep's and team's row and the total, to a list
// holding as many rows as the figure (planned: the instalments summing to
// it), for the manager of team A, a rep and the admin; last month's
// records are in neither.
func TestWorkloadFollowUpsMessagesPlannedDrill(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	w := seedWorkloadMore(t, p)
	p.clock.Add(49 * 24 * time.Hour) // April 20
	w.month(t)
	w.rowsOpen(t)
	w.apiMatches(t)
	for who, want := range map[string][3]float64{"manager": {4, 3, 50000}, "rep1": {3, 2, 50000}, "admin": {5, 4, 57000}} {
		for _, by := range []string{"rep", "team"} {
			d := p.drilled(who, "workload?by="+by+"&period=this_month")
			checkWorkloadDrills(t, d, map[string]string{"rep": "owner", "team": "team_id"}[by])
			for i, col := range []string{"followups", "messages_sent", "planned"} {
				if v, _ := d.figure("total", col); v != want[i] {
					t.Errorf("%s by %s: total %s is %v, want %v", who, by, col, v, want[i])
				}
			}
		}
	}
}

// rowsOpen: a sent message opens its conversation, a follow-up its page,
// an instalment its order.
func (w *workloadMore) rowsOpen(t *testing.T) {
	list := w.p.mustPage("rep1", "/messages?owner=mine")
	contains(t, "rep1's messages", list, fmt.Sprintf(`href="/inbox/%d"`, w.conv), "已发 rep1")
	if strings.Contains(list, "已发 rep3") {
		t.Error("rep1's messages hold rep3's")
	}
	list = w.p.mustPage("rep1", "/follow-ups")
	at := strings.Index(list, `<a href="/follow-ups/`)
	if at < 0 {
		t.Fatalf("the follow-up list links no follow-up:\n%s", list)
	}
	link := list[at+len(`<a href="`):]
	w.p.mustPage("rep1", link[:strings.Index(link, `"`)])
	contains(t, "rep1's instalments", w.p.mustPage("rep1", "/instalments"), `href="/orders/`)
}

// apiMatches: the API's follow-ups, sent messages and instalment totals,
// filtered by team A, method, and the month, are the manager's figures.
func (w *workloadMore) apiMatches(t *testing.T) {
	d := w.p.drilled("manager", "workload?by=team&period=this_month")
	team := fmt.Sprint(w.p.teamA)
	month := url.Values{"team_id": {team}, "since": {"2026-04-01T00:00:00Z"}, "until": {"2026-05-01T00:00:00Z"}}
	var fs struct{ Items []record }
	w.p.call("manager", "GET", "/api/v1/follow-ups?"+with(month, "method", "call").Encode(), nil, 200, &fs)
	var sent struct{ Items []record }
	w.p.call("manager", "GET", "/api/v1/sent-messages?"+month.Encode(), nil, 200, &sent)
	var sum crm.InstalmentTotals
	w.p.call("manager", "GET", "/api/v1/instalments/totals?team_id="+team+"&due_from=2026-04-01&due_to=2026-04-30", nil, 200, &sum)
	for _, c := range []struct {
		col string
		got float64
	}{{"followups_call", float64(len(fs.Items))}, {"messages_sent", float64(len(sent.Items))}, {"planned", float64(sum.Planned)}} {
		if v, _ := d.figure(team, c.col); v != c.got || v == 0 {
			t.Errorf("team A's %s: the figure is %v, the API says %v", c.col, v, c.got)
		}
	}
}

// checkWorkloadDrills follows the links of every keyed row and the total.
func checkWorkloadDrills(t *testing.T, d *drilled, rowParam string) {
	for _, r := range append(d.tab.Rows, d.tab.Total) {
		if r.Key == "" {
			continue
		}
		period := url.Values{"from": {d.tab.From.String()}, "to": {d.tab.To.String()}}
		due := url.Values{"due_from": {d.tab.From.String()}, "due_to": {d.tab.To.String()}}
		if r.Key != "total" {
			period, due = with(period, rowParam, r.Key), with(due, rowParam, r.Key)
		}
		for _, c := range []struct {
			col, path string
			q         url.Values
		}{
			{"followups", "/follow-ups", period}, {"followups_call", "/follow-ups", with(period, "method", "call")},
			{"followups_visit", "/follow-ups", with(period, "method", "visit")}, {"messages_sent", "/messages", period},
			{"new_leads", "/leads", period}, {"new_customers", "/customers", with(period, "kind", "customer")},
			{"planned", "/instalments", due},
		} {
			v, rows, list := d.follow(t, r.Key, c.col, c.path, c.q)
			what := fmt.Sprintf("%s: %s of %s", d.who, c.col, r.Key)
			if c.col == "planned" {
				contains(t, what, list, fmt.Sprintf("%.2f", v/100))
				continue
			}
			if float64(rows) != v {
				t.Errorf("%s: the figure is %v, the list holds %d rows", what, v, rows)
			}
		}
	}
}
