package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/storetest"
)

// RAPPORT_TEST_POSTGRES_URL=… RAPPORT_REPORT_SCALE=0.1 go test ./store/postgres -run '^$' -bench Reports -benchtime 20x
//
// The seeded schema is kept like BenchmarkStore's, one per scale, day and
// schema version.
func BenchmarkReports(b *testing.B) {
	scale, today := storetest.ReportScale(), time.Now().UTC()
	schema := strings.ReplaceAll(fmt.Sprintf("rapport_reports_%g_%s_%s", scale, today.Format("20060102"),
		storetest.SchemaKey(migrations.Postgres())), ".", "_")
	analyze := []string{"customers", "orders", "order_lines", "payment_plans", "payments", "followups", "conversations",
		"messages", "bot_decisions", "leads", "lead_conversions", "tasks", "users"}
	s := openSeeded(b, schema, fmt.Sprintf("reports at scale %g", scale), analyze, func(ctx context.Context, tx pgx.Tx) error {
		for _, q := range storetest.ReportSeed("postgres", scale, today) {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("%w\n%s", err, q)
			}
		}
		return nil
	})
	storetest.BenchReports(b, s, today)
}
