package web

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// dashFigure is one of the dashboard's few figures, with last week's.
type dashFigure struct {
	Label, Value, Before, URL string
}

// dashboardPage is a manager's week (their team's figures) or a rep's own:
// the same reports, scoped by role as every list is.
type dashboardPage struct {
	pageData
	Heading string
	Nav     []navLink
	Figures []dashFigure
	Chart   template.HTML
	From    string
	To      string
}

// dashItem is a figure: a report's total measure.
type dashItem struct{ report, measure, label string }

var dashItems = []dashItem{
	{crm.ReportSales, "amount", "dash.sales"},
	{crm.ReportSales, "orders", "dash.orders"},
	{crm.ReportFunnel, "leads", "dash.leads"},
	{crm.ReportWorkload, "followups", "dash.followups"},
	{crm.ReportService, "conversations", "dash.conversations"},
	{crm.ReportService, "overdue", "dash.overdue"},
	{crm.ReportReceivables, "received", "dash.received"},
}

func (s *Server) getDashboard(w http.ResponseWriter, r *http.Request) {
	d := &dashboardPage{pageData: s.pageData(w, r, "dash.title")}
	d.Heading, d.Nav = d.T("dash.title_"+string(d.User.Role)), s.reportNav(d.pageData, "dashboard")
	rs, err := s.reportStore()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	today, off := s.today()
	from, to := crm.BucketRange(crm.GrainWeek, today)
	d.From, d.To = from.String(), to.String()
	tables := map[string]*crm.ReportTable{}
	for _, it := range dashItems {
		t := tables[it.report]
		if t == nil {
			q := crm.ReportQuery{Viewer: viewerOf(r), Report: it.report, By: crm.ByPeriod, Grain: crm.GrainWeek,
				From: from, To: to, Compare: crm.ComparePrevious, Today: today, Offset: off}
			if t, err = rs.Report(r.Context(), q); err != nil {
				s.writeError(w, r, err)
				return
			}
			tables[it.report] = t
		}
		d.Figures = append(d.Figures, dashFigureOf(d.pageData, t, it))
	}
	if err := s.dashChart(r, d, rs, today, off, from, to); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", d)
}

func dashFigureOf(d pageData, t *crm.ReportTable, it dashItem) dashFigure {
	for i, c := range t.Columns {
		if c.Key == it.measure {
			f := dashFigure{Label: d.T(it.label), Value: figure(c, t.Total.Values[i]),
				URL: "/reports/" + it.report + "?" + url.Values{"period": {"this_week"}, "grain": {"day"},
					"by": {crm.ByPeriod}}.Encode()}
			if t.Total.Previous != nil {
				f.Before = figure(c, t.Total.Previous[i])
			}
			if it.report == crm.ReportSales {
				f.URL = reportDrill(t, t.Total, it.measure)
			}
			return f
		}
	}
	return dashFigure{Label: d.T(it.label), Value: "—"}
}

// dashChart is this week's sales: by rep for a manager or admin, by day
// for a rep; each bar opens the orders behind it.
func (s *Server) dashChart(r *http.Request, d *dashboardPage, rs crm.ReportStore, today crm.Date, off int, from, to crm.Date) error {
	by, grain := crm.ByRep, crm.GrainMonth
	if d.User.Role == crm.RoleRep {
		by, grain = crm.ByPeriod, crm.GrainDay
	}
	t, err := rs.Report(r.Context(), crm.ReportQuery{Viewer: viewerOf(r), Report: crm.ReportSales, By: by,
		Grain: grain, From: from, To: to, Today: today, Offset: off})
	if err != nil {
		return err
	}
	var bars []chartBar
	for _, row := range t.Rows {
		bars = append(bars, chartBar{Label: rowLabel(t, row, d.Lang), Value: num(row.Values[0]),
			Text: figure(t.Columns[0], row.Values[0]), URL: reportDrill(t, row, "amount")})
	}
	if len(bars) > 0 {
		d.Chart = barChart(d.T("dash.chart"), bars)
	}
	return nil
}
