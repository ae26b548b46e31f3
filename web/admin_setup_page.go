package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// setupPage is what pages/setup.html sees.
type setupPage struct {
	adminPage
	Setup  *setupState
	WeChat map[string]string // the connect form's values after a refusal
}

func (s *Server) getSetupPage(w http.ResponseWriter, r *http.Request) {
	s.renderSetup(w, r, http.StatusOK, s.adminData(w, r, "admin.setup"), nil)
}

func (s *Server) renderSetup(w http.ResponseWriter, r *http.Request, status int, a adminPage, wechat map[string]string) {
	st, err := s.setup(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if wechat == nil {
		wechat = map[string]string{}
	}
	s.render(w, r, status, "setup", setupPage{adminPage: a, Setup: st, WeChat: wechat})
}

func (s *Server) postSetupDismiss(w http.ResponseWriter, r *http.Request) {
	if _, err := s.dismissSetup(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/inbox", http.StatusSeeOther)
}

// postSetupWeChat connects an official account from the checklist, through
// the API's own handler.
func (s *Server) postSetupWeChat(w http.ResponseWriter, r *http.Request) {
	if !s.parsePosted(w, r) {
		return
	}
	names := []string{"app_id", "name", "app_secret", "token", "encoding_aes_key"}
	acct, err := s.createWeChatAccount(withJSON(r, postedJSON(r, names, nil)))
	if err == nil {
		u := userOf(r.Context())
		err = s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &u.ID, Action: "wechat.connect",
			Subject: crm.Ref{Kind: refUser, ID: u.ID}, Detail: "account " + acct.AppID})
	}
	if err != nil {
		a := s.adminData(w, r, "admin.setup")
		st := a.refuse(err)
		if st == 0 {
			s.writeError(w, r, err)
			return
		}
		vals := map[string]string{"app_id": r.PostForm.Get("app_id"), "name": r.PostForm.Get("name")}
		s.renderSetup(w, r, st, a, vals)
		return
	}
	http.Redirect(w, r, "/setup?saved=1", http.StatusSeeOther)
}
