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

// RAPPORT_REPORT_SCALE=0.1 go test ./store/sqlite -run '^$' -bench Reports -benchtime 20x
//
// The seeded database is cached like BenchmarkStore's, one per scale, day
// and schema version.
func BenchmarkReports(b *testing.B) {
	scale, today := storetest.ReportScale(), time.Now().UTC()
	name := fmt.Sprintf("sqlite-reports-%g-%s-%s.db", scale, today.Format("20060102"), storetest.SchemaKey(migrations.SQLite()))
	s := openSeeded(b, name, fmt.Sprintf("reports at scale %g", scale), func(ctx context.Context, raw *sql.DB) error {
		for _, q := range storetest.ReportSeed("sqlite", scale, today) {
			if _, err := raw.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%w\n%s", err, q)
			}
		}
		return nil
	})
	storetest.BenchReports(b, s, today)
}
