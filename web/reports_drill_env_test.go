package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// drilled is a report read by one viewer as JSON and as its page, to
// follow the links of its figures.
type drilled struct {
	p    *pager
	who  string
	tab  crm.ReportTable
	page string
}

func (p *pager) drilled(who, query string) *drilled {
	d := &drilled{p: p, who: who}
	p.call(who, "GET", "/api/v1/reports/"+query, nil, 200, &d.tab)
	d.page = p.mustPage(who, "/reports/"+query)
	return d
}

// figure is the value of col in the row keyed key ("total": the total);
// ok false when there is no such row.
func (d *drilled) figure(key, col string) (float64, bool) {
	row, ok := d.tab.Total, key == "total"
	for _, r := range d.tab.Rows {
		if r.Key == key {
			row, ok = r, true
		}
	}
	for i, c := range d.tab.Columns {
		if c.Key == col && ok && row.Values[i] != nil {
			return *row.Values[i], true
		}
	}
	return 0, false
}

// follow checks that the page links the figure of col in row key to
// path?q, opens that list and returns it with its number of rows.
func (d *drilled) follow(t *testing.T, key, col, path string, q url.Values) (float64, int, string) {
	t.Helper()
	v, ok := d.figure(key, col)
	if !ok {
		t.Fatalf("%s: no figure %s in row %s", d.who, col, key)
	}
	link := path + "?" + q.Encode()
	contains(t, d.who+"'s report, "+col+" of "+key, d.page, strings.ReplaceAll(link, "&", "&amp;"))
	list := d.p.mustPage(d.who, link)
	return v, listRows(list), list
}

// listRows counts a list page's rows: a record list's tick boxes, a
// figure list's rows.
func listRows(page string) int {
	return strings.Count(page, `<input type="checkbox" name="id" value=`) + strings.Count(page, `<tr data-id=`)
}

// equalRows fails unless the list holds as many rows as the figure.
func equalRows(t *testing.T, what string, figure float64, rows int) {
	t.Helper()
	if figure < 1 || float64(rows) != figure {
		t.Errorf("%s: the figure is %v, the list holds %d rows", what, figure, rows)
	}
}
