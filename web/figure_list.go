package web

import (
	"net/http"
	"sort"

	"github.com/rapport-crm/rapport/crm"
)

// figureListPage is a plain list behind report figures that is not a
// kind of record with pages of its own: the messages people sent (each
// opens its conversation) and the instalments due (each opens its
// order). It shows the list's total, the period it was opened with and
// a pager; the other parameters are kept by its form.
type figureListPage struct {
	*recordPage
	Summary string
	Dates   []dateInput
	Keep    []hiddenInput
}

type dateInput struct{ Name, Label, Value string }

type hiddenInput struct{ Name, Value string }

// figureListRoutes are the pages (and the API lists) behind the workload's messages sent and
// money planned and the receivables' figures.
func (s *Server) figureListRoutes() []route {
	return append([]route{
		rawRoute(get, "/messages", "Messages people sent (the workload report's messages sent), newest first, "+
			"each opening its conversation (page)", html, s.getSentMessages).page().query(sentParams, recLangParam),
		rawRoute(get, "/instalments", "Instalments (payment plans) by due day, with their total planned and "+
			"outstanding (the receivables and workload figures; page)", html, s.getInstalments).page().
			query(instalmentParams, recLangParam),
	}, s.figureAPIRoutes()...)
}

var sentParams = append([]param{
	{"from", "string", "sent on or after this day (YYYY-MM-DD, server time)"},
	{"to", "string", "sent on or before this day"},
	{"owner", "string", "written by: mine or a user id"},
	{"team_id", "integer", "written by a member of this team"},
}, pageParams...)

var instalmentParams = append([]param{
	{"due_from", "string", "due on or after this day (YYYY-MM-DD)"},
	{"due_to", "string", "due on or before this day"},
	{"owner", "string", "on orders owned by: mine or a user id"},
	{"team_id", "integer", "on orders owned by a member of this team"},
	{"customer_id", "integer", "on orders of this customer"},
	{"open", "boolean", "only those not paid in full (outstanding)"},
	{"overdue_before", "string", "only those not paid in full and due before this day (overdue as of it)"},
}, pageParams...)

// figureReq is a figure list's request: its page in the request's
// language, the cells in it, the list's filters and owner, the store.
type figureReq struct {
	d     *figureListPage
	c     *cells
	f     listFilter
	v     crm.Viewer
	owner *int64
	ds    crm.DrillStore
}

// figurePage starts a figure list.
func (s *Server) figurePage(w http.ResponseWriter, r *http.Request, kind string) (*figureReq, error) {
	q := &figureReq{d: &figureListPage{recordPage: s.recordPageData(w, r, kind, "")}, v: viewerOf(r)}
	q.d.Heading = q.d.T("figures." + kind)
	var err error
	if q.f, err = readListFilter(r); err != nil {
		return nil, err
	}
	q.owner, _ = q.f.ownerID(q.v)
	if q.ds, err = s.drills(); err != nil {
		return nil, err
	}
	q.c, err = s.newCells(r.Context(), q.v, q.d.Lang)
	return q, err
}

// showFigureList renders d under heads (message keys), with the form's
// two date inputs (the period's parameters), keeping the request's other
// parameters, and the pager after the last id shown.
func (s *Server) showFigureList(w http.ResponseWriter, r *http.Request, d *figureListPage, heads []string, next int64, dates [2]string) {
	for _, h := range heads {
		d.Headers = append(d.Headers, headerView{Label: d.T(h)})
	}
	d.Next, d.First = pagerURLs(r, next)
	q := r.URL.Query()
	for _, name := range dates {
		d.Dates = append(d.Dates, dateInput{Name: name, Label: d.T("figures." + name), Value: q.Get(name)})
	}
	for k, v := range q {
		if k != dates[0] && k != dates[1] && k != "cursor" && k != afterAlias.Name && k != "lang" && len(v) > 0 && v[0] != "" {
			d.Keep = append(d.Keep, hiddenInput{Name: k, Value: v[0]})
		}
	}
	sort.Slice(d.Keep, func(i, j int) bool { return d.Keep[i].Name < d.Keep[j].Name })
	s.render(w, r, http.StatusOK, "figures", d)
}
