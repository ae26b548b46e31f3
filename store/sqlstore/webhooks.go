package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const webhookCols = `id, url, description, events, secret, disabled, disabled_reason, failures, created_at, updated_at`

func (db *DB) scanWebhook(r scanner) (*crm.Webhook, error) {
	w := &crm.Webhook{}
	var secret string
	err := r.Scan(&w.ID, &w.URL, &w.Description, jsonCol{&w.Events}, sealedCol{db, &secret}, &w.Disabled,
		&w.DisabledReason, &w.Failures, tm{&w.CreatedAt}, tm{&w.UpdatedAt})
	w.Secret = crm.Secret(secret)
	return w, err
}

// CreateWebhook stores w and sets ID and times. EINVALID.
func (db *DB) CreateWebhook(ctx context.Context, w *crm.Webhook) error {
	if err := w.Validate(); err != nil {
		return err
	}
	now := utc(db.clock())
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO webhooks (url, description, events, secret, disabled,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
			w.URL, w.Description, jsonArg(w.Events), db.seal(w.Secret.Reveal()), w.Disabled, now).Scan(&w.ID)
		w.CreatedAt, w.UpdatedAt = now, now
		return db.wrap(err, "create webhook")
	})
}

// UpdateWebhook saves URL, description, events, the disabled flag and a
// new secret when one is given; enabling clears the failures and reason.
// ENOTFOUND, EINVALID.
func (db *DB) UpdateWebhook(ctx context.Context, w *crm.Webhook) error {
	old, err := db.Webhook(ctx, w.ID)
	if err != nil {
		return err
	}
	if w.Secret == "" {
		w.Secret = old.Secret
	}
	if err := w.Validate(); err != nil {
		return err
	}
	w.Failures, w.DisabledReason = old.Failures, old.DisabledReason
	if !w.Disabled {
		w.Failures, w.DisabledReason = 0, ""
	}
	w.CreatedAt, w.UpdatedAt = old.CreatedAt, utc(db.clock())
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE webhooks SET url = $2, description = $3, events = $4, secret = $5,
			disabled = $6, disabled_reason = $7, failures = $8, updated_at = $9 WHERE id = $1`,
			w.ID, w.URL, w.Description, jsonArg(w.Events), db.seal(w.Secret.Reveal()), w.Disabled, w.DisabledReason,
			w.Failures, w.UpdatedAt)
		if err != nil {
			return db.wrap(err, "update webhook")
		}
		return db.oneRow(res, "Webhook", "update webhook")
	})
}

// Webhook returns one webhook with its secret. ENOTFOUND.
func (db *DB) Webhook(ctx context.Context, id int64) (w *crm.Webhook, err error) {
	err = db.view(ctx, func(q querier) error {
		w, err = db.scanWebhook(q.QueryRowContext(ctx, `SELECT `+webhookCols+` FROM webhooks WHERE id = $1`, id))
		return db.notFound(err, "Webhook", "read webhook")
	})
	return w, err
}

// Webhooks lists every webhook, oldest first.
func (db *DB) Webhooks(ctx context.Context) (ws []*crm.Webhook, err error) {
	err = db.view(ctx, func(q querier) error {
		ws, err = queryAll(ctx, q, db.scanWebhook, `SELECT `+webhookCols+` FROM webhooks ORDER BY id`)
		return db.wrap(err, "list webhooks")
	})
	if ws == nil {
		ws = []*crm.Webhook{}
	}
	return ws, err
}

// DeleteWebhook removes a webhook and, by cascade, its deliveries and
// their attempts. ENOTFOUND.
func (db *DB) DeleteWebhook(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM webhooks WHERE id = $1`, id)
		if err != nil {
			return db.wrap(err, "delete webhook")
		}
		return db.oneRow(res, "Webhook", "delete webhook")
	})
}
