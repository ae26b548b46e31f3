package web

import (
	"encoding/json"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var auditParams = []param{
	{"kind", "string", "entries about records of this kind (with id): customer, lead, order, followup…"},
	{"id", "integer", "entries about this record (with kind)"},
	{"user_id", "integer", "entries by this user"},
	{"action", "string", "entries of this action, e.g. customer.assign, followup.review, lead.convert"},
}

// auditReader reads the audit log; managers and admins only.
func (s *Server) auditReader(r *http.Request) (crm.AuditReader, error) {
	if viewerOf(r).Role == crm.RoleRep {
		return nil, crm.Errorf(crm.EFORBIDDEN, "Only managers and admins read the audit log.")
	}
	ar, ok := s.store.(crm.AuditReader)
	if !ok {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "This store keeps no audit reader.")
	}
	return ar, nil
}

// listAudit returns the audit log, newest first, filtered by record, user
// and action: an admin's whole log, a manager's their team's entries.
func (s *Server) listAudit(r *http.Request) (crm.List[*crm.AuditEntry], error) {
	ar, err := s.auditReader(r)
	if err != nil {
		return crm.List[*crm.AuditEntry]{}, err
	}
	q := newQuery(r)
	f := crm.AuditFilter{ActorID: q.id("user_id"), Action: q.str("action"), Page: q.page()}
	if kind, id := q.str("kind"), q.id("id"); kind != "" || id != nil {
		if kind == "" || id == nil {
			q.p.Add("kind", "kind and id go together")
		} else {
			f.Subject = &crm.Ref{Kind: kind, ID: *id}
		}
	}
	if err := q.err(); err != nil {
		return crm.List[*crm.AuditEntry]{}, err
	}
	return ar.ListAudit(r.Context(), viewerOf(r), f)
}

// auditQueue samples the period's follow-ups for review (稽核).
func (s *Server) auditQueue(r *http.Request) ([]crm.AuditSample, error) {
	ar, err := s.auditReader(r)
	if err != nil {
		return nil, err
	}
	q, _, err := s.readReport(r, "")
	if err != nil {
		return nil, err
	}
	n := 20
	if t := newQuery(r).id("top"); t != nil {
		n = int(*t)
	}
	if err := q.Check(crm.ReportSpec{Dimensions: []string{""}}); err != nil {
		return nil, err
	}
	return ar.SampleFollowUps(r.Context(), q, n)
}

// followUpReviewBody is a review of a follow-up.
type followUpReviewBody struct {
	Verdict string `json:"verdict" doc:"ok or questioned"`
	Note    string `json:"note"`
}

// reviewFollowUp records a manager's review of a follow-up.
func (s *Server) reviewFollowUp(r *http.Request) (*crm.FollowUpReview, error) {
	ar, err := s.auditReader(r)
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	var body followUpReviewBody
	if err := b.into(&body); err != nil {
		return nil, err
	}
	rv := &crm.FollowUpReview{FollowUpID: id, Verdict: body.Verdict, Note: body.Note}
	return rv, ar.ReviewFollowUp(r.Context(), viewerOf(r), rv)
}

// postReviewPage reviews a follow-up from the audit page's form.
func (s *Server) postReviewPage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, invalid("body", "the form could not be read"))
		return
	}
	body, _ := json.Marshal(followUpReviewBody{Verdict: r.PostForm.Get("verdict"), Note: r.PostForm.Get("note")})
	if _, err := s.reviewFollowUp(withJSON(r, body)); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/reports/audit?"+r.URL.RawQuery, http.StatusSeeOther)
}
