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

// insertRows writes rows into table: cols names each column with its SQL
// type ("kind text, record_id bigint"), tail is what follows the rows (an
// ON CONFLICT, a RETURNING), and scan, when not nil, reads each returned
// row. PostgreSQL takes them in one statement whatever their number, each
// column bound as an array and unnested (one round trip and one cached
// plan per batch); SQLite, where a statement costs no round trip, takes
// multi-row VALUES in a few chunk sizes.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, table, cols, tail string, rows [][]any, scan func(scanner) error) error {
	names, types := splitCols(cols)
	head := "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ")"
	if len(rows) == 0 {
		return nil
	}
	if db.dialect.Name() == "postgres" {
		arrays, ph := make([]any, len(types)), make([]string, len(types))
		for c := range types {
			col := make([]any, len(rows))
			for i, row := range rows {
				col[i] = row[c]
			}
			arrays[c], ph[c] = col, "$"+strconv.Itoa(c+1)+"::"+types[c]+"[]"
		}
		return db.run(ctx, tx, head+" SELECT * FROM unnest("+strings.Join(ph, ", ")+")"+tail, arrays, scan)
	}
	for _, st := range db.insertStmts(head, tail, rows) {
		if err := db.run(ctx, tx, st.SQL, st.Args, scan); err != nil {
			return err
		}
	}
	return nil
}

// insertStmts are rows as multi-row INSERT … VALUES statements in a few
// chunk sizes (head is "INSERT INTO t (cols)", tail what follows the
// VALUES): insertRows' SQLite form, and the form for a caller that sends
// many statements at once on either engine (Dialect.ExecAll).
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

// splitCols splits "a text, b bigint" into the names and the types.
func splitCols(cols string) (names, types []string) {
	for _, c := range strings.Split(cols, ",") {
		f := strings.Fields(c)
		names, types = append(names, f[0]), append(types, f[1])
	}
	return names, types
}

// execIn runs stmt, which ends with a column (" WHERE id"), for each of
// keys (ids): args are its own arguments ($1…), the keys are bound after
// them. PostgreSQL takes them all as one array (= ANY: an index lookup
// each), SQLite as IN lists in a few chunk sizes.
func (db *DB) execIn(ctx context.Context, tx *sql.Tx, stmt string, args []any, keys []int64) error {
	if len(keys) == 0 {
		return nil
	}
	if db.dialect.Name() == "postgres" {
		all := append(append([]any{}, args...), keys)
		return db.run(ctx, tx, stmt+" = ANY($"+strconv.Itoa(len(all))+"::bigint[])", all, nil)
	}
	for len(keys) > 0 {
		n := multiChunk(len(keys))
		all := append([]any{}, args...)
		ph := make([]string, n)
		for i := range ph {
			all = append(all, keys[i])
			ph[i] = "$" + strconv.Itoa(len(args)+i+1)
		}
		if err := db.run(ctx, tx, stmt+" IN ("+strings.Join(ph, ", ")+")", all, nil); err != nil {
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
