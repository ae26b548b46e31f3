package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// Migrate applies the engine's migrations not yet recorded in
// schema_migrations, in name order, each in its own transaction with its
// record, and returns the names it applied. Running it twice, or from two
// processes at once, applies each migration once: the dialect's lock (or
// SQLite's exclusive write transaction) serialises them, and each checks its
// record after taking the lock.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	names, err := fs.Glob(db.migrations, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list migrations: %w", err)
	}
	sort.Strings(names)
	var applied []string
	for _, name := range names {
		did, err := db.migrateOneRetrying(ctx, name)
		if err != nil {
			return applied, err
		}
		if did {
			applied = append(applied, name)
			db.log.Info("migration applied", "name", name, "engine", db.dialect.Name())
		}
	}
	return applied, nil
}

// migrateBusyPatience is how long Migrate keeps retrying a migration whose
// transaction could not take the write lock (a dialect with IsBusy: SQLite,
// where several processes starting at once contend for one file).
const migrateBusyPatience = 2 * time.Minute

func (db *DB) migrateOneRetrying(ctx context.Context, name string) (bool, error) {
	busy, _ := db.dialect.(interface{ IsBusy(error) bool })
	deadline := time.Now().Add(migrateBusyPatience)
	for {
		did, err := db.migrateOne(ctx, name)
		if err == nil || busy == nil || !busy.IsBusy(err) || time.Now().After(deadline) {
			return did, err
		}
		db.log.Info("migration waits for the write lock", "name", name)
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (db *DB) migrateOne(ctx context.Context, name string) (bool, error) {
	body, err := fs.ReadFile(db.migrations, name)
	if err != nil {
		return false, fmt.Errorf("sqlstore: read migration %s: %w", name, err)
	}
	version := strings.TrimSuffix(path.Base(name), ".sql")
	did := false
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.dialect.LockMigrations(ctx, tx); err != nil {
			return fmt.Errorf("sqlstore: lock migrations: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version TEXT PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`); err != nil {
			return fmt.Errorf("sqlstore: create schema_migrations: %w", err)
		}
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n)
		if err != nil || n > 0 {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("sqlstore: migration %s: %w", name, err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, version, db.now())
		did = err == nil
		return err
	})
	return did, err
}
