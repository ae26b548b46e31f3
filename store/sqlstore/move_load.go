package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/rapport-crm/rapport/crm"
	"strconv"
	"strings"
)

// deferForeignKeys lets the rows of every table arrive in any order (a
// table may refer to itself or to a later one) and returns what checks
// them at the end: SQLite defers its checks to the commit; PostgreSQL
// drops the foreign keys and adds them again, which checks every row and
// is faster than checking each insert. DDL is transactional there: a
// failure restores them.
func (db *DB) deferForeignKeys(ctx context.Context, tx *sql.Tx) (func() error, error) {
	if db.dialect.Name() != "postgres" {
		_, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`)
		return func() error { return nil }, err
	}
	type fk struct{ table, name, def string }
	keys, err := queryAll(ctx, tx, func(r scanner) (k fk, err error) { return k, r.Scan(&k.table, &k.name, &k.def) },
		`SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
		WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace ORDER BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("import: read the foreign keys: %w", err)
	}
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+quoteIdent(k.table)+` DROP CONSTRAINT `+quoteIdent(k.name)); err != nil {
			return nil, fmt.Errorf("import: set the foreign keys aside: %w", err)
		}
	}
	return func() error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE `+quoteIdent(k.table)+` ADD CONSTRAINT `+quoteIdent(k.name)+` `+k.def); err != nil {
				return fmt.Errorf("import: a row of %s refers to a missing record (%s): %w", k.table, k.def, err)
			}
		}
		return nil
	}, nil
}

// importTable inserts the export's rows of t, converted to the kinds of
// the target's columns, several rows a statement.
func (db *DB) importTable(ctx context.Context, tx *sql.Tx, r crm.MoveReader, t, target crm.MoveTable) (int64, error) {
	kinds := map[string]string{}
	for _, c := range target.Columns {
		kinds[c.Name] = c.Kind
	}
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = quoteIdent(c.Name)
	}
	perStmt := max(1, min(200, 2000/len(cols)))
	head := `INSERT INTO ` + quoteIdent(t.Name) + ` (` + strings.Join(cols, ", ") + `) VALUES `
	pg := db.dialect.Name() == "postgres"
	var (
		n    int64
		args []any
	)
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, head+rowPlaceholders(len(args)/len(cols), len(cols)), args...)
		args = args[:0]
		return err
	}
	err := r.Rows(ctx, t.Name, func(values []any) error {
		for i, c := range t.Columns {
			v, err := importValue(kinds[c.Name], values[i], pg)
			if err != nil {
				return fmt.Errorf("row %d, column %s: %w", n+1, c.Name, err)
			}
			args = append(args, v)
		}
		n++
		if len(args) >= perStmt*len(cols) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return n, err
}

// rowPlaceholders is "($1, $2), ($3, $4)" for rows rows of cols columns.
func rowPlaceholders(rows, cols int) string {
	var b strings.Builder
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(r*cols + c + 1))
		}
		b.WriteByte(')')
	}
	return b.String()
}
