package web

import (
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/tabular"
)

// exportReport writes a report's table as CSV or XLSX, headed in the
// user's language, money in major units as numbers.
func (s *Server) exportReport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" {
		s.writeError(w, r, invalid("format", "must be csv or xlsx"))
		return
	}
	q := r.URL.Query()
	lang := langOf(r)
	if l := q.Get("lang"); ui.Has(l) {
		lang = l
	}
	q.Del("format")
	q.Del("lang")
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = q.Encode()
	t, err := s.runReport(r2)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	tab := reportTabular(t, lang)
	name := "rapport-" + t.Report + "-" + t.By + "-" + t.From.String() + "-" + t.To.String()
	w.Header().Set("Cache-Control", "no-store")
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		err = tabular.WriteCSV(w, tab)
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		err = tabular.WriteXLSX(w, tab)
	}
	if err != nil {
		s.log.Error("report export", "report", t.Report, "err", err) // the header is sent: log only
	}
}

// reportTabular is a report as an export's table: the dimension's label,
// then each measure (and its comparison, when asked for).
func reportTabular(t *crm.ReportTable, lang string) *tabular.Table {
	tr := func(k string) string { return translate(lang, k) }
	tab := &tabular.Table{Name: tr("report."+t.Report) + " " + t.From.String(), Header: []string{tr("report.by." + t.By)}}
	for _, c := range t.Columns {
		tab.Header = append(tab.Header, tr("report.m."+c.Key))
	}
	if t.PrevFrom != nil {
		for _, c := range t.Columns {
			tab.Header = append(tab.Header, tr("report.m."+c.Key)+" ("+tr("report.previous")+")")
		}
	}
	for _, row := range append(append([]crm.ReportRow{}, t.Rows...), t.Total) {
		label := rowLabel(t, row, lang)
		cells := []tabular.Cell{tabular.Text(label)}
		cells = append(cells, valueCells(t.Columns, row.Values)...)
		if t.PrevFrom != nil {
			cells = append(cells, valueCells(t.Columns, row.Previous)...)
		}
		tab.Rows = append(tab.Rows, cells)
	}
	return tab
}

func valueCells(cols []crm.ReportColumn, vals []*float64) []tabular.Cell {
	out := make([]tabular.Cell, len(cols))
	for i, c := range cols {
		if i >= len(vals) || vals[i] == nil {
			out[i] = tabular.Text("")
			continue
		}
		v := *vals[i]
		if c.Kind == "money" {
			v /= 100
		}
		out[i] = tabular.Number(roundTo(v, 2))
	}
	return out
}

func roundTo(v float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	if v < 0 {
		return -float64(int64(-v*p+0.5)) / p
	}
	return float64(int64(v*p+0.5)) / p
}

// rowLabel is a row's label as shown: the total, a named key, or "—".
func rowLabel(t *crm.ReportTable, row crm.ReportRow, lang string) string {
	switch {
	case row.Key == "total" && row.Label == "":
		return translate(lang, "report.total")
	case row.Label != "":
		return row.Label
	case t.By == "dealer" && row.Key == "":
		return translate(lang, "report.direct")
	}
	return translate(lang, "report.none")
}

// reportPath is the report's page or export URL with the same query.
func reportPath(base string, r *http.Request, set url.Values) string {
	q := r.URL.Query()
	for k, v := range set {
		q[k] = v
	}
	q.Del("lang")
	return pageURL(base, q)
}

func reportName(r *http.Request) string { return chi.URLParam(r, "report") }
