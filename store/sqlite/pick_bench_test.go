package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/storetest"
)

// go test ./store/sqlite -run '^$' -bench Pick -benchtime 400x
//
// The customer picker's search over 100,000 customers (users and
// customers of the 1M-contact data set, without its contacts; cached like
// BenchmarkStore's).
func BenchmarkPick(b *testing.B) {
	const customers = 100_000
	name := fmt.Sprintf("sqlite-pick-%d-%s.db", customers, storetest.SchemaKey(migrations.SQLite()))
	s := openSeeded(b, name, "100k customers", func(ctx context.Context, raw *sql.DB) error {
		now := time.Now().UTC().Truncate(time.Microsecond)
		for _, q := range append(seedSQL[:3:3], seedStep{`COMMIT`, noArgs}) {
			if _, err := raw.ExecContext(ctx, q.sql, q.args(now, customers*10, customers)...); err != nil {
				return fmt.Errorf("%w\n%s", err, q.sql)
			}
		}
		return nil
	})
	storetest.BenchPick(b, s)
}
