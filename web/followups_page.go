package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var followUpMethods = []string{crm.FollowCall, crm.FollowVisit, crm.FollowWeChat, crm.FollowEmail,
	crm.FollowMeeting, crm.FollowSMS, crm.FollowOther}

// followUpPages are the follow-up list (by who made them, method, team
// and period: the workload report's follow-ups open it), form and page.
// Follow-ups are logged from the 360° panel and the record pages.
func (s *Server) followUpPages() *recordKind[crm.FollowUp] {
	method := field{Name: "method", Type: "select", Need: true, Options: followUpMethods}
	return &recordKind[crm.FollowUp]{
		path: "follow-ups", one: "rec.follow_up", res: s.followUps,
		fields: []field{method, {Name: "result"}, {Name: "details", Type: "textarea"}, {Name: "next_step"},
			{Name: "next_at", Type: "datetime"}, {Name: "refs", Type: "refs", NoEdit: true}},
		columns: []column[crm.FollowUp]{
			{"field.at", func(_ *cells, f *crm.FollowUp) string { return f.At.In(time.Local).Format("2006-01-02 15:04") }},
			{"field.user_id", func(c *cells, f *crm.FollowUp) string { return c.user(strconv.FormatInt(f.UserID, 10)) }},
			{"field.method", func(c *cells, f *crm.FollowUp) string { return c.selectOption("method", f.Method) }},
			{"field.result", func(_ *cells, f *crm.FollowUp) string { return f.Result }},
			{"field.next_step", func(_ *cells, f *crm.FollowUp) string { return f.NextStep }},
		},
		filters: []field{ownerFilter, {Name: "method", Options: followUpMethods}},
		query: func(r *http.Request, f listFilter) listQuery[crm.FollowUp] {
			v := viewerOf(r)
			owner, _ := f.ownerID(v)
			ff := crm.FollowUpFilter{Viewer: v, UserID: owner, Method: f.Method, TeamID: f.Drill.TeamID, Page: f.Page}
			_, off := s.today()
			ff.From, ff.To = f.Drill.localDays(off)
			return bindList(r, ff, func(f *crm.FollowUpFilter, p crm.Page) { f.Page = p }, s.store.ListFollowUps,
				countBy(s, func(ds crm.ListCounter, ctx context.Context, f crm.FollowUpFilter) (int64, error) {
					return s.countFollowUps(ctx, f)
				}))
		},
		title: func(f *crm.FollowUp) string { return f.Method },
	}
}

// drills is the store's lists behind report figures; a store without
// them answers 501.
func (s *Server) drills() (crm.DrillStore, error) {
	ds, ok := s.store.(crm.DrillStore)
	if !ok {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "This store keeps no lists behind report figures.")
	}
	return ds, nil
}

func (s *Server) countFollowUps(ctx context.Context, f crm.FollowUpFilter) (int64, error) {
	ds, err := s.drills()
	if err != nil {
		return 0, err
	}
	return ds.CountFollowUps(ctx, f)
}
