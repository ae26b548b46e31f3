package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// keyTTL is how long an invitation or reset link works: long enough to
// reach a colleague over a weekend, short enough that a link lying in a
// chat history dies.
const keyTTL = 7 * 24 * time.Hour

// inviteBody is an invitation: who, with what role and team.
type inviteBody struct {
	Email  string   `json:"email"`
	Name   string   `json:"name"`
	Role   crm.Role `json:"role"`
	TeamID *int64   `json:"team_id"`
	Locale string   `json:"locale"`
}

// passwordLink is a one-time link to choose a password, shown once to
// whoever made it: Rapport needs no mail server, so they pass it on.
type passwordLink struct {
	User      *crm.User `json:"user"`
	Link      string    `json:"link"`
	ExpiresAt time.Time `json:"expires_at"`
}

// inviteUser creates a user without a password and answers the link with
// which they choose one. An admin invites anyone; a manager invites reps
// into their own team.
func (s *Server) inviteUser(r *http.Request) (*passwordLink, error) {
	v := viewerOf(r)
	in := inviteBody{Role: crm.RoleRep}
	if err := decodeNew(r, &in); err != nil {
		return nil, err
	}
	if v.Role == crm.RoleManager {
		if in.TeamID == nil && v.TeamID != 0 {
			in.TeamID = &v.TeamID
		}
		if in.Role != crm.RoleRep {
			return nil, &crm.Error{Code: crm.EFORBIDDEN, Message: "A manager may invite reps only.",
				Fields: map[string]string{"role": "a manager may invite reps only"}}
		}
		if in.TeamID == nil || *in.TeamID != v.TeamID {
			return nil, &crm.Error{Code: crm.EFORBIDDEN, Message: "A manager may invite into their own team only.",
				Fields: map[string]string{"team_id": "is not in your team"}}
		}
	} else if v.Role != crm.RoleAdmin {
		return nil, errForbidden("Only an admin or a manager may invite users.")
	}
	u := &crm.User{Email: in.Email, Name: strings.TrimSpace(in.Name), Role: in.Role, TeamID: in.TeamID,
		Locale: in.Locale, CreatedAt: s.now()}
	if err := s.prepareUser(r.Context(), u, nil); err != nil {
		return nil, err
	}
	if err := s.store.CreateUser(r.Context(), u); err != nil {
		return nil, err
	}
	if err := s.auditUser(r, "user.invite", u); err != nil {
		return nil, err
	}
	return s.newPasswordLink(r, u, crm.KeyInvite)
}

// resetPassword ends the user's password and sessions at once and answers
// a link with which they choose a new one.
func (s *Server) resetPassword(r *http.Request) (*passwordLink, error) {
	u, err := s.managedUser(r)
	if err != nil {
		return nil, err
	}
	purpose := crm.KeyReset
	if u.PasswordHash == "" {
		purpose = crm.KeyInvite // never joined: a fresh invitation
	}
	if err := s.auditUser(r, "user."+string(purpose)+"_link", u); err != nil {
		return nil, err
	}
	return s.newPasswordLink(r, u, purpose)
}

func (s *Server) newPasswordLink(r *http.Request, u *crm.User, purpose crm.KeyPurpose) (*passwordLink, error) {
	token, hash, err := crm.NewToken("")
	if err != nil {
		return nil, err
	}
	actor := userOf(r.Context()).ID
	now := s.now()
	k := &crm.UserKey{TokenHash: hash, UserID: u.ID, Purpose: purpose, CreatedBy: &actor,
		CreatedAt: now, ExpiresAt: now.Add(keyTTL)}
	if err := s.store.CreateUserKey(r.Context(), k); err != nil {
		return nil, err
	}
	return &passwordLink{User: u, Link: s.publicBase(r) + "/invite/" + token, ExpiresAt: k.ExpiresAt}, nil
}

