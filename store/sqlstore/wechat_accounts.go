package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.WeChatStore = (*DB)(nil)

const wechatAccountCols = `app_id, name, app_secret, token, encoding_aes_key, mode, templates, api_base, created_at, updated_at`

func (db *DB) scanWeChatAccount(r scanner) (*crm.WeChatAccount, error) {
	a := &crm.WeChatAccount{}
	var secret, token, aesKey string
	err := r.Scan(&a.AppID, &a.Name, sealedCol{db, &secret}, sealedCol{db, &token}, sealedCol{db, &aesKey}, &a.Mode,
		jsonCol{&a.Templates}, &a.APIBase, tm{&a.CreatedAt}, tm{&a.UpdatedAt})
	a.AppSecret, a.Token, a.EncodingAESKey = secret, token, aesKey
	return a, err
}

// CreateWeChatAccount stores a, with an empty token row for its instances
// to share. EINVALID, ECONFLICT.
func (db *DB) CreateWeChatAccount(ctx context.Context, a *crm.WeChatAccount) error {
	if err := a.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		_, err := tx.ExecContext(ctx, `INSERT INTO wechat_accounts (`+wechatAccountCols+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`, a.AppID, a.Name, db.seal(a.AppSecret),
			db.seal(a.Token), db.seal(a.EncodingAESKey), a.Mode, jsonArg(templatesOrEmpty(a.Templates)), a.APIBase, now)
		if err != nil {
			return db.conflict(err, "create wechat account", "A WeChat account with this AppID exists.")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO wechat_tokens (app_id) VALUES ($1)`, a.AppID)
		a.CreatedAt, a.UpdatedAt = now, now
		return db.wrap(err, "create wechat token row")
	})
}

func templatesOrEmpty(t map[string]crm.WeChatTemplate) map[string]crm.WeChatTemplate {
	if t == nil {
		return map[string]crm.WeChatTemplate{}
	}
	return t
}

// UpdateWeChatAccount saves a. ENOTFOUND, EINVALID.
func (db *DB) UpdateWeChatAccount(ctx context.Context, a *crm.WeChatAccount) error {
	if err := a.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		res, err := tx.ExecContext(ctx, `UPDATE wechat_accounts SET name = $2, app_secret = $3, token = $4,
			encoding_aes_key = $5, mode = $6, templates = $7, api_base = $8, updated_at = $9 WHERE app_id = $1`,
			a.AppID, a.Name, db.seal(a.AppSecret), db.seal(a.Token), db.seal(a.EncodingAESKey), a.Mode,
			jsonArg(templatesOrEmpty(a.Templates)), a.APIBase, now)
		if err != nil {
			return db.wrap(err, "update wechat account")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return crm.Errorf(crm.ENOTFOUND, "WeChat account not found.")
		}
		a.UpdatedAt = now
		return nil
	})
}

// WeChatAccount returns one account. ENOTFOUND.
func (db *DB) WeChatAccount(ctx context.Context, appID string) (a *crm.WeChatAccount, err error) {
	err = db.query(ctx, func(q querier) error {
		a, err = db.scanWeChatAccount(q.QueryRowContext(ctx,
			`SELECT `+wechatAccountCols+` FROM wechat_accounts WHERE app_id = $1`, appID))
		return db.notFound(err, "WeChat account", "get wechat account")
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// WeChatAccounts returns every account, by AppID.
func (db *DB) WeChatAccounts(ctx context.Context) (as []*crm.WeChatAccount, err error) {
	err = db.query(ctx, func(q querier) error {
		as, err = queryAll(ctx, q, db.scanWeChatAccount, `SELECT `+wechatAccountCols+` FROM wechat_accounts ORDER BY app_id`)
		return db.wrap(err, "list wechat accounts")
	})
	return as, err
}
