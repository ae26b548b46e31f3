package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/rapport-crm/rapport/store/sqlstore"
)

// ForEachKey joins the keys (the elements of a JSON array) to from,
// keys first: CROSS JOIN keeps SQLite's planner from reordering them.
//
// A column compared with a bound parameter in where ("m.channel = $1") is
// compared with +$1 instead, the same value: since SQLite 3.54 the planner
// of a join weighs a "column = parameter" term by the value bound (0 or 1
// or another), which makes SQLite parse and plan the statement again on
// every run. The ingest's read-ahead of messages by dedupe key did that
// once per batch: 300–400 µs of the writer's time each, 9 % of serve's CPU
// at 500 form posts a second. A unary plus hides the parameter from that
// weighing and changes nothing else: the plan (the unique index on
// channel, account, external id) is the same.
func (Dialect) ForEachKey(ph, _, cols, from, where string) string {
	return `SELECT ` + cols + ` FROM (SELECT value AS v FROM json_each(` + ph + `)) AS k CROSS JOIN ` + from +
		` WHERE ` + strings.ReplaceAll(where, "= $", "= +$")
}

// ListArg binds values as a JSON array.
func (Dialect) ListArg(values any) any {
	b, err := json.Marshal(values)
	if err != nil {
		panic(err) // only strings and ids go in: a bug
	}
	return string(b)
}

// ReserveIDs counts on from the highest id each table has held (its
// AUTOINCREMENT counter): the write transaction holds the database's one
// write lock, so nobody else takes them before it inserts them.
func (Dialect) ReserveIDs(count string, tables ...string) string {
	cols := make([]string, len(tables))
	for i, t := range tables {
		cols[i] = `(SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '` + t + `'), 0),
			coalesce((SELECT max(id) FROM ` + t + `), 0))) + i`
	}
	return `WITH RECURSIVE s(i) AS (SELECT 1 WHERE (` + count + `) >= 1 UNION ALL SELECT i + 1 FROM s WHERE i < (` +
		count + `)) SELECT ` + strings.Join(cols, ", ") + ` FROM s`
}

// ExecAll runs stmts one by one: an in-process database has no round trips
// to save.
func (Dialect) ExecAll(ctx context.Context, _ *sql.Conn, tx *sql.Tx, stmts []sqlstore.Stmt) (int, error) {
	return sqlstore.ExecEach(ctx, tx, stmts)
}

// QueryAll runs qs one by one.
func (Dialect) QueryAll(ctx context.Context, _ *sql.Conn, tx *sql.Tx, qs []sqlstore.Query) (int, error) {
	return sqlstore.QueryEach(ctx, tx, qs)
}
