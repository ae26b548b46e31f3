package sqlstore

import (
	"context"
	"database/sql"
	"time"
)

// TakeLease gives holder the lease name until until unless another
// holder's lease runs past now; it reports whether holder has it. The
// conditional upsert is one statement, so of two instances one wins. A
// lease that ends exactly at now is free: a sweep held until its next due
// time is due at that time.
func (db *DB) TakeLease(ctx context.Context, name, holder string, now, until time.Time) (ok bool, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
			WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`,
			name, holder, utc(until), utc(now))
		if err != nil {
			return db.wrap(err, "take lease")
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return db.wrap(err, "take lease")
	})
	return ok, err
}

// ReleaseLease gives up holder's lease on name, if it has it.
func (db *DB) ReleaseLease(ctx context.Context, name, holder string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE name = $1 AND holder = $2`, name, holder)
		return db.wrap(err, "release lease")
	})
}
