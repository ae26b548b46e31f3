package web

import (
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// tokenRow is an API token's line on the tokens page.
type tokenRow struct {
	ID                int64
	Name, User        string
	Created, LastUsed string
}

// tokensPage is what pages/admin_tokens.html sees.
type tokensPage struct {
	adminPage
	Tokens  []tokenRow
	Created *apiTokenCreated // shown once, after creating
	Name    string
}

func (s *Server) getTokensPage(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, http.StatusOK, s.adminData(w, r, "admin.tokens"), "", nil)
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, a adminPage, name string, created *apiTokenCreated) {
	ts, err := s.listAPITokens(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	users, err := s.store.ListUsers(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	who := map[int64]string{}
	for _, u := range users {
		who[u.ID] = firstOf(u.Name, u.Email)
	}
	d := tokensPage{adminPage: a, Created: created, Name: name}
	for _, t := range ts {
		row := tokenRow{ID: t.ID, Name: t.Name, User: who[t.UserID],
			Created: t.CreatedAt.In(time.Local).Format("2006-01-02 15:04"), LastUsed: d.T("admin.never")}
		if t.LastUsedAt != nil {
			row.LastUsed = t.LastUsedAt.In(time.Local).Format("2006-01-02 15:04")
		}
		d.Tokens = append(d.Tokens, row)
	}
	s.render(w, r, status, "admin_tokens", d)
}

func (s *Server) postTokenCreate(w http.ResponseWriter, r *http.Request) {
	if !s.parsePosted(w, r) {
		return
	}
	a := s.adminData(w, r, "admin.tokens")
	created, err := s.createAPIToken(withJSON(r, postedJSON(r, []string{"name"}, nil)))
	if err != nil {
		st := a.refuse(err)
		if st == 0 {
			s.writeError(w, r, err)
			return
		}
		s.renderTokens(w, r, st, a, r.PostForm.Get("name"), nil)
		return
	}
	a.Notice = "admin.token_created"
	s.renderTokens(w, r, http.StatusCreated, a, "", created)
}

func (s *Server) postTokenRevoke(w http.ResponseWriter, r *http.Request) {
	if _, err := s.revokeAPIToken(r); err != nil && !crm.IsNotFound(err) {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/tokens?saved=1", http.StatusSeeOther)
}
