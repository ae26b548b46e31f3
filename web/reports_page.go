package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// reportNames are the reports in the order of their navigation.
var reportNames = []string{crm.ReportSales, crm.ReportReceivables, crm.ReportWorkload, crm.ReportFunnel, crm.ReportService}

// reportPage is one report: its filters, chart and table.
type reportPage struct {
	pageData
	Heading   string
	Nav       []navLink
	Report    string
	Form      []reportSelect
	From, To  string
	Table     *crm.ReportTable
	Chart     template.HTML
	Headers   []string
	Rows      []reportRowView
	NoData    []string
	CSV, XLSX string
	Compare   bool
}

type reportSelect struct {
	Name, Label string
	Options     []selectOption
}

type reportRowView struct {
	Label string
	Total bool
	Cells []reportCell
}

type reportCell struct{ Text, URL, Prev string }

func (s *Server) reportNav(d pageData, current string) []navLink {
	nav := []navLink{{Label: d.T("nav.dashboard"), URL: "/dashboard", Current: current == "dashboard"}}
	for _, n := range reportNames {
		nav = append(nav, navLink{Label: d.T("report." + n), URL: "/reports/" + n, Current: n == current})
	}
	if d.User != nil && d.User.Role != crm.RoleRep {
		nav = append(nav, navLink{Label: d.T("audit.title"), URL: "/reports/audit", Current: current == "audit"})
	}
	return nav
}

// getReportsIndex opens the first report.
func (s *Server) getReportsIndex(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/reports/"+crm.ReportSales, http.StatusSeeOther)
}

func (s *Server) getReportPage(w http.ResponseWriter, r *http.Request) {
	name := reportName(r)
	spec, ok := crm.Reports[name]
	if !ok {
		s.writeError(w, r, crm.Errorf(crm.ENOTFOUND, "No such report."))
		return
	}
	d := &reportPage{pageData: s.pageData(w, r, "report."+name), Report: name}
	d.Heading, d.Nav = d.T("report."+name), s.reportNav(d.pageData, name)
	t, err := s.runReport(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Table, d.From, d.To, d.Compare = t, t.From.String(), t.To.String(), t.PrevFrom != nil
	d.Form = s.reportForm(d.pageData, r, spec, t)
	s.fillReport(d, t)
	d.CSV = reportPath("/api/v1/reports/"+name+"/export", r, url.Values{"format": {"csv"}})
	d.XLSX = reportPath("/api/v1/reports/"+name+"/export", r, url.Values{"format": {"xlsx"}})
	s.render(w, r, http.StatusOK, "report", d)
}

// fillReport turns a table into the page's rows and chart: the first
// measure's bars, each linking to the list behind it.
func (s *Server) fillReport(d *reportPage, t *crm.ReportTable) {
	d.Headers = []string{d.T("report.by." + t.By)}
	for _, c := range t.Columns {
		d.Headers = append(d.Headers, d.T("report.m."+c.Key))
	}
	for _, nd := range t.NoData {
		d.NoData = append(d.NoData, d.T("report.m."+nd))
	}
	var bars []chartBar
	for _, row := range append(append([]crm.ReportRow{}, t.Rows...), t.Total) {
		total := row.Key == "total" && row.Label == ""
		rv := reportRowView{Label: rowLabel(t, row, d.Lang), Total: total}
		for i, c := range t.Columns {
			cell := reportCell{Text: figure(c, row.Values[i]), URL: reportDrill(t, row, c.Key)}
			if row.Previous != nil {
				cell.Prev = figure(c, row.Previous[i])
			}
			rv.Cells = append(rv.Cells, cell)
		}
		d.Rows = append(d.Rows, rv)
		if !total && len(t.Columns) > 0 && len(bars) < 40 {
			bars = append(bars, chartBar{Label: rv.Label, Value: num(row.Values[0]), Text: rv.Cells[0].Text,
				URL: rv.Cells[0].URL})
		}
	}
	if len(bars) > 0 {
		d.Chart = barChart(d.Heading+" · "+d.T("report.m."+t.Columns[0].Key), bars)
	}
}

// figure is a value as the page shows it; "—" for no value.
func figure(c crm.ReportColumn, v *float64) string {
	if v == nil {
		return "—"
	}
	switch c.Kind {
	case "money":
		return moneyText(int64(*v + 0.5))
	case "percent":
		return fmt.Sprintf("%.1f%%", *v)
	case "hours":
		return fmt.Sprintf("%.1f h", *v)
	case "days":
		return fmt.Sprintf("%.1f", *v)
	}
	return fmt.Sprintf("%.0f", *v)
}

func num(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

// reportForm is the filter form's selects, each keeping its value.
func (s *Server) reportForm(d pageData, r *http.Request, spec crm.ReportSpec, t *crm.ReportTable) []reportSelect {
	q := r.URL.Query()
	sel := func(name string, current string, values ...string) reportSelect {
		rs := reportSelect{Name: name, Label: d.T("report.f." + name)}
		for _, v := range values {
			rs.Options = append(rs.Options, selectOption{Value: v, Label: d.T("report.o." + firstOf(v, "none")),
				Selected: v == current})
		}
		return rs
	}
	dims := make([]reportSelect, 0, 4)
	by := reportSelect{Name: "by", Label: d.T("report.f.by")}
	for _, dim := range spec.Dimensions {
		by.Options = append(by.Options, selectOption{Value: dim, Label: d.T("report.by." + dim), Selected: dim == t.By})
	}
	dims = append(dims, by, sel("grain", t.Grain, crm.GrainDay, crm.GrainWeek, crm.GrainMonth, crm.GrainQuarter, crm.GrainYear),
		sel("period", q.Get("period"), "", "this_week", "last_week", "this_month", "last_month", "this_quarter", "this_year", "last_year"),
		sel("compare", q.Get("compare"), "", crm.ComparePrevious, crm.CompareYear))
	return dims
}
