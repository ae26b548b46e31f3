package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var (
	careDaysParam = []param{{"days", "integer", "how many days ahead, from today (1 to 366, default 30)"}}
	careParams    = []param{{"plan_id", "integer", "one care plan"}, {"owner_id", "integer", "one owner (rep)"},
		{"customer_id", "integer", "one customer"}}
	careOccParams = append([]param{{"contact_id", "integer", "one contact"}}, careParams...)
)

// careRoutes are the care plans' API (admins and managers keep plans; every
// user reads the care of the records they see) and the public unsubscribe
// link of care emails.
func (s *Server) careRoutes() []route {
	return append(s.carePageRoutes(),
		apiRoute(get, "/api/v1/care-plans", "List care plans (admin, manager)", s.listCarePlans),
		apiRoute(post, "/api/v1/care-plans", "Create a care plan (admin, manager)", s.createCarePlan).
			in(crm.CarePlan{}).created(),
		apiRoute(get, "/api/v1/care-plans/{id}", "Get a care plan (admin, manager)", s.getCarePlan),
		apiRoute(put, "/api/v1/care-plans/{id}", "Replace a care plan; enabled switches it on (admin, manager)",
			s.putCarePlan).in(crm.CarePlan{}),
		apiRoute(post, "/api/v1/care-plans/preview", "Preview a plan: who would get what on which date, nothing sent",
			s.previewCarePlan).in(crm.CarePlan{}).query(careDaysParam),
		apiRoute(get, "/api/v1/care/calendar", "Upcoming care of the enabled plans, by date (reps: their own)",
			s.careCalendar).query(careDaysParam, careParams),
		apiRoute(get, "/api/v1/care/occurrences", "Care done: sends, tasks and skips with their reasons (reps: their own)",
			s.listCareOccurrences).query(careOccParams),
		apiRoute(get, "/api/v1/customers/{id}/care", "A customer's last and next care", s.customerCare),
		apiRoute(put, "/api/v1/contacts/{id}/care-opt-out", "Mark a contact \"no care messages\", or lift it; and set the time zone their care is timed in",
			s.setCareOptOut).in(careOptOutBody{}),
		apiRoute(get, "/api/v1/reminders", "Your reminders due by the end of today: the bell's count, the overdue ones and the list",
			s.getReminders),
		rawRoute(get, "/care/unsubscribe/{token}", "The unsubscribe page of a care email", html,
			s.getCareUnsubscribe).open(),
		rawRoute(post, "/care/unsubscribe/{token}", "Unsubscribe from care messages (RFC 8058 one-click)", html,
			s.postCareUnsubscribe).open(),
	)
}

func (s *Server) carePlanner(v crm.Viewer, keeper bool) (crm.CarePlanner, crm.CareStore, error) {
	if s.deps.Care == nil || s.deps.CareStore == nil {
		return nil, nil, crm.Errorf(crm.ENOTIMPLEMENTED, "Care plans are not set up on this server.")
	}
	if keeper && v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
		return nil, nil, errForbidden("Only admins and managers keep care plans.")
	}
	return s.deps.Care, s.deps.CareStore, nil
}

func (s *Server) listCarePlans(r *http.Request) ([]*crm.CarePlan, error) {
	_, st, err := s.carePlanner(viewerOf(r), true)
	if err != nil {
		return nil, err
	}
	return st.ListCarePlans(r.Context(), false)
}

func (s *Server) getCarePlan(r *http.Request) (*crm.CarePlan, error) {
	_, st, err := s.carePlanner(viewerOf(r), true)
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return st.CarePlan(r.Context(), id)
}

func (s *Server) createCarePlan(r *http.Request) (*crm.CarePlan, error) {
	return s.saveCarePlan(r, 0)
}

func (s *Server) putCarePlan(r *http.Request) (*crm.CarePlan, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.saveCarePlan(r, id)
}

func (s *Server) saveCarePlan(r *http.Request, id int64) (*crm.CarePlan, error) {
	v := viewerOf(r)
	cp, st, err := s.carePlanner(v, true)
	if err != nil {
		return nil, err
	}
	var p crm.CarePlan
	if err := decodeNew(r, &p); err != nil {
		return nil, err
	}
	if p.ID = id; id != 0 {
		old, err := st.CarePlan(r.Context(), id)
		if err != nil {
			return nil, err
		}
		p.CreatedBy, p.CreatedAt = old.CreatedBy, old.CreatedAt
	}
	return &p, cp.SavePlan(r.Context(), v, &p)
}

func (s *Server) previewCarePlan(r *http.Request) ([]crm.CarePreviewItem, error) {
	v := viewerOf(r)
	cp, _, err := s.carePlanner(v, true)
	if err != nil {
		return nil, err
	}
	q := newQuery(r)
	days := q.id("days")
	var p crm.CarePlan
	if err := q.err(); err != nil {
		return nil, err
	}
	if err := decodeNew(r, &p); err != nil {
		return nil, err
	}
	items, err := cp.Preview(r.Context(), &p, intOr(days, 30))
	if err != nil {
		return nil, err
	}
	return s.visibleCare(r.Context(), v, items)
}
