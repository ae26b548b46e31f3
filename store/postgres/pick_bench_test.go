package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/storetest"
)

// RAPPORT_TEST_POSTGRES_URL=… go test ./store/postgres -run '^$' -bench Pick -benchtime 400x
//
// The customer picker's search over 100,000 customers (the users and
// customers of BenchmarkStore's data set, without contacts), as SQLite's
// BenchmarkPick; the data set is kept in its schema between runs.
func BenchmarkPick(b *testing.B) {
	const customers = 100_000
	schema := fmt.Sprintf("rapport_bench_pick_%d_%s", customers, storetest.SchemaKey(migrations.Postgres()))
	s := openSeeded(b, schema, "100k customers", []string{"customers"}, func(ctx context.Context, tx pgx.Tx) error {
		now := time.Now().UTC().Truncate(time.Microsecond)
		for _, q := range []seedStep{seedSQL[0], seedSQL[1], seedSQL[5], seedSQL[6]} {
			if _, err := tx.Exec(ctx, q.sql, q.args(now, customers*10, customers)...); err != nil {
				return fmt.Errorf("%w\n%s", err, q.sql)
			}
		}
		return nil
	})
	storetest.BenchPick(b, s)
}
