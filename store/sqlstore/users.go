package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

const userCols = `u.id, u.email, u.name, u.role, u.team_id, u.locale, u.disabled, u.password_hash, u.created_at`

func scanUser(row scanner) (*crm.User, error) {
	u := &crm.User{}
	var role string
	err := row.Scan(&u.ID, &u.Email, &u.Name, &role, nid{&u.TeamID}, &u.Locale, &u.Disabled,
		&u.PasswordHash, tm{&u.CreatedAt})
	u.Role = crm.Role(role)
	return u, err
}

// CreateUser stores u and sets its ID and CreatedAt.
func (db *DB) CreateUser(ctx context.Context, u *crm.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkExist(ctx, tx, exists{"team_id", "teams", u.TeamID}); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, role, team_id, locale, disabled, password_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			u.Email, u.Name, string(u.Role), idArg(u.TeamID), u.Locale, u.Disabled, u.PasswordHash, now).Scan(&u.ID)
		if err != nil {
			return db.conflict(err, "create user", "A user with this email address exists already.")
		}
		u.CreatedAt = now
		return nil
	})
}

// UpdateUser saves name, role, team, locale, disabled and password hash.
// A new password or a disabled account ends the user's sessions: whoever
// held the old password must not stay logged in. Demoting or disabling the
// last enabled admin is refused (ECONFLICT), so that someone can always
// manage the installation from the pages.
func (db *DB) UpdateUser(ctx context.Context, u *crm.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkExist(ctx, tx, exists{"team_id", "teams", u.TeamID}); err != nil {
			return err
		}
		stillAdmin := u.Role == crm.RoleAdmin && !u.Disabled
		if !stillAdmin {
			if err := db.lockAdmins(ctx, tx); err != nil {
				return err
			}
		}
		var oldHash, oldRole string
		var oldDisabled bool
		err := tx.QueryRowContext(ctx, `SELECT password_hash, role, disabled FROM users WHERE id = $1`, u.ID).
			Scan(&oldHash, &oldRole, &oldDisabled)
		if err != nil {
			return db.notFound(err, "User", "update user")
		}
		if oldHash != u.PasswordHash || u.Disabled {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
				return db.wrap(err, "end sessions")
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, role = $2, team_id = $3, locale = $4,
			disabled = $5, password_hash = $6 WHERE id = $7`,
			u.Name, string(u.Role), idArg(u.TeamID), u.Locale, u.Disabled, u.PasswordHash, u.ID)
		if err != nil {
			return db.wrap(err, "update user")
		}
		if err := db.oneRow(res, "User", "update user"); err != nil {
			return err
		}
		if oldRole == string(crm.RoleAdmin) && !oldDisabled && !stillAdmin {
			return db.keepAnAdmin(ctx, tx)
		}
		return nil
	})
}

// UserByID returns a user. ENOTFOUND.
func (db *DB) UserByID(ctx context.Context, id int64) (*crm.User, error) {
	return db.oneUser(ctx, `SELECT `+userCols+` FROM users u WHERE u.id = $1`, id)
}

// UserByEmail returns a user by address, case-insensitively. ENOTFOUND.
func (db *DB) UserByEmail(ctx context.Context, email string) (*crm.User, error) {
	return db.oneUser(ctx, `SELECT `+userCols+` FROM users u WHERE u.email = $1`,
		strings.ToLower(strings.TrimSpace(email)))
}

func (db *DB) oneUser(ctx context.Context, query string, args ...any) (u *crm.User, err error) {
	err = db.query(ctx, func(q querier) error {
		u, err = scanUser(q.QueryRowContext(ctx, query, args...))
		return db.notFound(err, "User", "get user")
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// ListUsers returns every user, ordered by id.
func (db *DB) ListUsers(ctx context.Context) (users []*crm.User, err error) {
	err = db.query(ctx, func(q querier) error {
		users, err = queryAll(ctx, q, scanUser, `SELECT `+userCols+` FROM users u ORDER BY u.id`)
		return db.wrap(err, "list users")
	})
	return users, err
}

// CountUsers returns how many users exist.
func (db *DB) CountUsers(ctx context.Context) (n int, err error) {
	err = db.query(ctx, func(q querier) error {
		return db.wrap(q.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n), "count users")
	})
	return n, err
}
