package web_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestWorkloadDrillsIntoLists: the workload report's new leads, new
// customers, tasks done and tasks overdue link, for a rep's row and the
// total, to the list behind them, and each list holds as many rows as the
// figure counts, under the viewer's visibility (the manager of team A does
// not see rep3's records, nor counts them), and none from last month or
// still to fall due.
func TestWorkloadDrillsIntoLists(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	rep1 := p.id("rep1")
	// Last month's records, which this month's figures and lists leave out.
	var before record
	p.call("rep1", "POST", "/api/v1/leads", record{"name": "上月线索"}, 201, nil)
	p.call("rep1", "POST", "/api/v1/customers", record{"name": "上月客户"}, 201, nil)
	p.call("rep1", "POST", "/api/v1/tasks", record{"title": "上月完成", "assignee_id": rep1}, 201, &before)
	p.call("rep1", "PATCH", fmt.Sprintf("/api/v1/tasks/%d", before.id()), record{"status": "done"}, 200, nil)
	p.clock.Add(32 * 24 * time.Hour)
	// open, due later: not overdue
	p.call("rep1", "POST", "/api/v1/tasks", record{"title": "未到期", "assignee_id": rep1,
		"due_at": p.clock.Now().Add(48 * time.Hour).Format(time.RFC3339)}, 201, nil)
	for _, who := range []string{"rep1", "rep1", "rep3"} {
		p.call(who, "POST", "/api/v1/leads", record{"name": "工作量线索 " + who}, 201, nil)
		p.call(who, "POST", "/api/v1/customers", record{"name": "工作量客户 " + who}, 201, nil)
	}
	var done, old record
	p.call("rep1", "POST", "/api/v1/tasks", record{"title": "已完成", "assignee_id": rep1}, 201, &done)
	p.call("rep1", "PATCH", fmt.Sprintf("/api/v1/tasks/%d", done.id()), record{"status": "done"}, 200, nil)
	p.call("rep1", "POST", "/api/v1/tasks", record{"title": "过期", "assignee_id": rep1,
		"due_at": "2026-01-05T02:00:00Z"}, 201, &old)
	p.call("rep3", "POST", "/api/v1/tasks", record{"title": "别组过期", "assignee_id": p.id("rep3"),
		"due_at": "2026-01-05T02:00:00Z"}, 201, nil)

	var tab crm.ReportTable
	p.call("manager", "GET", "/api/v1/reports/workload?by=rep&period=this_month", nil, 200, &tab)
	page := p.mustPage("manager", "/reports/workload?by=rep&period=this_month")
	col := map[string]int{}
	for i, c := range tab.Columns {
		col[c.Key] = i
	}
	var mine crm.ReportRow
	for _, r := range tab.Rows {
		if r.Key == strconv.FormatInt(rep1, 10) {
			mine = r
		}
	}
	period := url.Values{"from": {tab.From.String()}, "to": {tab.To.String()}}
	for _, c := range []struct {
		col, path string
		q         url.Values
	}{
		{"new_leads", "/leads", period},
		{"new_customers", "/customers", with(period, "kind", "customer")},
		{"tasks_done", "/tasks", with(with(period, "status", "done"), "completed", "true")},
		{"tasks_overdue", "/tasks", url.Values{"status": {"open"}, "due_before": {tab.Today.String()}}},
	} {
		for _, r := range []struct {
			name string
			row  crm.ReportRow
			q    url.Values
		}{{"rep1", mine, with(c.q, "owner", strconv.FormatInt(rep1, 10))}, {"total", tab.Total, c.q}} {
			v := r.row.Values[col[c.col]]
			if v == nil || *v < 1 {
				t.Fatalf("%s of %s: %v, want at least 1", c.col, r.name, v)
			}
			link := c.path + "?" + r.q.Encode()
			contains(t, "workload "+c.col+" of "+r.name, page, strings.ReplaceAll(link, "&", "&amp;"))
			list := p.mustPage("manager", link)
			if n := strings.Count(list, `<input type="checkbox" name="id" value=`); n != int(*v) {
				t.Errorf("%s of %s: the list holds %d rows, the figure is %v", c.col, r.name, n, *v)
			}
			for _, s := range []string{"rep3", "别组过期", "上月", "未到期"} {
				if strings.Contains(list, s) {
					t.Errorf("%s of %s: the list holds %s", c.col, r.name, s)
				}
			}
		}
	}
}

// with is a copy of v with name set to value.
func with(v url.Values, name, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	out.Set(name, value)
	return out
}

// TestWorkloadReceivedDrillsIntoPayments: money received links to the
// payment list of the period (and of the rep's orders), which holds the
// payments the figure sums and not last month's nor team B's.
func TestWorkloadReceivedDrillsIntoPayments(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	rep1 := p.id("rep1")
	pay := func(who string, amount int) {
		var c, o record
		number := fmt.Sprintf("SO-%s-%d", who, amount)
		p.call(who, "POST", "/api/v1/customers", record{"name": "回款客户 " + who}, 201, &c)
		p.call(who, "POST", "/api/v1/orders", record{"number": number, "customer_id": c.id(), "amount": 900000, "status": "active"}, 201, &o)
		p.call(who, "POST", "/api/v1/payments", record{"order_id": o.id(), "amount": amount, "method": "bank"}, 201, nil)
	}
	pay("rep1", 123400) // last month
	p.clock.Add(32 * 24 * time.Hour)
	pay("rep1", 50000)
	pay("rep1", 25000)
	pay("rep3", 7000)

	var tab crm.ReportTable
	p.call("manager", "GET", "/api/v1/reports/workload?by=rep&period=this_month", nil, 200, &tab)
	page := p.mustPage("manager", "/reports/workload?by=rep&period=this_month")
	at := -1
	for i, c := range tab.Columns {
		if c.Key == "received" {
			at = i
		}
	}
	period := url.Values{"from": {tab.From.String()}, "to": {tab.To.String()}}
	rows := map[string]crm.ReportRow{"total": tab.Total}
	for _, r := range tab.Rows {
		if r.Key == strconv.FormatInt(rep1, 10) {
			rows["rep1"] = r
		}
	}
	for name, q := range map[string]url.Values{"rep1": with(period, "owner", strconv.FormatInt(rep1, 10)), "total": period} {
		v := rows[name].Values[at]
		if v == nil || *v != 75000 {
			t.Fatalf("received of %s: %v, want the two payments of this month, 75000", name, v)
		}
		link := "/payments?" + q.Encode()
		contains(t, "workload received of "+name, page, strings.ReplaceAll(link, "&", "&amp;"))
		list := p.mustPage("manager", link)
		if n := strings.Count(list, `<input type="checkbox" name="id" value=`); n != 2 {
			t.Errorf("received of %s: the list holds %d payments, want 2", name, n)
		}
		for _, s := range []string{"500.00", "250.00"} {
			contains(t, "received of "+name, list, s)
		}
		for _, s := range []string{"1,234.00", "70.00"} {
			if strings.Contains(list, s) {
				t.Errorf("received of %s: the list holds the payment of %s", name, s)
			}
		}
	}
}
