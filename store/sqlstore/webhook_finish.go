package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// FinishHookDelivery logs the attempt, sets the delivery's state and keeps
// the webhook's count of failed attempts in a row, all in one transaction,
// so that a delivery is marked sent once, whichever instance sent it.
func (db *DB) FinishHookDelivery(ctx context.Context, d *crm.HookDelivery, o crm.HookOutcome) (disabled bool, err error) {
	a := o.Attempt
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO webhook_attempts (delivery_id, at, status, error, duration_ms)
			VALUES ($1, $2, $3, $4, $5)`, d.ID, utc(a.At), a.Status, a.Error, a.DurationMS); err != nil {
			return db.wrap(err, "log hook attempt")
		}
		due := d.DueAt
		if o.State == crm.HookQueued {
			due = o.RetryAt
		}
		if _, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET state = $2, due_at = $3, leased_until = NULL,
			last_status = $4, last_error = $5, updated_at = $6 WHERE id = $1`,
			d.ID, o.State, utc(due), a.Status, a.Error, utc(a.At)); err != nil {
			return db.wrap(err, "finish hook delivery")
		}
		var err error
		disabled, err = db.countHookFailure(ctx, tx, d.WebhookID, o, a.At)
		return err
	})
	return disabled, err
}

// countHookFailure resets the webhook's failures on a success, or counts
// one more and disables the webhook at o.DisableAfter, failing its queued
// deliveries with the reason.
func (db *DB) countHookFailure(ctx context.Context, tx *sql.Tx, webhookID int64, o crm.HookOutcome, at time.Time) (bool, error) {
	if o.State == crm.HookSent {
		_, err := tx.ExecContext(ctx, `UPDATE webhooks SET failures = 0 WHERE id = $1`, webhookID)
		return false, db.wrap(err, "reset webhook failures")
	}
	var failures int
	var disabled bool
	err := tx.QueryRowContext(ctx, `UPDATE webhooks SET failures = failures + 1 WHERE id = $1
		RETURNING failures, disabled`, webhookID).Scan(&failures, &disabled)
	if err != nil || disabled || o.DisableAfter <= 0 || failures < o.DisableAfter {
		return false, db.notFound(err, "Webhook", "count webhook failure")
	}
	reason := fmt.Sprintf("disabled after %d failed attempts in a row; last: %s", failures, o.Attempt.Error)
	if _, err := tx.ExecContext(ctx, `UPDATE webhooks SET disabled = $2, disabled_reason = $3, updated_at = $4
		WHERE id = $1`, webhookID, true, reason, utc(at)); err != nil {
		return false, db.wrap(err, "disable webhook")
	}
	_, err = tx.ExecContext(ctx, `UPDATE webhook_deliveries SET state = 'failed', last_error = $2, updated_at = $3
		WHERE webhook_id = $1 AND state = 'queued'`, webhookID, "webhook disabled", utc(at))
	return true, db.wrap(err, "fail queued hook deliveries")
}

// HookDeliveries lists a webhook's deliveries, newest first.
func (db *DB) HookDeliveries(ctx context.Context, webhookID int64, p crm.Page) (l crm.List[*crm.HookDelivery], err error) {
	p = p.Clamp()
	w := &where{}
	w.and("d.webhook_id = " + w.arg(webhookID))
	tail := w.page("d.id", p.After, p.Limit)
	err = db.view(ctx, func(q querier) error {
		ds, err := queryAll(ctx, q, scanHookDelivery, `SELECT `+hookDeliveryCols+` FROM webhook_deliveries d`+w.String()+tail, w.args...)
		l = crm.NewList(ds, p.Limit, func(d *crm.HookDelivery) int64 { return d.ID })
		return db.wrap(err, "list hook deliveries")
	})
	return l, err
}

// HookAttempts lists a delivery's attempts, oldest first. ENOTFOUND.
func (db *DB) HookAttempts(ctx context.Context, deliveryID int64) (as []crm.HookAttempt, err error) {
	err = db.view(ctx, func(q querier) error {
		var one int
		if err := q.QueryRowContext(ctx, `SELECT 1 FROM webhook_deliveries WHERE id = $1`, deliveryID).Scan(&one); err != nil {
			return db.notFound(err, "Delivery", "read hook delivery")
		}
		as, err = queryAll(ctx, q, func(r scanner) (a crm.HookAttempt, err error) {
			return a, r.Scan(tm{&a.At}, &a.Status, &a.Error, &a.DurationMS)
		}, `SELECT at, status, error, duration_ms FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id`, deliveryID)
		return db.wrap(err, "list hook attempts")
	})
	if as == nil {
		as = []crm.HookAttempt{}
	}
	return as, err
}

// RedeliverHook queues a delivery again, due at now. ENOTFOUND.
func (db *DB) RedeliverHook(ctx context.Context, deliveryID int64, now time.Time) (d *crm.HookDelivery, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET state = 'queued', due_at = $2, leased_until = NULL,
			updated_at = $2 WHERE id = $1`, deliveryID, utc(now))
		if err != nil {
			return db.wrap(err, "redeliver hook")
		}
		if err := db.oneRow(res, "Delivery", "redeliver hook"); err != nil {
			return err
		}
		d, err = scanHookDelivery(tx.QueryRowContext(ctx, `SELECT `+hookDeliveryCols+` FROM webhook_deliveries d WHERE d.id = $1`, deliveryID))
		return db.wrap(err, "read hook delivery")
	})
	return d, err
}

// PendingHookDeliveries counts the queued deliveries.
func (db *DB) PendingHookDeliveries(ctx context.Context) (n int, err error) {
	err = db.view(ctx, func(q querier) error {
		return db.wrap(q.QueryRowContext(ctx, `SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'queued'`).Scan(&n), "count hook deliveries")
	})
	return n, err
}

var _ crm.WebhookStore = (*DB)(nil)
