package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// adminPage is what every admin page sees: its tabs, a notice, a refusal
// in the page's language, and the fields' problems.
type adminPage struct {
	pageData
	Tabs     []navLink
	Notice   string            // a message key
	Error    string            // translated
	Problems map[string]string // by field, translated
}

func (s *Server) adminData(w http.ResponseWriter, r *http.Request, titleKey string) adminPage {
	d := adminPage{pageData: s.pageData(w, r, titleKey), Problems: map[string]string{}}
	tabs := []struct{ key, url string }{{"admin.users", "/admin/users"}, {"admin.teams", "/admin/teams"}}
	if d.User.Role == crm.RoleAdmin {
		tabs = append(tabs, struct{ key, url string }{"admin.tokens", "/admin/tokens"},
			struct{ key, url string }{"admin.setup", "/setup"})
	}
	for _, t := range tabs {
		d.Tabs = append(d.Tabs, navLink{Label: d.T(t.key), URL: t.url, Current: d.Under(t.url)})
	}
	if r.URL.Query().Get("saved") != "" {
		d.Notice = "settings.saved"
	}
	return d
}

// refuse puts err on the page in its language: each field's problem beside
// its input, anything else above the form. It answers the status to use,
// or 0 when err is not something a person can correct (then the caller
// writes it as it is).
func (d *adminPage) refuse(err error) int {
	code := crm.ErrorCode(err)
	switch code {
	case crm.EINVALID, crm.ECONFLICT, crm.EFORBIDDEN, crm.ENOTFOUND:
	default:
		return 0
	}
	l := localize(d.Lang, err) // an unknown message becomes its code's sentence, never English
	for name, msg := range l.Fields {
		d.Problems[name] = msg
	}
	if len(d.Problems) == 0 || code != crm.EINVALID {
		d.Error = l.Message
	}
	return httpStatus(err)
}

// postedJSON is the submitted form's named inputs as a JSON object, for the
// API's own handlers; "team_id" and the like become numbers or null.
func postedJSON(r *http.Request, strs []string, ids []string) []byte {
	m := map[string]any{}
	for _, k := range strs {
		if v, ok := r.PostForm[k]; ok {
			m[k] = strings.TrimSpace(v[0])
		}
	}
	for _, k := range ids {
		if v, ok := r.PostForm[k]; ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(v[0]), 10, 64); err == nil {
				m[k] = n
			} else if strings.TrimSpace(v[0]) == "" {
				m[k] = nil
			} else {
				m[k] = v[0] // the API refuses it with its own message
			}
		}
	}
	b, _ := json.Marshal(m)
	return b
}

// parsePosted reads a page's form, within the body limit.
func (s *Server) parsePosted(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, invalid("body", "the form could not be read"))
		return false
	}
	return true
}

// userRow is a user's line on the users page.
type userRow struct {
	ID                      int64
	Name, Email, Role, Team string
	State                   string // active, invited, disabled
	Manage                  bool
	Created                 string
}

// usersPage is what pages/admin_users.html sees.
type usersPage struct {
	adminPage
	Users   []userRow
	Roles   []selectOption
	Teams   []selectOption
	Invite  map[string]string // the invitation form's values
	Link    *passwordLink     // shown once, after an invitation
	IsAdmin bool
}

func (s *Server) getUsersPage(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, s.adminData(w, r, "admin.users"), nil, nil)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, a adminPage, form map[string]string, link *passwordLink) {
	v := viewerOf(r)
	if v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
		s.writeError(w, r, errForbidden("Only an admin or a manager may manage users."))
		return
	}
	ctx := r.Context()
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	teams, err := s.store.ListTeams(ctx)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := usersPage{adminPage: a, Link: link, IsAdmin: v.Role == crm.RoleAdmin, Invite: form}
	if d.Invite == nil {
		d.Invite = map[string]string{"role": string(crm.RoleRep)}
	}
	names := teamNames(teams)
	for _, u := range users {
		if v.Role == crm.RoleManager && (u.TeamID == nil || *u.TeamID != v.TeamID) {
			continue // a manager's page is their team
		}
		d.Users = append(d.Users, userRow{ID: u.ID, Name: u.Name, Email: u.Email, Role: d.T("role." + string(u.Role)),
			Team: names[teamIDText(u.TeamID)], State: userState(u), Manage: mayManage(v, u),
			Created: u.CreatedAt.In(time.Local).Format("2006-01-02")})
	}
	roles := []crm.Role{crm.RoleRep}
	if d.IsAdmin {
		roles = append(roles, crm.RoleManager, crm.RoleAdmin)
	}
	for _, ro := range roles {
		d.Roles = append(d.Roles, selectOption{Value: string(ro), Label: d.T("role." + string(ro)),
			Selected: d.Invite["role"] == string(ro)})
	}
	d.Teams = teamOptions(teams, d.Invite["team_id"], v, d.T("admin.no_team"))
	s.render(w, r, status, "admin_users", d)
}

func teamNames(teams []*crm.Team) map[string]string {
	m := map[string]string{"": ""}
	for _, t := range teams {
		m[strconv.FormatInt(t.ID, 10)] = t.Name
	}
	return m
}

