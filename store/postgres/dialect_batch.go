package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/rapport-crm/rapport/store/sqlstore"
)

// ForEachKey runs the query as a LATERAL subquery per element of an
// array parameter. OFFSET 0 keeps the planner from flattening it into a
// join, which on a table without statistics (new, or just filled) it plans
// as a scan of every row of the channel and account.
func (Dialect) ForEachKey(ph, typ, cols, from, where string) string {
	return `SELECT q.* FROM unnest(` + ph + `::` + typ + `[]) AS k(v) CROSS JOIN LATERAL (SELECT ` + cols +
		` FROM ` + from + ` WHERE ` + where + ` OFFSET 0) q`
}

// ListArg binds values as they are: pgx sends a slice as an array.
func (Dialect) ListArg(values any) any { return values }

// ReserveIDs takes values of each table's identity sequence. Ids left
// unused are a gap, as after any rollback.
func (Dialect) ReserveIDs(count string, tables ...string) string {
	cols := make([]string, len(tables))
	for i, t := range tables {
		cols[i] = "nextval(pg_get_serial_sequence('" + t + "', 'id'))"
	}
	return `SELECT ` + strings.Join(cols, ", ") + ` FROM generate_series(1, (` + count + `)::int)`
}

// ExecAll sends stmts as one pipeline on conn's pgx connection, inside the
// transaction open on it: one round trip for the lot. Without conn (a
// transaction not begun by the caller) it runs them one by one.
func (Dialect) ExecAll(ctx context.Context, conn *sql.Conn, tx *sql.Tx, stmts []sqlstore.Stmt) (int, error) {
	if conn == nil || len(stmts) < 2 {
		return sqlstore.ExecEach(ctx, tx, stmts)
	}
	return pipeline(ctx, conn, len(stmts), func(b *pgx.Batch) {
		for _, s := range stmts {
			b.Queue(s.SQL, s.Args...)
		}
	}, func(br pgx.BatchResults, _ int) error {
		_, err := br.Exec()
		return err
	})
}

// planOnce and planAgain surround a pipeline of queries, so that each is
// planned once per connection.
//
// Why: the pipelined queries are the ingest batch's read-ahead, keyed
// lookups (ForEachKey) whose only parameters are the array of keys and a
// channel and account, so their plan does not depend on the values. Left
// to itself PostgreSQL plans them again on every run: a prepared
// statement keeps a generic plan only when its estimate is no worse than
// the custom plans', and a custom plan sees a batch's one or two keys
// where the generic one assumes ten. Planning them took 0.2–0.6 ms each,
// about 2 ms of the ingest writer's time per batch, against 0.1 ms to run
// them (measure-forms, PostgreSQL 15). A generic plan is still remade
// after ANALYZE changes the tables' statistics. SET LOCAL ends with the
// transaction, and DEFAULT puts back the connection's own setting for the
// rest of it.
const (
	planOnce  = "SET LOCAL plan_cache_mode = force_generic_plan"
	planAgain = "SET LOCAL plan_cache_mode = DEFAULT"
)

// QueryAll sends qs as one pipeline, as ExecAll does, each planned once
// per connection (planOnce).
func (Dialect) QueryAll(ctx context.Context, conn *sql.Conn, tx *sql.Tx, qs []sqlstore.Query) (int, error) {
	if conn == nil || len(qs) < 2 {
		return sqlstore.QueryEach(ctx, tx, qs)
	}
	failed, err := pipeline(ctx, conn, len(qs)+2, func(b *pgx.Batch) {
		b.Queue(planOnce)
		for _, q := range qs {
			b.Queue(q.SQL, q.Args...)
		}
		b.Queue(planAgain)
	}, func(br pgx.BatchResults, i int) error {
		if i == 0 || i == len(qs)+1 {
			_, err := br.Exec()
			return err
		}
		rows, err := br.Query()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := qs[i-1].Row(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	return min(max(failed-1, 0), len(qs)-1), err
}

// pipeline sends a batch of n requests on conn's pgx connection and reads
// each result with read; it returns the index of the first that failed.
func pipeline(ctx context.Context, conn *sql.Conn, n int, queue func(*pgx.Batch), read func(pgx.BatchResults, int) error) (int, error) {
	failed := 0
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("postgres: driver connection is %T, not pgx's", dc)
		}
		b := &pgx.Batch{}
		queue(b)
		br := c.Conn().SendBatch(ctx, b)
		for i := range n {
			if err := read(br, i); err != nil {
				failed = i
				br.Close() //nolint:errcheck // the first error is the one to report
				return err
			}
		}
		return br.Close()
	})
	return failed, err
}
