package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// WeChatToken returns the account's shared access token. ENOTFOUND.
func (db *DB) WeChatToken(ctx context.Context, appID string) (*crm.WeChatToken, error) {
	t := &crm.WeChatToken{AppID: appID}
	var exp *time.Time
	err := db.query(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT access_token, expires_at FROM wechat_tokens WHERE app_id = $1`,
			appID).Scan(&t.Token, ntm{&exp})
		return db.notFound(err, "WeChat account", "get wechat token")
	})
	if err != nil {
		return nil, err
	}
	if exp != nil {
		t.ExpiresAt = *exp
	}
	return t, nil
}

// LeaseWeChatToken is a compare-and-set on the token row: one UPDATE, so
// that two instances (on either engine) cannot both win it.
func (db *DB) LeaseWeChatToken(ctx context.Context, appID, stale, holder string, now, until time.Time) (bool, error) {
	var won bool
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE wechat_tokens SET lease_holder = $3, lease_until = $5
			WHERE app_id = $1 AND access_token = $2 AND (lease_until IS NULL OR lease_until <= $4)`,
			appID, stale, holder, utc(now), utc(until))
		if err != nil {
			return db.wrap(err, "lease wechat token")
		}
		n, err := res.RowsAffected()
		won = n == 1
		return db.wrap(err, "lease wechat token")
	})
	return won, err
}

// SaveWeChatToken stores a fetched token and ends holder's lease. A holder
// whose lease was taken over meanwhile still saves: its token is the newest
// WeChat issued.
func (db *DB) SaveWeChatToken(ctx context.Context, t *crm.WeChatToken, holder string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE wechat_tokens SET access_token = $2, expires_at = $3,
			lease_holder = CASE WHEN lease_holder = $4 THEN '' ELSE lease_holder END,
			lease_until = CASE WHEN lease_holder = $4 THEN NULL ELSE lease_until END WHERE app_id = $1`,
			t.AppID, t.Token, utc(t.ExpiresAt), holder)
		return db.wrap(err, "save wechat token")
	})
}
