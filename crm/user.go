package crm

import (
	"context"
	"time"
)

// Role decides what a user may see and do.
type Role string

const (
	RoleAdmin   Role = "admin"   // everything
	RoleManager Role = "manager" // their team's records, the pool, and their own
	RoleRep     Role = "rep"     // their own records and the pool
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleManager || r == RoleRep }

// User is a person who logs in to Rapport.
type User struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	TeamID       *int64    `json:"team_id"`
	Locale       string    `json:"locale"` // "zh-CN" or "en"; empty follows the browser
	Disabled     bool      `json:"disabled"`
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// Viewer returns the visibility scope of u.
func (u *User) Viewer() Viewer {
	v := Viewer{UserID: u.ID, Role: u.Role}
	if u.TeamID != nil {
		v.TeamID = *u.TeamID
	}
	return v
}

// Validate checks the fields a store requires.
func (u *User) Validate() error {
	p := Problems{}
	if e, ok := NormalizeEmail(u.Email); ok {
		u.Email = e
	} else {
		p.Add("email", "is not a valid email address")
	}
	if !u.Role.Valid() {
		p.Add("role", "must be one of admin, manager, rep")
	}
	p.MaxLen("name", u.Name, 200)
	p.OneOf("locale", u.Locale, "zh-CN", "en")
	return p.Err()
}

// Team groups reps under managers.
type Team struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// Session is a browser login. Only the hash of its token is stored.
type Session struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// APIToken lets an integration call the API as a user. Only the hash of the
// token is stored; the token itself is shown once, when it is created.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	TokenHash  string     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// UserStore keeps users, teams, sessions and API tokens.
type UserStore interface {
	UserAdminStore

	// CreateUser stores u and sets its ID and CreatedAt.
	// EINVALID for bad fields, ECONFLICT when the email is taken.
	CreateUser(ctx context.Context, u *User) error
	// UpdateUser saves name, role, team, locale, disabled and password hash.
	// ENOTFOUND, EINVALID; ECONFLICT (LastAdminMessage) when it would leave
	// no enabled admin.
	UpdateUser(ctx context.Context, u *User) error
	// UserByID returns a user. ENOTFOUND.
	UserByID(ctx context.Context, id int64) (*User, error)
	// UserByEmail returns a user by address, case-insensitively. ENOTFOUND.
	UserByEmail(ctx context.Context, email string) (*User, error)
	// ListUsers returns every user, ordered by id.
	ListUsers(ctx context.Context) ([]*User, error)
	// CountUsers returns how many users exist (used for the first-start admin).
	CountUsers(ctx context.Context) (int, error)

	// CreateTeam stores t. EINVALID, ECONFLICT for a taken name.
	CreateTeam(ctx context.Context, t *Team) error
	// ListTeams returns every team, ordered by id.
	ListTeams(ctx context.Context) ([]*Team, error)

	// CreateSession stores s. ECONFLICT if the hash exists.
	CreateSession(ctx context.Context, s *Session) error
	// SessionUser returns the user of an unexpired session of an enabled
	// user. ENOTFOUND otherwise.
	SessionUser(ctx context.Context, tokenHash string) (*User, error)
	// DeleteSession removes a session; removing a missing one is not an error.
	DeleteSession(ctx context.Context, tokenHash string) error

	// CreateAPIToken stores t and sets its ID. EINVALID, ECONFLICT.
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// APITokenUser returns the enabled user owning a token and records its
	// use. ENOTFOUND otherwise.
	APITokenUser(ctx context.Context, tokenHash string) (*User, error)
}
