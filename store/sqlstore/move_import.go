package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/rapport-crm/rapport/crm"
	"strings"
)

// ImportInstallation loads an export into this database, which must be migrated to the
// same schema and empty. Everything happens in one transaction: the rows,
// the foreign keys checked at the end, the id sequences, a check that the
// configured secret key opens the imported secrets, then beforeCommit
// (the files); a failure anywhere leaves the database as it was. It
// returns how many rows it loaded.
func (db *DB) ImportInstallation(ctx context.Context, r crm.MoveReader, beforeCommit func(ctx context.Context) error) (int64, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("import: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	targets, err := db.importTargets(ctx, tx, r.Tables())
	if err != nil {
		return 0, err
	}
	restore, err := db.deferForeignKeys(ctx, tx)
	if err != nil {
		return 0, err
	}
	var n int64
	for _, t := range r.Tables() {
		loaded, err := db.importTable(ctx, tx, r, t, targets[t.Name])
		if err != nil {
			return n, fmt.Errorf("import %s (after %d rows): %w", t.Name, loaded, err)
		}
		n += loaded
	}
	if err := restore(); err != nil {
		return n, err
	}
	if err := db.writeSequences(ctx, tx, r.Tables(), r.Source().Sequences); err != nil {
		return n, err
	}
	if err := db.checkSecrets(ctx, tx); err != nil {
		return n, fmt.Errorf("import: the imported secrets: %w", err)
	}
	if beforeCommit != nil {
		if err := beforeCommit(ctx); err != nil {
			return n, err
		}
	}
	if err := tx.Commit(); err != nil {
		return n, fmt.Errorf("import: commit: %w", err)
	}
	return n, db.afterImport(ctx, r.Tables())
}

// importTargets checks that the export's tables are exactly the target's,
// with the same columns, and that the target is empty; it empties the
// tables a migration seeded, and returns the target's tables by name.
func (db *DB) importTargets(ctx context.Context, tx *sql.Tx, from []crm.MoveTable) (map[string]crm.MoveTable, error) {
	to, err := db.moveTables(ctx, tx)
	if err != nil {
		return nil, err
	}
	byName := map[string]crm.MoveTable{}
	var full []string
	for _, t := range to {
		byName[t.Name] = t.MoveTable
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+quoteIdent(t.Name)+` LIMIT 1`).Scan(&one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, fmt.Errorf("import: read %s: %w", t.Name, err)
		case moveRoles[t.Name] == seeded:
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(t.Name)); err != nil {
				return nil, fmt.Errorf("import: empty %s: %w", t.Name, err)
			}
		default:
			full = append(full, t.Name)
		}
	}
	if len(full) > 0 {
		return nil, crm.Errorf(crm.ECONFLICT, "The target database is not empty: %s hold records. Import into a new database: an empty data directory, "+
			"or a new PostgreSQL database (rapport migrate creates the tables; do not start serve before the import, "+
			"which would add the first administrator).", strings.Join(full, ", "))
	}
	if len(from) != len(to) {
		return nil, fmt.Errorf("import: the export has %d tables, this database %d: they come from different Rapport versions", len(from), len(to))
	}
	for _, t := range from {
		if err := sameColumns(t, byName[t.Name]); err != nil {
			return nil, err
		}
	}
	return byName, nil
}

func sameColumns(from, to crm.MoveTable) error {
	if to.Name == "" {
		return fmt.Errorf("import: this database has no table %s", from.Name)
	}
	have := map[string]bool{}
	for _, c := range to.Columns {
		have[c.Name] = true
	}
	for _, c := range from.Columns {
		if !have[c.Name] {
			return fmt.Errorf("import: this database has no column %s.%s", from.Name, c.Name)
		}
		delete(have, c.Name)
	}
	for c := range have {
		return fmt.Errorf("import: the export has no column %s.%s", from.Name, c)
	}
	return nil
}

// afterImport rebuilds what is derived: SQLite's search index file;
// PostgreSQL's planner statistics (its trigram indexes were kept up by
// the inserts).
func (db *DB) afterImport(ctx context.Context, tables []crm.MoveTable) error {
	if db.dialect.Name() == "postgres" {
		names := make([]string, len(tables))
		for i, t := range tables {
			names[i] = quoteIdent(t.Name)
		}
		// The moved tables only: a bare ANALYZE would visit every schema
		// of the database.
		if _, err := db.write.ExecContext(ctx, `ANALYZE `+strings.Join(names, ", ")); err != nil {
			return fmt.Errorf("import: analyze: %w", err)
		}
		return nil
	}
	if err := db.IndexSearch(ctx); err != nil {
		return fmt.Errorf("import: build the search index: %w", err)
	}
	return nil
}
