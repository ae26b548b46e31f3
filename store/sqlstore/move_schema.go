package sqlstore

import (
	"context"
	"fmt"
	"github.com/rapport-crm/rapport/crm"
	"slices"
	"strings"
)

// movedTable is a table whose rows move, with its primary key: the
// export's row order.
type movedTable struct {
	crm.MoveTable
	key []string
}

// moveTables reads the catalog on q and returns the tables whose rows
// move, sorted by name. A table moveRoles does not name is an error.
func (db *DB) moveTables(ctx context.Context, q querier) ([]movedTable, error) {
	names, err := db.catalogTables(ctx, q)
	if err != nil {
		return nil, err
	}
	var unknown []string
	var out []movedTable
	for _, n := range names {
		role, ok := moveRoles[n]
		if !ok {
			unknown = append(unknown, n)
			continue
		}
		if !role.movesRows() {
			continue
		}
		t := movedTable{MoveTable: crm.MoveTable{Name: n}}
		if err := db.catalogColumns(ctx, q, &t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("the database has tables that rapport export does not know: %s "+
			"(a migration added them without saying how they move: see store/sqlstore/move_tables.go)",
			strings.Join(unknown, ", "))
	}
	return out, nil
}

func (db *DB) catalogTables(ctx context.Context, q querier) ([]string, error) {
	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if db.dialect.Name() == "postgres" {
		query = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	names, err := queryAll(ctx, q, func(r scanner) (s string, err error) { return s, r.Scan(&s) }, query)
	slices.Sort(names)
	return names, err
}

// catalogColumns fills t's columns and primary key.
func (db *DB) catalogColumns(ctx context.Context, q querier, t *movedTable) error {
	query := `SELECT name, upper(type), pk FROM pragma_table_info($1) ORDER BY cid`
	if db.dialect.Name() == "postgres" {
		query = `SELECT c.column_name, c.data_type, coalesce(array_position(x.indkey::int2[], a.attnum::int2), 0)
			FROM information_schema.columns c
			JOIN pg_attribute a ON a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(c.table_name))::regclass
				AND a.attname = c.column_name
			LEFT JOIN pg_index x ON x.indrelid = a.attrelid AND x.indisprimary
			WHERE c.table_schema = current_schema() AND c.table_name = $1 ORDER BY c.ordinal_position`
	}
	type col struct {
		name, typ string
		pk        int
	}
	cols, err := queryAll(ctx, q, func(r scanner) (c col, err error) { return c, r.Scan(&c.name, &c.typ, &c.pk) }, query, t.Name)
	if err != nil {
		return fmt.Errorf("read the columns of %s: %w", t.Name, err)
	}
	var keys []col
	for _, c := range cols {
		kind, ok := columnKinds[strings.ToLower(c.typ)]
		if !ok {
			return fmt.Errorf("%s.%s has the type %q, which rapport export does not know how to move", t.Name, c.name, c.typ)
		}
		t.Columns = append(t.Columns, crm.MoveColumn{Name: c.name, Kind: kind})
		if c.pk > 0 {
			keys = append(keys, c)
		}
	}
	slices.SortFunc(keys, func(a, b col) int { return a.pk - b.pk })
	for _, k := range keys {
		t.key = append(t.key, k.name)
	}
	if len(t.key) == 0 {
		for _, c := range t.Columns {
			t.key = append(t.key, c.Name) // no primary key: order by every column
		}
	}
	return nil
}

// columnKinds maps the declared types of both engines to a kind.
var columnKinds = map[string]string{
	"integer": "int", "bigint": "int", "smallint": "int",
	"boolean": "bool",
	"real":    "float", "double precision": "float",
	"text":      "text",
	"date":      "date",
	"timestamp": "time", "timestamp with time zone": "time", "timestamp without time zone": "time",
	"blob": "bytes", "bytea": "bytes",
}
