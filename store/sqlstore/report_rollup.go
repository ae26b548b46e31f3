package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// Report rollups: why on the scheduler, not maintained on write.
//
// Triggers mark the days a change touches as dirty (report_dirty_days) in
// the change's own transaction, so no writer can forget them: store
// methods, the importer's bulk path, merges, reclaims, transfers and plain
// SQL all go through the same tables. Recomputing the day's rollup on every
// write would make each order save rewrite a day's rows (and serialize
// concurrent writers on them); appending a mark costs one insert and never
// waits. The scheduler's sweep rebuilds marked days from the records, by
// the same grouping the report uses, so a rollup is a copy of the plain
// query, not a second set of rules. A report reads the rollup for clean
// days and the records for dirty ones (see salesParts), so its figures are
// exact the moment a write commits, whatever the sweep's delay.

// rollupChunk is how many days one refresh transaction rebuilds, and
// rollupRounds how many chunks one refresh does at most, so that a stream
// of writes cannot keep a sweep running.
const (
	rollupChunk  = 31
	rollupRounds = 200
	// rollupMaxDirty is how many dirty days a report reads from the
	// records beside the rollup; with more (a rebuild under way) it reads
	// the whole period from the records.
	rollupMaxDirty = 60
)

// rollup is one report's rolled-up table: rebuild recomputes its rows for
// days; stale lists every day it has or should have.
type rollup struct {
	report, table string
	stale         func(db *DB) string
	rebuild       func(db *DB, ctx context.Context, tx *sql.Tx, days []crm.Date) error
}

var rollups = []rollup{{report: crm.ReportSales, table: "report_sales_days", rebuild: (*DB).rebuildSalesDays,
	stale: func(*DB) string {
		return `SELECT sales_date AS d FROM orders WHERE sales_date IS NOT NULL UNION SELECT day FROM report_sales_days`
	}}, {report: crm.ReportReceivables, table: "report_receivable_days", rebuild: (*DB).rebuildReceivableDays,
	stale: (*DB).receivablesStale}}

// RefreshReportRollups rebuilds the dirty days of every rollup. Each chunk
// removes its marks before it recomputes, in one transaction: a change
// committed after the marks were read leaves a mark of its own, so nothing
// is lost under PostgreSQL's read committed either.
func (db *DB) RefreshReportRollups(ctx context.Context) (int, error) {
	n := 0
	for _, r := range rollups {
		for range rollupRounds {
			days, err := db.dirtyChunk(ctx, r.report)
			if err != nil {
				return n, err
			}
			if len(days) == 0 {
				break
			}
			err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
				marks, rows := &where{}, &where{}
				marks.and("report = " + marks.arg(r.report))
				marks.and(inDays(marks, "day", days))
				rows.and(inDays(rows, "day", days))
				for _, del := range []struct {
					table string
					w     *where
				}{{"report_dirty_days", marks}, {r.table, rows}} {
					if _, err := tx.ExecContext(ctx, "DELETE FROM "+del.table+del.w.String(), del.w.args...); err != nil {
						return db.wrap(err, "clear rollup days")
					}
				}
				return r.rebuild(db, ctx, tx, days)
			})
			if err != nil {
				return n, err
			}
			n += len(days)
		}
	}
	return n, nil
}

// StaleReportRollups marks every day of every rollup dirty.
func (db *DB) StaleReportRollups(ctx context.Context) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, r := range rollups {
			if _, err := tx.ExecContext(ctx, `INSERT INTO report_dirty_days (report, day) SELECT CAST($1 AS TEXT), d FROM (`+
				r.stale(db)+`) s`, r.report); err != nil {
				return db.wrap(err, "stale rollups")
			}
		}
		return nil
	})
}

func (db *DB) dirtyChunk(ctx context.Context, report string) ([]crm.Date, error) {
	var days []crm.Date
	err := db.query(ctx, func(qr querier) error {
		var err error
		days, err = queryAll(ctx, qr, func(r scanner) (crm.Date, error) {
			var d crm.Date
			return d, r.Scan(dtv{&d})
		}, `SELECT DISTINCT day FROM report_dirty_days WHERE report = $1 ORDER BY day LIMIT `+itoa(rollupChunk), report)
		return err
	})
	return days, db.wrap(err, "dirty days")
}

// dirtyDays are report's dirty days within from…to.
func (db *DB) dirtyDays(ctx context.Context, qr querier, report string, from, to crm.Date) ([]crm.Date, error) {
	days, err := queryAll(ctx, qr, func(r scanner) (crm.Date, error) {
		var d crm.Date
		return d, r.Scan(dtv{&d})
	}, `SELECT DISTINCT day FROM report_dirty_days WHERE report = $1 AND day >= $2 AND day <= $3`,
		report, from.String(), to.String())
	return days, db.wrap(err, "dirty days")
}

// inDays is "col IN (days…)", the days as arguments of w.
func inDays(w *where, col string, days []crm.Date) string {
	args := make([]string, len(days))
	for i, d := range days {
		args[i] = w.arg(d.String())
	}
	return col + " IN (" + strings.Join(args, ", ") + ")"
}
