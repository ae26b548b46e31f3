package migrations_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// A catalog is a schema as sorted lines, written the same for both engines:
//
//	table T
//	column T.c not null
//	index NAME on T(a, b) unique partial   (NAME is "-" for a constraint's)

func column(table, col string, notNull bool) string {
	if notNull {
		return "column " + table + "." + col + " not null"
	}
	return "column " + table + "." + col + " null"
}

// index writes an index's line. SQLite ends every index of a table with
// the rowid (id INTEGER PRIMARY KEY), so its (a, b) is PostgreSQL's
// (a, b, id): a trailing id is left out on both sides unless it makes the
// index unique.
func index(name, table string, cols []string, unique, partial bool) string {
	if !unique && len(cols) > 1 && cols[len(cols)-1] == "id" {
		cols = cols[:len(cols)-1]
	}
	s := fmt.Sprintf("index %s on %s(%s)", name, table, strings.Join(cols, ", "))
	if unique {
		s += " unique"
	}
	if partial {
		s += " partial"
	}
	return s
}

// postgresCatalog reads the catalog of the schema url's connections use.
func postgresCatalog(t *testing.T, url string) []string {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var out []string
	rows, _ := conn.Query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		out = append(out, "table "+n)
	}
	rows, _ = conn.Query(ctx, `SELECT table_name, column_name, is_nullable = 'NO' FROM information_schema.columns
		WHERE table_schema = current_schema()`)
	var table, col string
	var notNull bool
	if _, err := pgx.ForEachRow(rows, []any{&table, &col, &notNull}, func() error {
		out = append(out, column(table, col, notNull))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	rows, _ = conn.Query(ctx, `SELECT i.relname, t.relname, x.indisunique, x.indpred IS NOT NULL,
			EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid),
			ARRAY(SELECT CASE WHEN k.n = 0 THEN '<expr>' ELSE a.attname END
				FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, ord)
				LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n
				WHERE k.ord <= x.indnkeyatts ORDER BY k.ord)
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
		WHERE t.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary`)
	var name string
	var unique, partial, constraint bool
	var cols []string
	if _, err := pgx.ForEachRow(rows, []any{&name, &table, &unique, &partial, &constraint, &cols}, func() error {
		if constraint {
			name = "-"
		}
		out = append(out, index(name, table, cols, unique, partial))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// sqliteCatalog reads the catalog of the database file at path.
func sqliteCatalog(t *testing.T, path string) []string {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := sqliteStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	var out []string
	for _, tb := range tables {
		out = append(out, "table "+tb)
		sqliteRows(t, db, `SELECT name, "notnull" OR pk > 0 FROM pragma_table_info(?)`, []any{tb}, func(r *sql.Rows) error {
			var col string
			var notNull bool
			err := r.Scan(&col, &notNull)
			out = append(out, column(tb, col, notNull))
			return err
		})
		sqliteRows(t, db, `SELECT name, "unique", origin, partial FROM pragma_index_list(?) WHERE origin <> 'pk'`, []any{tb}, func(r *sql.Rows) error {
			var name, origin string
			var unique, partial bool
			if err := r.Scan(&name, &unique, &origin, &partial); err != nil {
				return err
			}
			cols := sqliteStrings(t, db, `SELECT coalesce(name, '<expr>') FROM pragma_index_info(?) ORDER BY seqno`, name)
			if origin != "c" {
				name = "-"
			}
			out = append(out, index(name, tb, cols, unique, partial))
			return nil
		})
	}
	slices.Sort(out)
	return out
}

func sqliteStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	var out []string
	sqliteRows(t, db, q, args, func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		out = append(out, s)
		return err
	})
	return out
}

func sqliteRows(t *testing.T, db *sql.DB, q string, args []any, each func(*sql.Rows) error) {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