func teamIDText(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

// teamOptions are the teams a viewer may put someone in: any for an admin,
// their own for a manager.
func teamOptions(teams []*crm.Team, chosen string, v crm.Viewer, none string) []selectOption {
	var out []selectOption
	if v.Role == crm.RoleAdmin {
		out = append(out, selectOption{Value: "", Label: none, Selected: chosen == ""})
	}
	for _, t := range teams {
		if v.Role != crm.RoleAdmin && t.ID != v.TeamID {
			continue
		}
		id := strconv.FormatInt(t.ID, 10)
		out = append(out, selectOption{Value: id, Label: t.Name, Selected: id == chosen || v.Role != crm.RoleAdmin})
	}
	return out
}

func userState(u *crm.User) string {
	switch {
	case u.Disabled:
		return "disabled"
	case u.PasswordHash == "":
		return "invited"
	}
	return "active"
}

// postInvitePageForm invites from the users page and shows the link once.
func (s *Server) postInvitePageForm(w http.ResponseWriter, r *http.Request) {
	if !s.parsePosted(w, r) {
		return
	}
	form := map[string]string{}
	for _, k := range []string{"email", "name", "role", "team_id"} {
		form[k] = strings.TrimSpace(r.PostForm.Get(k))
	}
	a := s.adminData(w, r, "admin.users")
	body := postedJSON(r, []string{"email", "name", "role"}, []string{"team_id"})
	link, err := s.inviteUser(withJSON(r, body))
	if err != nil {
		st := a.refuse(err)
		if st == 0 {
			s.writeError(w, r, err)
			return
		}
		s.renderUsers(w, r, st, a, form, nil)
		return
	}
	a.Notice = "admin.invited"
	s.renderUsers(w, r, http.StatusCreated, a, nil, link)
}

// userPage is what pages/admin_user.html sees.
type userPage struct {
	adminPage
	Target  *crm.User
	State   string
	Roles   []selectOption
	Teams   []selectOption
	Link    *passwordLink
	IsAdmin bool
	Manage  bool
	Self    bool
}

func (s *Server) getUserPage(w http.ResponseWriter, r *http.Request) {
	s.renderUser(w, r, http.StatusOK, s.adminData(w, r, "admin.user"), nil, nil)
}

// renderUser shows the user in the path; edited, when not nil, holds the
// refused form's values.
func (s *Server) renderUser(w http.ResponseWriter, r *http.Request, status int, a adminPage, edited *crm.User, link *passwordLink) {
	v := viewerOf(r)
	u, err := s.getUser(r)
	if err == nil && v.Role != crm.RoleAdmin && !mayManage(v, u) {
		err = errForbidden("Only an admin, or the manager of a rep's team, may do this.")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	teams, err := s.store.ListTeams(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	shown := u
	if edited != nil {
		shown = edited
	}
	d := userPage{adminPage: a, Target: shown, State: userState(u), Link: link, IsAdmin: v.Role == crm.RoleAdmin,
		Manage: mayManage(v, u), Self: u.ID == v.UserID}
	for _, ro := range []crm.Role{crm.RoleRep, crm.RoleManager, crm.RoleAdmin} {
		d.Roles = append(d.Roles, selectOption{Value: string(ro), Label: d.T("role." + string(ro)), Selected: shown.Role == ro})
	}
	d.Teams = teamOptions(teams, teamIDText(shown.TeamID), v, d.T("admin.no_team"))
	s.render(w, r, status, "admin_user", d)
}

// postUserPage saves a user's name, role and team through the API (admin).
func (s *Server) postUserPage(w http.ResponseWriter, r *http.Request) {
	if !s.parsePosted(w, r) {
		return
	}
	body := postedJSON(r, []string{"name", "role"}, []string{"team_id"})
	if _, err := s.updateUser(withJSON(r, body)); err != nil {
		a := s.adminData(w, r, "admin.user")
		st := a.refuse(err)
		if st == 0 {
			s.writeError(w, r, err)
			return
		}
		edited := &crm.User{Name: r.PostForm.Get("name"), Role: crm.Role(r.PostForm.Get("role"))}
		if n, err := strconv.ParseInt(r.PostForm.Get("team_id"), 10, 64); err == nil {
			edited.TeamID = &n
		}
		if u, err := s.getUser(r); err == nil {
			edited.ID, edited.Email, edited.Disabled, edited.PasswordHash = u.ID, u.Email, u.Disabled, u.PasswordHash
		}
		s.renderUser(w, r, st, a, edited, nil)
		return
	}
	http.Redirect(w, r, "/admin/users/"+chi.URLParam(r, "id")+"?saved=1", http.StatusSeeOther)
}

// postUserAction deactivates, reactivates or resets the password of the
// user in the path; a reset shows its link once.
func (s *Server) postUserAction(w http.ResponseWriter, r *http.Request) {
	var err error
	var link *passwordLink
	switch chi.URLParam(r, "action") {
	case "disable":
		_, err = s.disableUser(r)
	case "enable":
		_, err = s.enableUser(r)
	case "reset":
		link, err = s.resetPassword(r)
	default:
		err = crm.Errorf(crm.ENOTFOUND, "No such action.")
	}
	a := s.adminData(w, r, "admin.user")
	if err != nil {
		st := a.refuse(err)
		if st == 0 || crm.ErrorCode(err) == crm.ENOTFOUND {
			s.writeError(w, r, err)
			return
		}
		s.renderUser(w, r, st, a, nil, nil)
		return
	}
	if link != nil {
		a.Notice = "admin.reset_done"
		s.renderUser(w, r, http.StatusOK, a, nil, link)
		return
	}
	http.Redirect(w, r, "/admin/users/"+chi.URLParam(r, "id")+"?saved=1", http.StatusSeeOther)
}
