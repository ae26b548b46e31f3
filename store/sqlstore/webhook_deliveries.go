package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const hookDeliveryCols = `d.id, d.webhook_id, d.event_id, d.event, d.payload, d.state, d.attempts, d.due_at,
	d.last_status, d.last_error, d.created_at, d.updated_at`

func scanHookDelivery(r scanner) (*crm.HookDelivery, error) {
	d := &crm.HookDelivery{}
	var payload string
	err := r.Scan(&d.ID, &d.WebhookID, &d.EventID, &d.Event, &payload, &d.State, &d.Attempts, tm{&d.DueAt},
		&d.LastStatus, &d.LastError, tm{&d.CreatedAt}, tm{&d.UpdatedAt})
	d.Payload = []byte(payload)
	return d, err
}

func (db *DB) scanClaimed(r scanner) (*crm.HookDelivery, error) {
	d := &crm.HookDelivery{}
	var payload, secret string
	err := r.Scan(&d.ID, &d.WebhookID, &d.EventID, &d.Event, &payload, &d.State, &d.Attempts, tm{&d.DueAt},
		&d.LastStatus, &d.LastError, tm{&d.CreatedAt}, tm{&d.UpdatedAt}, &d.URL, sealedCol{db, &secret})
	d.Payload, d.Secret = []byte(payload), crm.Secret(secret)
	return d, err
}

// QueueHookEvent queues e once for each enabled webhook subscribed to its
// type: the UNIQUE (webhook_id, event_id) key makes a second queueing of
// the same occurrence (another instance, a replay) do nothing.
func (db *DB) QueueHookEvent(ctx context.Context, e crm.HookEvent) (n int, err error) {
	now := utc(db.clock())
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		hooks, err := queryAll(ctx, tx, db.scanWebhook, `SELECT `+webhookCols+` FROM webhooks WHERE NOT disabled`)
		if err != nil {
			return db.wrap(err, "queue hook event")
		}
		for _, w := range hooks {
			if !slices.Contains(w.Events, e.Type) {
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO webhook_deliveries (webhook_id, event_id, event, payload,
				state, due_at, created_at, updated_at) VALUES ($1, $2, $3, $4, 'queued', $5, $6, $6)
				ON CONFLICT (webhook_id, event_id) DO NOTHING`,
				w.ID, e.ID, e.Type, string(e.Payload), utc(e.At), now)
			if err != nil {
				return db.wrap(err, "queue hook event")
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

// ClaimHookDeliveries leases due deliveries as ClaimOutbound does the
// outbox: SKIP LOCKED on PostgreSQL lets instances claim side by side.
func (db *DB) ClaimHookDeliveries(ctx context.Context, now, leaseUntil time.Time, limit int) (out []*crm.HookDelivery, err error) {
	lock := ""
	if db.dialect.Name() == "postgres" {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	now, leaseUntil = utc(now), utc(leaseUntil)
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		ids, err := queryAll(ctx, tx, scanID, `SELECT id FROM webhook_deliveries WHERE state = 'queued'
			AND due_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
			AND webhook_id IN (SELECT id FROM webhooks WHERE NOT disabled) ORDER BY due_at, id LIMIT $2`+lock, now, limit)
		if err != nil {
			return db.wrap(err, "claim hook deliveries")
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET leased_until = $2,
				attempts = attempts + 1, updated_at = $3 WHERE id = $1`, id, leaseUntil, now); err != nil {
				return db.wrap(err, "claim hook delivery")
			}
			d, err := db.scanClaimed(tx.QueryRowContext(ctx, `SELECT `+hookDeliveryCols+`, w.url, w.secret
				FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`, id))
			if err != nil {
				return db.wrap(err, "claim hook delivery")
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

func scanID(r scanner) (id int64, err error) { return id, r.Scan(&id) }
