package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// WeChatUser returns what is known of a follower. ENOTFOUND.
func (db *DB) WeChatUser(ctx context.Context, appID, openID string) (*crm.WeChatUser, error) {
	u := &crm.WeChatUser{AppID: appID, OpenID: openID}
	err := db.query(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT union_id, nickname, unsubscribed, unsubscribed_at, fetched_at
			FROM wechat_users WHERE app_id = $1 AND open_id = $2`, appID, openID).
			Scan(&u.UnionID, &u.Nickname, &u.Unsubscribed, ntm{&u.UnsubscribedAt}, ntm{&u.FetchedAt})
		return db.notFound(err, "WeChat user", "get wechat user")
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// SaveWeChatUser stores user info, keeping the subscription state.
func (db *DB) SaveWeChatUser(ctx context.Context, u *crm.WeChatUser) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO wechat_users (app_id, open_id, union_id, nickname, fetched_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (app_id, open_id) DO UPDATE SET union_id = $3,
			nickname = $4, fetched_at = $5`, u.AppID, u.OpenID, u.UnionID, u.Nickname, nullTime(u.FetchedAt))
		if err != nil || u.Nickname == "" {
			return db.wrap(err, "save wechat user")
		}
		// The follower's lead takes the nickname, unless a rep named it.
		_, err = tx.ExecContext(ctx, `UPDATE leads SET name = $1, updated_at = $2 WHERE name = $3 AND id =
			(SELECT lead_id FROM sender_threads WHERE channel = 'wechat' AND account = $4 AND sender = $5)`,
			u.Nickname, db.now(), crm.WeChatFollowerName(u.OpenID), u.AppID, u.OpenID)
		return db.wrap(err, "name the follower's lead")
	})
}

// SetWeChatSubscribed records a subscribe or unsubscribe event.
func (db *DB) SetWeChatSubscribed(ctx context.Context, appID, openID string, subscribed bool, at time.Time) error {
	var since *time.Time
	if !subscribed {
		since = &at
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO wechat_users (app_id, open_id, unsubscribed, unsubscribed_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (app_id, open_id) DO UPDATE SET unsubscribed = $3,
			unsubscribed_at = $4`, appID, openID, !subscribed, nullTime(since))
		return db.wrap(err, "set wechat subscribed")
	})
}
