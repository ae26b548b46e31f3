package web

import (
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// auditPage is the follow-up audit queue (稽核) and the latest audit log.
type auditPage struct {
	pageData
	Heading  string
	Nav      []navLink
	From, To string
	Query    string
	Samples  []crm.AuditSample
	Log      []*crm.AuditEntry
	users    map[int64]string
}

// Name is a user's name for the page.
func (d *auditPage) Name(id int64) string { return d.users[id] }

// When is a time in the server's zone.
func (d *auditPage) When(t time.Time) string { return t.In(time.Local).Format("2006-01-02 15:04") }

func (s *Server) getAuditPage(w http.ResponseWriter, r *http.Request) {
	samples, err := s.auditQueue(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	log, err := s.listAudit(withoutQuery(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := &auditPage{pageData: s.pageData(w, r, "audit.title"), Samples: samples, Log: log.Items,
		Query: r.URL.RawQuery, users: map[int64]string{}}
	d.Heading, d.Nav = d.T("audit.title"), s.reportNav(d.pageData, "audit")
	q, _, _ := s.readReport(r, "")
	d.From, d.To = q.From.String(), q.To.String()
	users, err := s.store.ListUsers(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, u := range users {
		d.users[u.ID] = firstOf(u.Name, u.Email)
	}
	s.render(w, r, http.StatusOK, "audit", d)
}

// withoutQuery is r with no query: the audit page's log is the latest
// entries, whatever the queue's period.
func withoutQuery(r *http.Request) *http.Request {
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = ""
	return r2
}
