package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// teamView is a team's card on the teams page.
type teamView struct {
	ID         int64
	Name       string
	Members    []userRow
	Others     []selectOption // users an admin may add
	HasRule    bool
	RuleOn     bool // the checkbox: the rule, or what a refused form asked
	LeadCap    string
	EditRule   bool
	Problems   map[string]string
	Error      string
	RepsActive int
}

// teamsPage is what pages/admin_teams.html sees.
type teamsPage struct {
	adminPage
	Teams   []teamView
	IsAdmin bool
	NewName string
}

func (s *Server) getTeamsPage(w http.ResponseWriter, r *http.Request) {
	s.renderTeams(w, r, http.StatusOK, s.adminData(w, r, "admin.teams"), 0, nil)
}

// renderTeams shows every team to an admin and a manager their own; failed,
// when not nil, is the refusal of the form of team failedID.
func (s *Server) renderTeams(w http.ResponseWriter, r *http.Request, status int, a adminPage, failedID int64, failed *teamView) {
	v := viewerOf(r)
	if v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
		s.writeError(w, r, errForbidden("Only an admin or a manager may manage teams."))
		return
	}
	ctx := r.Context()
	teams, err := s.store.ListTeams(ctx)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rules, err := s.store.ListAssignmentRules(ctx)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	caps := map[int64]int{}
	for _, ru := range rules {
		caps[ru.TeamID] = ru.LeadCap
	}
	d := teamsPage{adminPage: a, IsAdmin: v.Role == crm.RoleAdmin}
	for _, t := range teams {
		if !d.IsAdmin && t.ID != v.TeamID {
			continue
		}
		tv := teamView{ID: t.ID, Name: t.Name, EditRule: d.IsAdmin || t.ID == v.TeamID, Problems: map[string]string{}}
		tv.LeadCap = "20"
		if c, ok := caps[t.ID]; ok {
			tv.HasRule, tv.LeadCap = true, strconv.Itoa(c)
		}
		tv.RuleOn = tv.HasRule
		for _, u := range users {
			if u.TeamID != nil && *u.TeamID == t.ID {
				tv.Members = append(tv.Members, userRow{ID: u.ID, Name: u.Name, Email: u.Email,
					Role: d.T("role." + string(u.Role)), State: userState(u), Manage: mayManage(v, u)})
				if u.Role == crm.RoleRep && !u.Disabled {
					tv.RepsActive++
				}
			} else if d.IsAdmin && !u.Disabled {
				tv.Others = append(tv.Others, selectOption{Value: strconv.FormatInt(u.ID, 10), Label: u.Name + " <" + u.Email + ">"})
			}
		}
		if failed != nil && failedID == t.ID {
			tv.Problems, tv.Error = failed.Problems, failed.Error
			if failed.LeadCap != "" || failed.RuleOn {
				tv.LeadCap, tv.RuleOn = failed.LeadCap, failed.RuleOn
			}
			if failed.Name != "" {
				tv.Name = failed.Name
			}
		}
		d.Teams = append(d.Teams, tv)
	}
	s.render(w, r, status, "admin_teams", d)
}

// postTeamCreate creates a team (admin).
func (s *Server) postTeamCreate(w http.ResponseWriter, r *http.Request) {
	if !s.parsePosted(w, r) {
		return
	}
	_, err := s.createTeam(withJSON(r, postedJSON(r, []string{"name"}, nil)))
	if err != nil {
		a := s.adminData(w, r, "admin.teams")
		st := a.refuse(err)
		if st == 0 {
			s.writeError(w, r, err)
			return
		}
		a.Error = firstOf(a.Problems["name"], a.Error)
		s.renderTeams(w, r, st, a, 0, nil)
		return
	}
	http.Redirect(w, r, "/admin/teams?saved=1", http.StatusSeeOther)
}

// postTeamPage is a team card's forms: op=rename (admin), op=rule (admin
// or the team's manager), op=add and op=remove a member (admin).
func (s *Server) postTeamPage(w http.ResponseWriter, r *http.Request) {
	if !s.parsePosted(w, r) {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	failed := &teamView{}
	switch r.PostForm.Get("op") {
	case "rename":
		failed.Name = strings.TrimSpace(r.PostForm.Get("name"))
		_, err = s.adminOnly(r, func() (any, error) {
			return s.renameTeam(withJSON(r, postedJSON(r, []string{"name"}, nil)))
		})
	case "rule":
		failed.LeadCap = strings.TrimSpace(r.PostForm.Get("lead_cap"))
		failed.RuleOn = r.PostForm.Get("enabled") != ""
		err = s.postRule(r, failed.LeadCap)
	case "add", "remove":
		_, err = s.adminOnly(r, func() (any, error) { return s.moveMember(r, id, r.PostForm.Get("op") == "add") })
	default:
		err = invalid("op", "is required")
	}
	if err != nil {
		a := s.adminData(w, r, "admin.teams")
		st := a.refuse(err)
		if st == 0 {
			s.writeError(w, r, err)
			return
		}
		failed.Problems, failed.Error = a.Problems, a.Error
		a.Problems, a.Error = map[string]string{}, ""
		s.renderTeams(w, r, st, a, id, failed)
		return
	}
	http.Redirect(w, r, "/admin/teams?saved=1#team-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) adminOnly(r *http.Request, f func() (any, error)) (any, error) {
	if viewerOf(r).Role != crm.RoleAdmin {
		return nil, errForbidden("Only an admin may do this.")
	}
	return f()
}

// postRule turns the round robin on with a cap, or off.
func (s *Server) postRule(r *http.Request, leadCap string) error {
	if r.PostForm.Get("enabled") == "" {
		_, err := s.deleteAssignmentRule(r)
		return err
	}
	n, err := strconv.Atoi(leadCap)
	if err != nil {
		if leadCap == "" {
			return invalid("lead_cap", "is required")
		}
		return invalid("lead_cap", "must be a whole number")
	}
	_, err = s.setAssignmentRule(withJSON(r, []byte(`{"lead_cap":`+strconv.Itoa(n)+`}`)))
	return err
}

// moveMember puts the user of the form into the team, or takes them out.
func (s *Server) moveMember(r *http.Request, teamID int64, add bool) (*crm.User, error) {
	uid, err := strconv.ParseInt(r.PostForm.Get("user_id"), 10, 64)
	if err != nil {
		return nil, invalid("user_id", "is required")
	}
	u, err := s.store.UserByID(r.Context(), uid)
	if err != nil {
		return nil, err
	}
	if add {
		u.TeamID = &teamID
	} else if u.TeamID != nil && *u.TeamID == teamID {
		u.TeamID = nil
	}
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		return nil, err
	}
	return u, s.auditUser(r, "user.update", u)
}
