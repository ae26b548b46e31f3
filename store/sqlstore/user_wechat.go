package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.UserWeChatStore = (*DB)(nil)

const wechatLinkCols = `id, user_id, app_id, open_id, bound_at, seen_at, revoked_at`

func scanWeChatLink(r scanner) (*crm.WeChatLink, error) {
	l := &crm.WeChatLink{}
	if err := r.Scan(&l.ID, &l.UserID, &l.AppID, &l.OpenID, tm{&l.BoundAt}, tm{&l.SeenAt}, ntm{&l.RevokedAt}); err != nil {
		return nil, err
	}
	return l, nil
}

// SaveBindCode implements crm.UserWeChatStore.
func (db *DB) SaveBindCode(ctx context.Context, userID int64, hash string, expires time.Time) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := db.UserByID(ctx, userID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO user_wechat_codes (code_hash, user_id, created_at, expires_at)
			VALUES ($1, $2, $3, $4)`, hash, userID, db.now(), utc(expires))
		return db.conflict(err, "save bind code", "This code exists already.")
	})
}

// BindWeChat implements crm.UserWeChatStore: the code is spent, the
// user's earlier link and any revoked one of the follower's stay as
// history, and the binding is audited on the user.
func (db *DB) BindWeChat(ctx context.Context, hash, appID, openID string, at time.Time) (l *crm.WeChatLink, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var userID int64
		err := tx.QueryRowContext(ctx, `UPDATE user_wechat_codes SET used_at = $2 WHERE code_hash = $1
			AND used_at IS NULL AND expires_at > $2 RETURNING user_id`, hash, utc(at)).Scan(&userID)
		if errors.Is(err, sql.ErrNoRows) {
			return crm.Errorf(crm.ENOTFOUND, "This binding code is unknown, used or expired.")
		}
		if err != nil {
			return db.wrap(err, "use bind code")
		}
		if old, err := db.StaffWeChat(ctx, appID, openID, at, false); err == nil && old.UserID != userID {
			return crm.Errorf(crm.ECONFLICT, "This WeChat is bound to another user.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE user_wechat_links SET revoked_at = $2 WHERE revoked_at IS NULL
			AND (user_id = $1 OR (app_id = $3 AND open_id = $4))`, userID, utc(at), appID, openID); err != nil {
			return db.wrap(err, "replace wechat link")
		}
		l, err = scanWeChatLink(tx.QueryRowContext(ctx, `INSERT INTO user_wechat_links (user_id, app_id, open_id,
			bound_at, seen_at) VALUES ($1, $2, $3, $4, $4) RETURNING `+wechatLinkCols, userID, appID, openID, utc(at)))
		if err != nil {
			return db.conflict(err, "bind wechat", "This WeChat is bound to another user.")
		}
		return db.Audit(ctx, &crm.AuditEntry{ActorID: &userID, Action: "user.wechat_bind",
			Subject: crm.Ref{Kind: crm.RefUser, ID: userID}, Detail: "app:" + appID + " openid:" + openID})
	})
	return l, err
}

// StaffWeChat implements crm.UserWeChatStore.
func (db *DB) StaffWeChat(ctx context.Context, appID, openID string, at time.Time, seen bool) (l *crm.WeChatLink, err error) {
	// Every push asks this, and nearly every sender is a customer: a read
	// answers them, and only a colleague's push takes the writer.
	err = db.view(ctx, func(q querier) error {
		l, err = scanWeChatLink(q.QueryRowContext(ctx, `SELECT `+wechatLinkCols+` FROM user_wechat_links
			WHERE app_id = $1 AND open_id = $2 AND revoked_at IS NULL`, appID, openID))
		return db.notFound(err, "WeChat link", "staff wechat")
	})
	if err != nil || !seen || !l.SeenAt.Before(at) {
		return l, err
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		l, err = scanWeChatLink(tx.QueryRowContext(ctx, `UPDATE user_wechat_links SET seen_at = $3
			WHERE app_id = $1 AND open_id = $2 AND revoked_at IS NULL AND seen_at < $3 RETURNING `+wechatLinkCols,
			appID, openID, utc(at)))
		if errors.Is(err, sql.ErrNoRows) { // seen later meanwhile (a retried push)
			l, err = db.StaffWeChat(ctx, appID, openID, at, false)
		}
		return db.notFound(err, "WeChat link", "staff wechat")
	})
	return l, err
}

// UserWeChat implements crm.UserWeChatStore.
func (db *DB) UserWeChat(ctx context.Context, userID int64) (l *crm.WeChatLink, err error) {
	err = db.query(ctx, func(q querier) (err error) {
		l, err = scanWeChatLink(q.QueryRowContext(ctx, `SELECT `+wechatLinkCols+` FROM user_wechat_links
			WHERE user_id = $1 AND revoked_at IS NULL`, userID))
		return db.notFound(err, "WeChat link", "user wechat")
	})
	return l, err
}

// RevokeWeChat implements crm.UserWeChatStore.
func (db *DB) RevokeWeChat(ctx context.Context, v crm.Viewer, userID int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		l, err := db.UserWeChat(ctx, userID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE user_wechat_links SET revoked_at = $2 WHERE id = $1`,
			l.ID, db.now()); err != nil {
			return db.wrap(err, "revoke wechat")
		}
		return db.audit(ctx, v, "user.wechat_revoke", crm.Ref{Kind: crm.RefUser, ID: userID},
			"app:"+l.AppID+" openid:"+l.OpenID)
	})
}