// publicBase is the site's address for links handed out: the configured
// base URL, else the one this request came to.
func (s *Server) publicBase(r *http.Request) string {
	if b := strings.TrimSuffix(s.cfg.BaseURL, "/"); b != "" {
		return b
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// disableUser deactivates a user: their sessions and API tokens stop
// working with the next request.
func (s *Server) disableUser(r *http.Request) (*crm.User, error) { return s.setDisabled(r, true) }

// enableUser lets a deactivated user log in again.
func (s *Server) enableUser(r *http.Request) (*crm.User, error) { return s.setDisabled(r, false) }

func (s *Server) setDisabled(r *http.Request, off bool) (*crm.User, error) {
	u, err := s.managedUser(r)
	if err != nil {
		return nil, err
	}
	if off && u.ID == userOf(r.Context()).ID {
		return nil, crm.Errorf(crm.ECONFLICT, "You cannot deactivate yourself.")
	}
	u.Disabled = off
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		return nil, err
	}
	action := "user.enable"
	if off {
		action = "user.disable"
	}
	return u, s.auditUser(r, action, u)
}

// managedUser is the user in the path when the viewer may manage them: an
// admin anyone, a manager the reps of their own team. A manager asking
// about anyone else is refused without saying more.
func (s *Server) managedUser(r *http.Request) (*crm.User, error) {
	u, err := s.getUser(r)
	if err != nil {
		return nil, err
	}
	if !mayManage(viewerOf(r), u) {
		return nil, errForbidden("Only an admin, or the manager of a rep's team, may do this.")
	}
	return u, nil
}

func mayManage(v crm.Viewer, u *crm.User) bool {
	switch v.Role {
	case crm.RoleAdmin:
		return true
	case crm.RoleManager:
		return u.Role == crm.RoleRep && u.TeamID != nil && *u.TeamID == v.TeamID && v.TeamID != 0
	}
	return false
}

// renameTeam renames a team (admin).
func (s *Server) renameTeam(r *http.Request) (*crm.Team, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	var in crm.Team
	if err := decodeNew(r, &in); err != nil {
		return nil, err
	}
	name := strings.TrimSpace(in.Name)
	if err := s.store.RenameTeam(r.Context(), id, name); err != nil {
		return nil, err
	}
	t, err := s.teamByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	actor := userOf(r.Context()).ID
	return t, s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &actor, Action: "team.rename",
		Subject: crm.Ref{Kind: refTeam, ID: id}, Detail: "name " + name})
}

func (s *Server) teamByID(ctx context.Context, id int64) (*crm.Team, error) {
	teams, err := s.store.ListTeams(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range teams {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, crm.Errorf(crm.ENOTFOUND, "No such team.")
}

// listAssignmentRules lists every team's round robin; teams without one
// leave their new leads unassigned.
func (s *Server) listAssignmentRules(r *http.Request) ([]crm.AssignmentRule, error) {
	rs, err := s.store.ListAssignmentRules(r.Context())
	if rs == nil {
		rs = []crm.AssignmentRule{}
	}
	return rs, err
}

// deleteAssignmentRule ends a team's round robin: an admin for any team, a
// manager for their own.
func (s *Server) deleteAssignmentRule(r *http.Request) (*crm.AssignmentRule, error) {
	ctx, v := r.Context(), viewerOf(r)
	id, err := s.ruleTeam(r)
	if err != nil {
		return nil, err
	}
	if err := s.store.DeleteAssignmentRule(ctx, id); err != nil {
		return nil, err
	}
	actor := v.UserID
	return &crm.AssignmentRule{TeamID: id}, s.store.Audit(ctx, &crm.AuditEntry{ActorID: &actor,
		Action: "team.assignment_rule_off", Subject: crm.Ref{Kind: refTeam, ID: id}, Detail: "round robin off"})
}

// apiTokenCreated is a new token with its secret, answered once.
type apiTokenCreated struct {
	*crm.APIToken
	Secret string `json:"secret"`
}

// tokenBody names a new API token.
type tokenBody struct {
	Name string `json:"name"`
}

// refToken is the audit subject kind for an API token.
const refToken = "api_token"

// listAPITokens lists every API token (admin): name, whose, created, last used.
func (s *Server) listAPITokens(r *http.Request) ([]*crm.APIToken, error) {
	ts, err := s.store.ListAPITokens(r.Context())
	if ts == nil {
		ts = []*crm.APIToken{}
	}
	return ts, err
}

// createAPIToken makes a token that acts as its creator; its secret is in
// this answer only.
func (s *Server) createAPIToken(r *http.Request) (*apiTokenCreated, error) {
	var in tokenBody
	if err := decodeNew(r, &in); err != nil {
		return nil, err
	}
	secret, hash, err := crm.NewToken("rpt_")
	if err != nil {
		return nil, err
	}
	u := userOf(r.Context())
	t := &crm.APIToken{UserID: u.ID, Name: strings.TrimSpace(in.Name), TokenHash: hash}
	if err := s.store.CreateAPIToken(r.Context(), t); err != nil {
		return nil, err
	}
	return &apiTokenCreated{APIToken: t, Secret: secret}, s.store.Audit(r.Context(), &crm.AuditEntry{
		ActorID: &u.ID, Action: "token.create", Subject: crm.Ref{Kind: refToken, ID: t.ID}, Detail: "name " + t.Name})
}

// revokeAPIToken removes a token: calls with it fail from now on.
func (s *Server) revokeAPIToken(r *http.Request) (*crm.APIToken, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	t, err := s.store.DeleteAPIToken(r.Context(), id)
	if err != nil {
		return nil, err
	}
	actor := userOf(r.Context()).ID
	return t, s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &actor, Action: "token.revoke",
		Subject: crm.Ref{Kind: refToken, ID: t.ID}, Detail: fmt.Sprintf("name %s, user %d", t.Name, t.UserID)})
}
