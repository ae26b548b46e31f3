package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// SaveMailboxToken keeps a fetched OAuth2 access token with its expiry,
// and a refresh token the provider rotated. It changes only the secrets,
// so an admin's concurrent edit of the settings is not undone. ENOTFOUND.
func (db *DB) SaveMailboxToken(ctx context.Context, id int64, token crm.Secret, expires time.Time, refresh crm.Secret) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		s, err := db.secrets(ctx, tx, id)
		if err != nil {
			return err
		}
		exp := utc(expires)
		s.OAuthToken, s.OAuthTokenExpires = token.Reveal(), &exp
		if refresh != "" {
			s.OAuthRefreshToken = refresh.Reveal()
		}
		_, err = tx.ExecContext(ctx, `UPDATE mailboxes SET secrets = $1 WHERE id = $2`, db.seal(jsonArg(s).(string)), id)
		return db.wrap(err, "save mailbox token")
	})
}

// secrets reads mailbox id's secrets in tx. ENOTFOUND.
func (db *DB) secrets(ctx context.Context, tx *sql.Tx, id int64) (mailboxSecrets, error) {
	var raw string
	var s mailboxSecrets
	err := tx.QueryRowContext(ctx, `SELECT secrets FROM mailboxes WHERE id = $1`, id).Scan(&raw)
	if err != nil {
		return s, db.notFound(err, "Mailbox", "read mailbox secrets")
	}
	if raw, err = db.open(raw); err != nil {
		return s, err
	}
	return s, db.wrap(json.Unmarshal([]byte(raw), &s), "read mailbox secrets")
}
