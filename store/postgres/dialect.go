package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// Dialect is PostgreSQL's sqlstore.Dialect.
type Dialect struct{}

// Name returns "postgres".
func (Dialect) Name() string { return "postgres" }

// ILike returns ILIKE.
func (Dialect) ILike() string { return "ILIKE" }

// IsUniqueViolation reports SQLSTATE 23505.
func (Dialect) IsUniqueViolation(err error) bool { return state(err) == "23505" }

// IsForeignKeyViolation reports SQLSTATE 23503.
func (Dialect) IsForeignKeyViolation(err error) bool { return state(err) == "23503" }

// migrationLock is the advisory lock key that serialises migrations across
// every Rapport process sharing the database ("rapport" in ASCII).
const migrationLock = 0x72617070_6f7274

// LockMigrations takes a transaction-scoped advisory lock, released at
// commit or rollback.
func (Dialect) LockMigrations(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock))
	return err
}

func state(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
