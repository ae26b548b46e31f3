package crm

import (
	"context"
	"time"
)

// KeyPurpose says what a one-time password link is for.
type KeyPurpose string

const (
	KeyInvite KeyPurpose = "invite" // a new user chooses their first password
	KeyReset  KeyPurpose = "reset"  // an admin or manager reset the password
)

// UserKey is a one-time link that lets a person set their password. Only
// the hash of its secret is stored; the link is shown once to whoever made
// it (no mail server need be configured).
type UserKey struct {
	TokenHash string
	UserID    int64
	Purpose   KeyPurpose
	CreatedBy *int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// LastAdminMessage refuses a change that would leave no enabled admin.
const LastAdminMessage = "This is the last administrator: make another user an admin first."

// UserAdminStore is what the admin pages need beyond UserStore.
type UserAdminStore interface {
	// RenameTeam renames a team. ENOTFOUND, EINVALID, ECONFLICT for a taken name.
	RenameTeam(ctx context.Context, id int64, name string) error
	// ListAPITokens returns every API token, newest first.
	ListAPITokens(ctx context.Context) ([]*APIToken, error)
	// DeleteAPIToken removes a token, which stops working at once, and
	// returns what it was. ENOTFOUND.
	DeleteAPIToken(ctx context.Context, id int64) (*APIToken, error)
	// ListAssignmentRules returns every team's round robin, by team.
	ListAssignmentRules(ctx context.Context) ([]AssignmentRule, error)
	// DeleteAssignmentRule ends a team's round robin (its new leads then
	// stay unassigned); a team without one is not an error.
	DeleteAssignmentRule(ctx context.Context, teamID int64) error
	// CreateUserKey stores k, replacing the user's earlier key. For a reset
	// it also clears the password and ends the user's sessions: whoever
	// knew the old one is out at once. EINVALID, ENOTFOUND for the user.
	CreateUserKey(ctx context.Context, k *UserKey) error
	// UserKeyOf returns an unexpired key and its enabled user. ENOTFOUND.
	UserKeyOf(ctx context.Context, tokenHash string) (*UserKey, *User, error)
	// UseUserKey sets the password hash of the key's user and removes the
	// key, so that a link works once. ENOTFOUND for a missing, used or
	// expired key.
	UseUserKey(ctx context.Context, tokenHash, passwordHash string) (*User, error)
	// InstallFlag reports whether an installation-wide flag is set.
	InstallFlag(ctx context.Context, name string) (bool, error)
	// SetInstallFlag sets a flag (again setting one is not an error).
	SetInstallFlag(ctx context.Context, name string, by int64) error
}
