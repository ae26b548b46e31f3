package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rapport-crm/rapport/crm"
)

// RenameTeam renames a team. ENOTFOUND, EINVALID, ECONFLICT.
func (db *DB) RenameTeam(ctx context.Context, id int64, name string) error {
	p := crm.Problems{}
	p.Require("name", name)
	p.MaxLen("name", name, 200)
	if err := p.Err(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE teams SET name = $1 WHERE id = $2`, name, id)
		if err != nil {
			return db.conflict(err, "rename team", "A team with this name exists already.")
		}
		return db.oneRow(res, "Team", "rename team")
	})
}

const tokenCols = `id, user_id, name, created_at, last_used_at`

func scanToken(r scanner) (*crm.APIToken, error) {
	t := &crm.APIToken{}
	return t, r.Scan(&t.ID, &t.UserID, &t.Name, tm{&t.CreatedAt}, ntm{&t.LastUsedAt})
}

// ListAPITokens returns every API token, newest first.
func (db *DB) ListAPITokens(ctx context.Context) (ts []*crm.APIToken, err error) {
	err = db.query(ctx, func(q querier) error {
		ts, err = queryAll(ctx, q, scanToken, `SELECT `+tokenCols+` FROM api_tokens ORDER BY id DESC`)
		return db.wrap(err, "list api tokens")
	})
	return ts, err
}

// DeleteAPIToken removes a token and returns what it was. ENOTFOUND.
func (db *DB) DeleteAPIToken(ctx context.Context, id int64) (t *crm.APIToken, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		t, err = scanToken(tx.QueryRowContext(ctx, `DELETE FROM api_tokens WHERE id = $1 RETURNING `+tokenCols, id))
		return db.notFound(err, "API token", "delete api token")
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// ListAssignmentRules returns every team's round robin, by team.
func (db *DB) ListAssignmentRules(ctx context.Context) (rs []crm.AssignmentRule, err error) {
	err = db.query(ctx, func(q querier) error {
		rs, err = queryAll(ctx, q, func(r scanner) (crm.AssignmentRule, error) {
			var a crm.AssignmentRule
			return a, r.Scan(&a.TeamID, &a.LeadCap)
		}, `SELECT team_id, lead_cap FROM assignment_rules ORDER BY team_id`)
		return db.wrap(err, "list assignment rules")
	})
	return rs, err
}

// DeleteAssignmentRule ends a team's round robin.
func (db *DB) DeleteAssignmentRule(ctx context.Context, teamID int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM assignment_rules WHERE team_id = $1`, teamID)
		return db.wrap(err, "delete assignment rule")
	})
}

// CreateUserKey stores k in place of the user's earlier key; a reset also
// clears the password and ends the user's sessions.
func (db *DB) CreateUserKey(ctx context.Context, k *crm.UserKey) error {
	p := crm.Problems{}
	p.Require("token_hash", k.TokenHash)
	p.OneOf("purpose", string(k.Purpose), string(crm.KeyInvite), string(crm.KeyReset))
	if k.ExpiresAt.IsZero() {
		p.Add("expires_at", "is required")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if k.CreatedAt.IsZero() {
		k.CreatedAt = db.now()
	}
	k.CreatedAt, k.ExpiresAt = utc(k.CreatedAt), utc(k.ExpiresAt)
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		uid := k.UserID
		if err := db.checkExist(ctx, tx, exists{"user_id", "users", &uid}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_keys WHERE user_id = $1`, k.UserID); err != nil {
			return db.wrap(err, "replace user key")
		}
		if k.Purpose == crm.KeyReset {
			if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = '' WHERE id = $1`, k.UserID); err != nil {
				return db.wrap(err, "clear password")
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, k.UserID); err != nil {
				return db.wrap(err, "end sessions")
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO user_keys (token_hash, user_id, purpose, created_by, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, k.TokenHash, k.UserID, string(k.Purpose), idArg(k.CreatedBy),
			k.CreatedAt, k.ExpiresAt)
		return db.conflict(err, "create user key", "This link exists already.")
	})
}

