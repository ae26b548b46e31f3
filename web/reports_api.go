package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

var reportParams = []param{
	{"by", "string", "the dimension rows are grouped by (each report lists its own; the first is the default)"},
	{"grain", "string", "day, week, month (default), quarter or year: the period dimension's buckets"},
	{"period", "string", "this_week, last_week, this_month (default), last_month, this_quarter, this_year, last_year; or from and to"},
	{"from", "string", "first day, YYYY-MM-DD (with to)"},
	{"to", "string", "last day, YYYY-MM-DD (with from)"},
	{"compare", "string", "previous (the period before) or year (the same period a year before)"},
	{"measures", "string", "comma-separated columns to keep (default all)"},
	{"team_id", "integer", "only this team's figures (admins; a manager their own team)"},
	{"user_id", "integer", "only this user's figures (a manager: a member of their team; a rep: themselves)"},
	{"channel", "string", "funnel and service: only this channel (wechat, email, webform…)"},
	{"top", "integer", "keep the N largest rows"},
}

// reportStore answers reports; a store without it answers 501.
func (s *Server) reportStore() (crm.ReportStore, error) {
	rs, ok := s.store.(crm.ReportStore)
	if !ok {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "This store answers no reports.")
	}
	return rs, nil
}

// today is the server's calendar day and its offset from UTC in minutes.
func (s *Server) today() (crm.Date, int) {
	now := s.now().In(time.Local)
	_, off := now.Zone()
	return crm.DateOf(now), off / 60
}

// readReport reads a report query from the request.
func (s *Server) readReport(r *http.Request, name string) (crm.ReportQuery, []string, error) {
	q := newQuery(r)
	today, off := s.today()
	rq := crm.ReportQuery{Viewer: viewerOf(r), Report: name, By: q.str("by"), Grain: q.str("grain"),
		Compare: q.str("compare"), TeamID: q.id("team_id"), UserID: q.id("user_id"), Channel: q.str("channel"),
		Today: today, Offset: off}
	if t := q.id("top"); t != nil {
		rq.Top = int(*t)
	}
	from, to := q.date("from"), q.date("to")
	if err := q.err(); err != nil {
		return rq, nil, err
	}
	if from != nil && to != nil {
		rq.From, rq.To = *from, *to
	} else {
		var err error
		if rq.From, rq.To, err = namedPeriod(q.str("period"), today); err != nil {
			return rq, nil, err
		}
	}
	var measures []string
	if m := q.str("measures"); m != "" {
		measures = strings.Split(m, ",")
	}
	return rq, measures, nil
}

// namedPeriod is a period by name, around today.
func namedPeriod(name string, today crm.Date) (crm.Date, crm.Date, error) {
	from, to, ok := periodByName(name, today)
	if !ok {
		return from, to, invalid("period", "unknown period \""+name+"\"")
	}
	return from, to, nil
}

func periodByName(name string, today crm.Date) (from, to crm.Date, ok bool) {
	t := today.Time()
	ok = true
	switch name {
	case "", "this_month":
		from, to = crm.BucketRange(crm.GrainMonth, today)
	case "last_month":
		from, to = crm.BucketRange(crm.GrainMonth, crm.DateOf(time.Date(t.Year(), t.Month(), 0, 0, 0, 0, 0, time.UTC)))
	case "this_week":
		from, to = crm.BucketRange(crm.GrainWeek, today)
	case "last_week":
		from, to = crm.BucketRange(crm.GrainWeek, crm.DateOf(t.AddDate(0, 0, -7)))
	case "this_quarter":
		from, to = crm.BucketRange(crm.GrainQuarter, today)
	case "this_year":
		from, to = crm.BucketRange(crm.GrainYear, today)
	case "last_year":
		from, to = crm.BucketRange(crm.GrainYear, crm.DateOf(t.AddDate(-1, 0, 0)))
	default:
		ok = false
	}
	return from, to, ok
}

// runReport answers the report named in the path.
func (s *Server) runReport(r *http.Request) (*crm.ReportTable, error) {
	name := chi.URLParam(r, "report")
	q, measures, err := s.readReport(r, name)
	if err != nil {
		return nil, err
	}
	rs, err := s.reportStore()
	if err != nil {
		return nil, err
	}
	t, err := rs.Report(r.Context(), q)
	if err != nil {
		return nil, err
	}
	return t, keepMeasures(t, measures)
}

// keepMeasures narrows t to the measures asked for; an unknown one is
// EINVALID naming it.
func keepMeasures(t *crm.ReportTable, measures []string) error {
	if len(measures) == 0 {
		return nil
	}
	var keep []int
	for _, m := range measures {
		i := slices.IndexFunc(t.Columns, func(c crm.ReportColumn) bool { return c.Key == m })
		if i < 0 {
			keys := make([]string, len(t.Columns))
			for j, c := range t.Columns {
				keys[j] = c.Key
			}
			return invalid("measures", "unknown measure \""+m+"\" (one of "+strings.Join(keys, ", ")+")")
		}
		keep = append(keep, i)
	}
	pick := func(vs []*float64) []*float64 {
		if vs == nil {
			return nil
		}
		out := make([]*float64, len(keep))
		for j, i := range keep {
			out[j] = vs[i]
		}
		return out
	}
	cols := make([]crm.ReportColumn, len(keep))
	for j, i := range keep {
		cols[j] = t.Columns[i]
	}
	t.Columns = cols
	for i := range t.Rows {
		t.Rows[i].Values, t.Rows[i].Previous = pick(t.Rows[i].Values), pick(t.Rows[i].Previous)
	}
	t.Total.Values, t.Total.Previous = pick(t.Total.Values), pick(t.Total.Previous)
	return nil
}

// reportsIndex lists the reports and what each accepts.
func (s *Server) reportsIndex(*http.Request) (map[string]crm.ReportSpec, error) {
	return crm.Reports, nil
}
