package sqlstore

import (
	"context"
)

// CountHit adds one to key's count in its window, in one statement that
// autocommits: the limiter's cost on the request path is one round trip.
func (db *DB) CountHit(ctx context.Context, key string, window, until int64) (int64, error) {
	var n int64
	err := db.write.QueryRowContext(ctx, `INSERT INTO rate_counters (key, window_at, hits, until_at)
		VALUES ($1, $2, 1, $3)
		ON CONFLICT (key, window_at) DO UPDATE SET hits = rate_counters.hits + 1
		RETURNING hits`, key, window, until).Scan(&n)
	return n, db.wrap(err, "count hit")
}

// UncountHit takes one hit back.
func (db *DB) UncountHit(ctx context.Context, key string, window int64) error {
	_, err := db.write.ExecContext(ctx, `UPDATE rate_counters SET hits = hits - 1
		WHERE key = $1 AND window_at = $2 AND hits > 0`, key, window)
	return db.wrap(err, "uncount hit")
}

// SweepHits deletes the windows that ended before now.
func (db *DB) SweepHits(ctx context.Context, now int64) error {
	_, err := db.write.ExecContext(ctx, `DELETE FROM rate_counters WHERE until_at < $1`, now)
	return db.wrap(err, "sweep hits")
}