// UserKeyOf returns an unexpired key and its enabled user. ENOTFOUND.
func (db *DB) UserKeyOf(ctx context.Context, tokenHash string) (k *crm.UserKey, u *crm.User, err error) {
	err = db.query(ctx, func(q querier) error {
		k, u, err = db.liveKey(ctx, q, tokenHash)
		return err
	})
	return k, u, err
}

func (db *DB) liveKey(ctx context.Context, q querier, tokenHash string) (*crm.UserKey, *crm.User, error) {
	k := &crm.UserKey{}
	var purpose string
	row := q.QueryRowContext(ctx, `SELECT k.token_hash, k.user_id, k.purpose, k.created_by, k.created_at, k.expires_at
		FROM user_keys k JOIN users u ON u.id = k.user_id
		WHERE k.token_hash = $1 AND k.expires_at > $2 AND NOT u.disabled`, tokenHash, db.now())
	err := row.Scan(&k.TokenHash, &k.UserID, &purpose, nid{&k.CreatedBy}, tm{&k.CreatedAt}, tm{&k.ExpiresAt})
	if err != nil {
		return nil, nil, db.notFound(err, "Link", "user key")
	}
	k.Purpose = crm.KeyPurpose(purpose)
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users u WHERE u.id = $1`, k.UserID))
	if err != nil {
		return nil, nil, db.notFound(err, "User", "user key user")
	}
	return k, u, nil
}

// UseUserKey sets the password of the key's user and removes the key.
func (db *DB) UseUserKey(ctx context.Context, tokenHash, passwordHash string) (u *crm.User, err error) {
	if passwordHash == "" {
		return nil, crm.Errorf(crm.EINVALID, "A password is required.")
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, u, err = db.liveKey(ctx, tx, tokenHash); err != nil {
			return err
		}
		// The delete decides which of two racing uses wins: only one
		// removes the row.
		res, err := tx.ExecContext(ctx, `DELETE FROM user_keys WHERE token_hash = $1`, tokenHash)
		if err != nil {
			return db.wrap(err, "use user key")
		}
		if err := db.oneRow(res, "Link", "use user key"); err != nil {
			return err
		}
		u.PasswordHash = passwordHash
		_, err = tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, passwordHash, u.ID)
		return db.wrap(err, "set password")
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// InstallFlag reports whether a flag is set.
func (db *DB) InstallFlag(ctx context.Context, name string) (set bool, err error) {
	err = db.query(ctx, func(q querier) error {
		var one int
		err := q.QueryRowContext(ctx, `SELECT 1 FROM install_flags WHERE name = $1`, name).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		set = err == nil
		return db.wrap(err, "install flag")
	})
	return set, err
}

// SetInstallFlag sets a flag; setting it again is not an error.
func (db *DB) SetInstallFlag(ctx context.Context, name string, by int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO install_flags (name, set_by, set_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO NOTHING`, name, by, db.now())
		return db.wrap(err, "set install flag")
	})
}

// lockAdmins locks the enabled admins' rows on PostgreSQL before a change
// that may remove one, so that two admins demoting each other at once
// cannot both pass keepAnAdmin.
func (db *DB) lockAdmins(ctx context.Context, tx *sql.Tx) error {
	if db.dialect.Name() != "postgres" {
		return nil // SQLite's write transactions are exclusive already
	}
	_, err := tx.ExecContext(ctx, `SELECT id FROM users WHERE role = 'admin' AND NOT disabled FOR UPDATE`)
	return db.wrap(err, "lock admins")
}

// keepAnAdmin refuses, inside an update's transaction, a change that left
// no enabled admin.
func (db *DB) keepAnAdmin(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled`).Scan(&n); err != nil {
		return db.wrap(err, "count admins")
	}
	if n == 0 {
		return crm.Errorf(crm.ECONFLICT, "%s", crm.LastAdminMessage)
	}
	return nil
}
