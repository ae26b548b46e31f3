package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// CreateSession stores s. EINVALID, ECONFLICT if the hash exists.
func (db *DB) CreateSession(ctx context.Context, s *crm.Session) error {
	p := crm.Problems{}
	p.Require("token_hash", s.TokenHash)
	if s.ExpiresAt.IsZero() {
		p.Add("expires_at", "is required")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = db.now()
	}
	s.CreatedAt, s.ExpiresAt = utc(s.CreatedAt), utc(s.ExpiresAt)
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		uid := s.UserID
		if err := db.checkExist(ctx, tx, exists{"user_id", "users", &uid}); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
			VALUES ($1, $2, $3, $4)`, s.TokenHash, s.UserID, s.CreatedAt, s.ExpiresAt)
		return db.conflict(err, "create session", "This session exists already.")
	})
}

// SessionUser returns the user of an unexpired session of an enabled user.
func (db *DB) SessionUser(ctx context.Context, tokenHash string) (*crm.User, error) {
	return db.oneUser(ctx, `SELECT `+userCols+` FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`, tokenHash, db.now())
}

// DeleteSession removes a session; removing a missing one is not an error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
		return db.wrap(err, "delete session")
	})
}

// CreateAPIToken stores t and sets its ID and CreatedAt. EINVALID, ECONFLICT.
func (db *DB) CreateAPIToken(ctx context.Context, t *crm.APIToken) error {
	p := crm.Problems{}
	p.Require("name", t.Name)
	p.MaxLen("name", t.Name, 200)
	p.Require("token_hash", t.TokenHash)
	if err := p.Err(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		uid := t.UserID
		if err := db.checkExist(ctx, tx, exists{"user_id", "users", &uid}); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, t.UserID, t.Name, t.TokenHash, now).Scan(&t.ID)
		if err != nil {
			return db.conflict(err, "create api token", "This API token exists already.")
		}
		t.CreatedAt, t.LastUsedAt = now, nil
		return nil
	})
}

// APITokenUser returns the enabled user owning a token and records its use.
func (db *DB) APITokenUser(ctx context.Context, tokenHash string) (u *crm.User, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userCols+` FROM api_tokens t
			JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND NOT u.disabled`, tokenHash))
		if err != nil {
			return db.notFound(err, "API token", "api token user")
		}
		_, err = tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2`, db.now(), tokenHash)
		return db.wrap(err, "touch api token")
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
