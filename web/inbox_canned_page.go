package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// cannedPage is /canned-replies: the saved answers reps insert with "/" in
// the composer (static/canned.js). Anyone may add one; an admin removes
// (the API's own rule), so the page offers delete to admins only.
type cannedPage struct {
	pageData
	Replies []*crm.CannedReply
	Admin   bool
}

func (s *Server) getCannedPage(w http.ResponseWriter, r *http.Request) {
	d := &cannedPage{pageData: s.pageData(w, r, "canned.title")}
	var err error
	if d.Replies, err = s.listCanned(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Admin = d.User.Role == crm.RoleAdmin
	s.render(w, r, http.StatusOK, "canned", d)
}
