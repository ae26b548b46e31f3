package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// The JSON side of the figure lists: the messages people sent and the
// instalments by due day, filtered as the reports count them.

var sentAPIParams = []param{
	{"since", "date-time", "sent at or after"}, {"until", "date-time", "sent before"},
	{"user_id", "integer", "written by this user"}, {"team_id", "integer", "written by a member of this team"},
}

var instalmentAPIParams = []param{
	{"due_from", "string", "due on or after this day (YYYY-MM-DD)"}, {"due_to", "string", "due on or before this day"},
	{"owner_id", "integer", "on orders this user owns"}, {"team_id", "integer", "on orders a member of this team owns"},
	{"customer_id", "integer", "on orders of this customer"}, {"open", "boolean", "only those not paid in full"},
	{"overdue_before", "string", "only those not paid in full and due before this day"},
}

func (s *Server) figureAPIRoutes() []route {
	return []route{
		apiRoute(get, "/api/v1/sent-messages", "List the messages people sent (outbound, with an author), newest "+
			"first: a rep their own, a manager their team's, as the workload report counts them", s.listSent).
			query(pageParams, sentAPIParams),
		apiRoute(get, "/api/v1/instalments", "List instalments (payment plans) across orders you can see, newest "+
			"first, by due day, owner, team or customer", s.listInstalments).query(pageParams, instalmentAPIParams),
		apiRoute(get, "/api/v1/instalments/totals", "Count and sum the instalments the same filters select",
			s.sumInstalments).query(instalmentAPIParams),
	}
}

func (s *Server) listSent(r *http.Request) (crm.List[*crm.SentMessage], error) {
	q := newQuery(r)
	f := crm.SentFilter{Viewer: viewerOf(r), From: q.time("since"), To: q.time("until"), AuthorID: q.id("user_id"),
		TeamID: q.id("team_id"), Page: q.page()}
	ds, err := s.drills()
	if err == nil {
		err = q.err()
	}
	if err != nil {
		return crm.List[*crm.SentMessage]{}, err
	}
	return ds.SentMessages(r.Context(), f)
}

func (s *Server) listInstalments(r *http.Request) (crm.List[*crm.PaymentPlan], error) {
	f, ds, err := s.instalmentQuery(r)
	if err != nil {
		return crm.List[*crm.PaymentPlan]{}, err
	}
	return ds.Instalments(r.Context(), f)
}

func (s *Server) sumInstalments(r *http.Request) (crm.InstalmentTotals, error) {
	f, ds, err := s.instalmentQuery(r)
	if err != nil {
		return crm.InstalmentTotals{}, err
	}
	return ds.SumInstalments(r.Context(), f)
}

func (s *Server) instalmentQuery(r *http.Request) (crm.InstalmentFilter, crm.DrillStore, error) {
	q := newQuery(r)
	f := crm.InstalmentFilter{Viewer: viewerOf(r), DueFrom: q.date("due_from"), DueTo: q.date("due_to"),
		OwnerID: q.id("owner_id"), TeamID: q.id("team_id"), CustomerID: q.id("customer_id"), Open: q.boolean("open"),
		OverdueOn: q.date("overdue_before"), Page: q.page()}
	ds, err := s.drills()
	if err == nil {
		err = q.err()
	}
	return f, ds, err
}
