package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// AddHits adds the counts in one statement that autocommits, outside any
// transaction (a limiter's flush, or a request out of credit: the pool
// directly, on purpose): rows in the order given, which the limiter keeps
// sorted so that concurrent statements lock them in one order.
func (db *DB) AddHits(ctx context.Context, counts []crm.RateCount) ([]int64, error) {
	totals := make([]int64, len(counts))
	for from := 0; from < len(counts); from += 500 {
		part := counts[from:min(from+500, len(counts))]
		var b strings.Builder
		b.WriteString(`INSERT INTO rate_counters (key, window_at, hits, until_at) VALUES `)
		args := make([]any, 0, 4*len(part))
		at := map[crm.RateCount]int{}
		for i, c := range part {
			if i > 0 {
				b.WriteString(", ")
			}
			n := len(args)
			b.WriteString("($" + strconv.Itoa(n+1) + ", $" + strconv.Itoa(n+2) + ", $" + strconv.Itoa(n+3) + ", $" + strconv.Itoa(n+4) + ")")
			args = append(args, c.Key, c.Window, c.N, c.Until)
			at[crm.RateCount{Key: c.Key, Window: c.Window}] = from + i
		}
		b.WriteString(` ON CONFLICT (key, window_at) DO UPDATE SET hits = rate_counters.hits + excluded.hits
			RETURNING key, window_at, hits`)
		rows, err := db.write.QueryContext(ctx, b.String(), args...)
		if err != nil {
			return nil, db.wrap(err, "count hits")
		}
		for rows.Next() {
			var c crm.RateCount
			var n int64
			if err := rows.Scan(&c.Key, &c.Window, &n); err != nil {
				rows.Close()
				return nil, db.wrap(err, "count hits")
			}
			totals[at[c]] = n
		}
		if err := rows.Close(); err != nil {
			return nil, db.wrap(err, "count hits")
		}
		if err := rows.Err(); err != nil {
			return nil, db.wrap(err, "count hits")
		}
	}
	return totals, nil
}

// SweepHits deletes the windows that ended before now.
func (db *DB) SweepHits(ctx context.Context, now int64) error {
	_, err := db.write.ExecContext(ctx, `DELETE FROM rate_counters WHERE until_at < $1`, now)
	return db.wrap(err, "sweep hits")
}
