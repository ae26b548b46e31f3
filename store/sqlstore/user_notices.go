package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.UserNoticeStore = (*DB)(nil)

const userNoticeCols = `id, user_id, key, kind, title, text, link, state, channel, reason, attempts, next_at, error,
	created_at, sent_at`

func scanUserNotice(r scanner) (*crm.UserNotice, error) {
	n := &crm.UserNotice{}
	return n, r.Scan(&n.ID, &n.UserID, &n.Key, &n.Kind, &n.Title, &n.Text, &n.Link, &n.State, &n.Channel, &n.Reason,
		&n.Attempts, tm{&n.NextAt}, &n.Error, tm{&n.CreatedAt}, ntm{&n.SentAt})
}

// QueueUserNotice implements crm.UserNoticeStore: the unique (user, key)
// makes a second queueing of the same occurrence a no-op.
func (db *DB) QueueUserNotice(ctx context.Context, n *crm.UserNotice) (fresh bool, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		n.State, n.CreatedAt, n.NextAt = crm.DeliveryQueued, db.now(), utc(n.NextAt)
		err := tx.QueryRowContext(ctx, `INSERT INTO user_notices (user_id, key, kind, title, text, link, state,
			next_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
			n.UserID, n.Key, n.Kind, n.Title, n.Text, n.Link, n.State, n.NextAt, n.CreatedAt).Scan(&n.ID)
		if err == sql.ErrNoRows {
			return nil
		}
		fresh = err == nil
		return db.wrap(err, "queue user notice")
	})
	return fresh, err
}

// queueNotices queues notices in a few multi-row INSERTs (the pool
// sweep's warnings), each occurrence once.
func (db *DB) queueNotices(ctx context.Context, tx *sql.Tx, ns []crm.UserNotice) error {
	rows := make([][]any, len(ns))
	now := db.now()
	for i, n := range ns {
		rows[i] = []any{n.UserID, n.Key, n.Kind, n.Title, n.Text, n.Link, crm.DeliveryQueued, utc(n.NextAt), now}
	}
	return db.wrap(db.insertRows(ctx, tx, "user_notices", `user_id bigint, key text, kind text, title text,
		text text, link text, state text, next_at timestamptz, created_at timestamptz`, ` ON CONFLICT DO NOTHING`, rows, nil), "queue user notices")
}

// DueUserNotices implements crm.UserNoticeStore.
func (db *DB) DueUserNotices(ctx context.Context, now time.Time, limit int) ([]*crm.UserNotice, error) {
	var out []*crm.UserNotice
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanUserNotice, `SELECT `+userNoticeCols+` FROM user_notices
			WHERE state = 'queued' AND next_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
			ORDER BY next_at, id LIMIT `+strconv.Itoa(limit), utc(now))
		return err
	})
	return out, db.wrap(err, "due user notices")
}

// LeaseUserNotice implements crm.UserNoticeStore: one UPDATE, so that of
// two instances one gets it.
func (db *DB) LeaseUserNotice(ctx context.Context, id int64, now, until time.Time) (ok bool, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE user_notices SET lease_until = $2 WHERE id = $1 AND state = 'queued'
			AND (lease_until IS NULL OR lease_until <= $3)`, id, utc(until), utc(now))
		if err != nil {
			return db.wrap(err, "lease user notice")
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return db.wrap(err, "lease user notice")
	})
	return ok, err
}

// FinishUserNotice implements crm.UserNoticeStore.
func (db *DB) FinishUserNotice(ctx context.Context, n *crm.UserNotice) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE user_notices SET state = $1, channel = $2, reason = $3, attempts = $4,
			next_at = $5, error = $6, sent_at = $7, lease_until = NULL WHERE id = $8`, n.State, n.Channel, n.Reason,
			n.Attempts, utc(n.NextAt), n.Error, nullTime(n.SentAt), n.ID)
		if err != nil {
			return db.wrap(err, "finish user notice")
		}
		return db.oneRow(res, "Notice", "finish user notice")
	})
}

// ListUserNotices implements crm.UserNoticeStore.
func (db *DB) ListUserNotices(ctx context.Context, userID int64, limit int) ([]*crm.UserNotice, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []*crm.UserNotice
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanUserNotice, `SELECT `+userNoticeCols+` FROM user_notices
			WHERE user_id = $1 ORDER BY id DESC LIMIT `+strconv.Itoa(limit), userID)
		return err
	})
	return out, db.wrap(err, "list user notices")
}
