package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// multiChunk is how many of n rows or keys the next statement takes: one
// of chunkSizes, so that a few statement texts are prepared once each.
func multiChunk(n int) int {
	for _, c := range chunkSizes {
		if n >= c {
			return c
		}
	}
	return 1
}

// insertRows writes rows (all with head's columns) as multi-row INSERTs:
// head is "INSERT INTO t (cols)", tail what follows the VALUES (an ON
// CONFLICT, a RETURNING); scan, when not nil, reads each returned row.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, head, tail string, rows [][]any, scan func(scanner) error) error {
	for _, st := range db.insertStmts(head, tail, rows) {
		if err := db.run(ctx, tx, st.SQL, st.Args, scan); err != nil {
			return err
		}
	}
	return nil
}

// insertStmts are insertRows' statements, for a caller that sends many
// at once (Dialect.ExecAll).
func (db *DB) insertStmts(head, tail string, rows [][]any) []Stmt {
	var out []Stmt
	for len(rows) > 0 {
		n := multiChunk(len(rows))
		var b strings.Builder
		var args []any
		b.WriteString(head + " VALUES ")
		for i, row := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for c, a := range row {
				if c > 0 {
					b.WriteString(", ")
				}
				args = append(args, a)
				b.WriteString(db.placeholder(len(args)))
			}
			b.WriteByte(')')
		}
		b.WriteString(tail)
		out = append(out, Stmt{SQL: b.String(), Args: args})
		rows = rows[n:]
	}
	return out
}

// execIn runs stmt, which ends with "IN ", for keys in chunks: args are
// its own arguments ($1…), the keys are bound after them.
func (db *DB) execIn(ctx context.Context, tx *sql.Tx, stmt string, args []any, keys []any) error {
	for len(keys) > 0 {
		n := multiChunk(len(keys))
		all := append(append([]any{}, args...), keys[:n]...)
		ph := make([]string, n)
		for i := range ph {
			ph[i] = "$" + strconv.Itoa(len(args)+i+1)
		}
		if err := db.run(ctx, tx, stmt+"("+strings.Join(ph, ", ")+")", all, nil); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// run executes q, or queries it and scans each row when scan is not nil.
func (db *DB) run(ctx context.Context, tx *sql.Tx, q string, args []any, scan func(scanner) error) error {
	if scan == nil {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// placeholder is the n-th parameter of a statement whose parameters come
// in order: "?" on SQLite, whose driver looks each "$n" up by name in a
// list (quadratic in a 640-parameter INSERT), "$n" on PostgreSQL.
func (db *DB) placeholder(n int) string {
	if db.dialect.Name() == "sqlite" {
		return "?"
	}
	return "$" + strconv.Itoa(n)
}
