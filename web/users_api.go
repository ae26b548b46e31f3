package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// userBody is a user as the API takes it: the user's fields and, to set or
// change it, a password (stored only as its hash).
type userBody struct {
	*crm.User
	Password *string `json:"password,omitempty"`
}

func (s *Server) getMe(r *http.Request) (*crm.User, error) {
	return userOf(r.Context()), nil
}

// listUsers lists every user: anyone logged in needs them to assign work.
func (s *Server) listUsers(r *http.Request) (crm.List[*crm.User], error) {
	us, err := s.store.ListUsers(r.Context())
	return crm.NewList(us, len(us), func(u *crm.User) int64 { return u.ID }), err
}

func (s *Server) getUser(r *http.Request) (*crm.User, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.store.UserByID(r.Context(), id)
}

func (s *Server) createUser(r *http.Request) (*crm.User, error) {
	u := &crm.User{Role: crm.RoleRep}
	in := userBody{User: u}
	if err := decodeNew(r, &in); err != nil {
		return nil, err
	}
	u.ID, u.CreatedAt = 0, s.now()
	if in.Password == nil {
		return nil, invalid("password", "is required")
	}
	if err := s.prepareUser(r.Context(), u, in.Password); err != nil {
		return nil, err
	}
	if err := s.store.CreateUser(r.Context(), u); err != nil {
		return nil, err
	}
	return u, s.auditUser(r, "user.create", u)
}

// updateUser changes a user; the email is the login name and stays.
func (s *Server) updateUser(r *http.Request) (*crm.User, error) {
	old, err := s.getUser(r)
	if err != nil {
		return nil, err
	}
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	u, err := clone(old)
	if err != nil {
		return nil, err
	}
	in := userBody{User: u}
	if err := b.into(&in); err != nil {
		return nil, err
	}
	if u.Email != old.Email {
		return nil, invalid("email", "cannot be changed")
	}
	u.ID, u.CreatedAt, u.PasswordHash = old.ID, old.CreatedAt, old.PasswordHash
	if err := s.prepareUser(r.Context(), u, in.Password); err != nil {
		return nil, err
	}
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		return nil, err
	}
	return u, s.auditUser(r, "user.update", u)
}

// prepareUser validates u, checks its team and hashes a new password.
func (s *Server) prepareUser(ctx context.Context, u *crm.User, password *string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if err := s.checkTeam(ctx, u.TeamID); err != nil {
		return err
	}
	if password == nil {
		return nil
	}
	// The same gate as logins: a script creating users in parallel must
	// not hold 64 MiB per request either.
	release, ok := s.hashes.enter(ctx)
	if !ok {
		return crm.Errorf(crm.ERATELIMITED, "Too many passwords are being checked; try again in a few seconds.")
	}
	defer release()
	h, err := crm.HashPassword(*password)
	u.PasswordHash = h
	return err
}

func (s *Server) checkTeam(ctx context.Context, id *int64) error {
	if id == nil {
		return nil
	}
	teams, err := s.store.ListTeams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		if t.ID == *id {
			return nil
		}
	}
	return invalid("team_id", "is not a team")
}

func (s *Server) auditUser(r *http.Request, action string, u *crm.User) error {
	actor := userOf(r.Context()).ID
	return s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &actor, Action: action,
		Subject: crm.Ref{Kind: refUser, ID: u.ID},
		Detail:  fmt.Sprintf("role %s, team %v, disabled %t", u.Role, teamText(u.TeamID), u.Disabled)})
}

func teamText(id *int64) string {
	if id == nil {
		return "none"
	}
	return fmt.Sprint(*id)
}

func (s *Server) listTeams(r *http.Request) (crm.List[*crm.Team], error) {
	ts, err := s.store.ListTeams(r.Context())
	return crm.NewList(ts, len(ts), func(t *crm.Team) int64 { return t.ID }), err
}

func (s *Server) createTeam(r *http.Request) (*crm.Team, error) {
	t := &crm.Team{}
	if err := decodeNew(r, t); err != nil {
		return nil, err
	}
	t.ID, t.CreatedAt = 0, s.now()
	p := crm.Problems{}
	p.Require("name", t.Name)
	p.MaxLen("name", t.Name, 200)
	if err := p.Err(); err != nil {
		return nil, err
	}
	return t, s.store.CreateTeam(r.Context(), t)
}
