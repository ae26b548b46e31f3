package web_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// seedSales: rep1 (team A) sells 250 + 310, rep3 (team B) 100, this month
// (the test clock's March 2026).
func seedSales(t *testing.T, p *pager) (custA int64) {
	t.Helper()
	var a, b record
	p.call("rep1", "POST", "/api/v1/customers", record{"name": "甲公司"}, 201, &a)
	p.call("rep3", "POST", "/api/v1/customers", record{"name": "乙公司"}, 201, &b)
	for i, o := range []struct {
		who    string
		cust   int64
		amount int
		day    string
	}{{"rep1", a.id(), 25000, "2026-03-02"}, {"rep1", a.id(), 31000, "2026-03-03"}, {"rep3", b.id(), 10000, "2026-03-04"}} {
		p.call(o.who, "POST", "/api/v1/orders", record{"number": fmt.Sprint("S-", i), "customer_id": o.cust,
			"amount": o.amount, "status": "active", "order_date": o.day}, 201, nil)
	}
	return a.id()
}

type reportJSON struct {
	Rows []struct {
		Key    string     `json:"key"`
		Label  string     `json:"label"`
		Values []*float64 `json:"values"`
	} `json:"rows"`
	Total struct {
		Values []*float64 `json:"values"`
	} `json:"total"`
}

// TestReportsRolesAndErrors: each role sees the figures of what it may see,
// and a query the report cannot answer is refused naming the field.
func TestReportsRolesAndErrors(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	seedSales(t, p)
	for who, want := range map[string]float64{"admin": 66000, "manager": 56000, "rep1": 56000, "rep2": 0, "rep3": 10000} {
		var rep reportJSON
		p.call(who, "GET", "/api/v1/reports/sales?by=rep&period=this_month", nil, 200, &rep)
		if got := *rep.Total.Values[0]; got != want {
			t.Errorf("%s sees sales %v, want %v", who, got, want)
		}
	}
	for _, c := range []struct {
		who, path, code, field string
		status                 int
	}{
		{"admin", "/api/v1/reports/sales?by=colour", "invalid", "by", 400},
		{"admin", "/api/v1/reports/sales?measures=amount,profit", "invalid", "measures", 400},
		{"admin", "/api/v1/reports/sales?grain=day&from=2026-01-01&to=2026-12-31", "invalid", "to", 400},
		{"admin", "/api/v1/reports/sales?period=someday", "invalid", "period", 400},
		{"admin", "/api/v1/reports/profit", "invalid", "report", 400},
		{"rep1", "/api/v1/reports/sales?team_id=1", "forbidden", "team_id", 403},
		{"manager", fmt.Sprintf("/api/v1/reports/sales?user_id=%d", p.id("rep3")), "forbidden", "user_id", 403},
		{"rep1", "/api/v1/audit", "forbidden", "", 403},
	} {
		ae := p.fail(c.who, "GET", c.path, nil, c.status, c.code)
		if c.field != "" && ae.Fields[c.field] == "" {
			t.Errorf("%s: %+v does not name %s", c.path, ae, c.field)
		}
	}
	var only reportJSON
	p.call("admin", "GET", "/api/v1/reports/sales?by=rep&measures=orders", nil, 200, &only)
	if len(only.Total.Values) != 1 || *only.Total.Values[0] != 3 {
		t.Errorf("measures=orders: %+v", only.Total)
	}
}

// TestReportExportsReadBack: the CSV and XLSX of a report hold its table.
func TestReportExportsReadBack(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	seedSales(t, p)
	res, body := p.send(p.request("manager", "GET", "/api/v1/reports/sales/export?by=rep&format=csv&lang=zh-CN", nil))
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", res.StatusCode, body)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[1][1] != "560" || recs[2][1] != "560" {
		t.Errorf("csv rows %q, want rep1's 560 and the total", recs)
	}
	res, body = p.send(p.request("admin", "GET", "/api/v1/reports/sales/export?by=rep&format=xlsx", nil))
	if res.StatusCode != 200 {
		t.Fatalf("xlsx: %d", res.StatusCode)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][1] != "Amount" || rows[1][1] != "560" || rows[3][1] != "660" {
		t.Errorf("xlsx rows %q", rows)
	}
}

// TestReportPagesDrill: the report page and the dashboard link each figure
// to the order list behind it, and that list holds the orders counted.
func TestReportPagesDrill(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	custA := seedSales(t, p)
	page := p.mustPage("manager", "/reports/sales?by=customer")
	link := fmt.Sprintf("/orders?customer_id=%d&amp;from=2026-03-01&amp;sold=true&amp;to=2026-03-31", custA)
	contains(t, "report page", page, "<svg class=\"chart\"", link, "560.00", "export-xlsx")
	if strings.Contains(page, "乙公司") {
		t.Error("the manager of team A sees team B's customer")
	}
	list := p.mustPage("manager", strings.ReplaceAll(link, "&amp;", "&"))
	contains(t, "drilled list", list, "S-0", "S-1")
	dash := p.mustPage("manager", "/dashboard")
	contains(t, "dashboard", dash, "id=\"dash-chart\"", "560.00")
	contains(t, "rep's dashboard", p.mustPage("rep3", "/dashboard"), "100.00")
	for _, name := range []string{"receivables", "workload", "funnel", "service"} {
		p.mustPage("admin", "/reports/"+name)
	}
	p.mustPage("manager", "/reports/audit")
}
