package sqlstore

import (
	"context"
	"time"
)

// QueueCount is how many outbox entries of a channel are in a state.
type QueueCount struct {
	Channel, State string
	N              int64
}

// OutboxCounts counts the outbox entries waiting or failed, by channel
// (for /metrics). Sent entries are left out: they only grow.
func (db *DB) OutboxCounts(ctx context.Context) (out []QueueCount, err error) {
	err = db.view(ctx, func(q querier) error {
		out, err = queryAll(ctx, q, func(r scanner) (c QueueCount, err error) {
			return c, r.Scan(&c.Channel, &c.State, &c.N)
		}, `SELECT channel, state, COUNT(*) FROM outbox WHERE state IN ('queued', 'failed') GROUP BY channel, state ORDER BY channel, state`)
		return db.wrap(err, "count outbox")
	})
	return out, err
}

// LeaseEnds returns when each named lease ends: for a scheduler sweep,
// when it is next due (for /metrics).
func (db *DB) LeaseEnds(ctx context.Context) (out map[string]time.Time, err error) {
	out = map[string]time.Time{}
	err = db.view(ctx, func(q querier) error {
		type lease struct {
			name string
			at   time.Time
		}
		ls, err := queryAll(ctx, q, func(r scanner) (l lease, err error) {
			return l, r.Scan(&l.name, tm{&l.at})
		}, `SELECT name, expires_at FROM leases ORDER BY name`)
		for _, l := range ls {
			out[l.name] = l.at
		}
		return db.wrap(err, "read leases")
	})
	return out, err
}
