package web

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// invitePage is what pages/invite.html sees: a person choosing their
// password from a one-time link.
type invitePage struct {
	pageData
	Email, Name string
	Purpose     crm.KeyPurpose
	Gone        bool // the link expired, was used or replaced
	Error       string
	Problems    map[string]string
}

func (s *Server) inviteData(w http.ResponseWriter, r *http.Request) (*invitePage, string) {
	d := &invitePage{pageData: s.pageData(w, r, "invite.title"), Problems: map[string]string{}}
	hash := crm.HashToken(chi.URLParam(r, "token"))
	k, u, err := s.store.UserKeyOf(r.Context(), hash)
	if err != nil {
		d.Gone = true
		return d, hash
	}
	d.Email, d.Name, d.Purpose = u.Email, u.Name, k.Purpose
	return d, hash
}

func (s *Server) getInvitePage(w http.ResponseWriter, r *http.Request) {
	d, _ := s.inviteData(w, r)
	status := http.StatusOK
	if d.Gone {
		status = http.StatusNotFound
	}
	// The link's secret is in the path: keep it out of other sites' logs.
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, status, "invite", d)
}

// postInvitePage sets the password, names the person if they changed it,
// and logs them in.
func (s *Server) postInvitePage(w http.ResponseWriter, r *http.Request) {
	if !s.parsePosted(w, r) {
		return
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	d, hash := s.inviteData(w, r)
	if d.Gone {
		s.render(w, r, http.StatusNotFound, "invite", d)
		return
	}
	ctx := r.Context()
	_, u, err := s.store.UserKeyOf(ctx, hash)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pw, again := r.PostForm.Get("password"), r.PostForm.Get("password_again")
	d.Name = strings.TrimSpace(r.PostForm.Get("name"))
	if pw != again {
		d.Problems["password_again"] = d.T("invite.mismatch")
		s.render(w, r, http.StatusBadRequest, "invite", d)
		return
	}
	u.Name = d.Name
	if err := s.prepareUser(ctx, u, &pw); err != nil {
		a := adminPage{pageData: d.pageData, Problems: map[string]string{}}
		if a.refuse(err) == 0 {
			s.writeError(w, r, err)
			return
		}
		d.Problems, d.Error = a.Problems, a.Error
		s.render(w, r, http.StatusBadRequest, "invite", d)
		return
	}
	joined, err := s.store.UseUserKey(ctx, hash, u.PasswordHash)
	if err != nil {
		d.Gone = true
		s.render(w, r, http.StatusNotFound, "invite", d)
		return
	}
	if joined.Name != u.Name {
		joined.Name = u.Name
		if err := s.store.UpdateUser(ctx, joined); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if err := s.store.Audit(ctx, &crm.AuditEntry{ActorID: &joined.ID, Action: "user.password_set",
		Subject: crm.Ref{Kind: refUser, ID: joined.ID}, Detail: "from a " + string(d.Purpose) + " link"}); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.startSession(w, r, joined); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
