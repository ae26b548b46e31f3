package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/rapport-crm/rapport/crm"
	"strings"
)

// ExportInstallation streams every moved table to sink from one snapshot, so that
// what it writes is consistent even while servers keep writing. Memory
// stays flat: rows go to the sink one at a time.
func (db *DB) ExportInstallation(ctx context.Context, sink crm.MoveSink) error {
	var opts *sql.TxOptions
	if db.dialect.Name() == "postgres" {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("export: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	tables, err := db.moveTables(ctx, tx)
	if err != nil {
		return err
	}
	src := crm.MoveSource{Engine: db.dialect.Name()}
	if src.Migrations, err = queryAll(ctx, tx, func(r scanner) (s string, err error) { return s, r.Scan(&s) },
		`SELECT version FROM schema_migrations ORDER BY version`); err != nil {
		return fmt.Errorf("export: read the migrations: %w", err)
	}
	if src.Sequences, err = db.readSequences(ctx, tx, tables); err != nil {
		return err
	}
	if err := sink.Begin(src); err != nil {
		return err
	}
	for _, t := range tables {
		if err := db.exportTable(ctx, tx, t, sink); err != nil {
			return fmt.Errorf("export %s: %w", t.Name, err)
		}
	}
	return nil
}

func (db *DB) exportTable(ctx context.Context, tx *sql.Tx, t movedTable, sink crm.MoveSink) error {
	if err := sink.Table(t.MoveTable); err != nil {
		return err
	}
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = quoteIdent(c.Name)
	}
	keys := make([]string, len(t.key))
	for i, k := range t.key {
		keys[i] = quoteIdent(k)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+quoteIdent(t.Name)+
		` ORDER BY `+strings.Join(keys, ", "))
	if err != nil {
		return err
	}
	defer rows.Close()
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	values := make([]any, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, c := range t.Columns {
			if values[i], err = exportValue(c.Kind, raw[i]); err != nil {
				return fmt.Errorf("column %s of the row %v: %w", c.Name, raw[0], err)
			}
		}
		if err := sink.Row(values); err != nil {
			return err
		}
	}
	return rows.Err()
}

// quoteIdent quotes a name from the catalog for both engines.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
