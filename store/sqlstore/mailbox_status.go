package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// SetMailboxStatus records a poller's progress.
func (db *DB) SetMailboxStatus(ctx context.Context, id int64, s crm.MailboxStatus) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mailbox_status (mailbox_id, state, last_sync_at, last_error,
			ingested, duplicates, pending, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (mailbox_id) DO UPDATE SET state = excluded.state, last_sync_at = excluded.last_sync_at,
			last_error = excluded.last_error, ingested = excluded.ingested, duplicates = excluded.duplicates,
			pending = excluded.pending, updated_at = excluded.updated_at`,
			id, s.State, nullTime(s.LastSyncAt), s.LastError, s.Ingested, s.Duplicates, s.Pending, db.now())
		return db.wrap(err, "set mailbox status")
	})
}

// TakeMailboxLease gives holder the mailbox until until unless another
// holder's lease is still running; it reports whether holder has it. The
// conditional upsert is one statement, so two instances cannot both win.
func (db *DB) TakeMailboxLease(ctx context.Context, id int64, holder string, now, until time.Time) (ok bool, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO mailbox_leases (mailbox_id, holder, expires_at) VALUES ($1, $2, $3)
			ON CONFLICT (mailbox_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
			WHERE mailbox_leases.holder = excluded.holder OR mailbox_leases.expires_at < $4`,
			id, holder, utc(until), utc(now))
		if err != nil {
			return db.wrap(err, "take mailbox lease")
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return db.wrap(err, "take mailbox lease")
	})
	return ok, err
}

// ReleaseMailboxLease gives up holder's lease, if it has it.
func (db *DB) ReleaseMailboxLease(ctx context.Context, id int64, holder string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM mailbox_leases WHERE mailbox_id = $1 AND holder = $2`, id, holder)
		return db.wrap(err, "release mailbox lease")
	})
}
