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
//	foreign key T(a) references R(id) on delete cascade

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

func foreignKey(table string, from []string, ref string, to []string, onDelete string) string {
	return fmt.Sprintf("foreign key %s(%s) references %s(%s) on delete %s", table, strings.Join(from, ", "),
		ref, strings.Join(to, ", "), strings.ToLower(onDelete))
}

// pgOnDelete names PostgreSQL's confdeltype codes as SQLite spells them.
var pgOnDelete = map[string]string{"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}

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
	rows, _ = conn.Query(ctx, `SELECT t.relname, r.relname, c.confdeltype::text,
			ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
				JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.ord),
			ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
				JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.ord)
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
		WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace`)
	var ref, del string
	var to []string
	if _, err := pgx.ForEachRow(rows, []any{&table, &ref, &del, &cols, &to}, func() error {
		out = append(out, foreignKey(table, cols, ref, to, pgOnDelete[del]))
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
		out = append(out, sqliteForeignKeys(t, db, tb)...)
	}
	slices.Sort(out)
	return out
}

// sqliteForeignKeys lists table's foreign keys; a key naming no column
// refers to the other table's primary key (id, in every table here).
func sqliteForeignKeys(t *testing.T, db *sql.DB, table string) []string {
	type key struct {
		ref, onDelete string
		from, to      []string
	}
	var keys []*key
	byID := map[int]*key{}
	sqliteRows(t, db, `SELECT id, "table", "from", coalesce("to", 'id'), on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
		[]any{table}, func(r *sql.Rows) error {
			var id int
			var ref, from, to, del string
			if err := r.Scan(&id, &ref, &from, &to, &del); err != nil {
				return err
			}
			k := byID[id]
			if k == nil {
				k = &key{ref: ref, onDelete: del}
				byID[id] = k
				keys = append(keys, k)
			}
			k.from, k.to = append(k.from, from), append(k.to, to)
			return nil
		})
	var out []string
	for _, k := range keys {
		out = append(out, foreignKey(table, k.from, k.ref, k.to, k.onDelete))
	}
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
