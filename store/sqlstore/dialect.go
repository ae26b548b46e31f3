package sqlstore

import (
	"context"
	"database/sql"
)

// Dialect is what differs between the engines, and nothing more.
type Dialect interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// ILike is the case-insensitive LIKE operator: "LIKE" on SQLite (which
	// folds ASCII only, and compares other scripts exactly), "ILIKE" on
	// PostgreSQL.
	ILike() string
	// IsUniqueViolation reports whether err is a unique or primary key
	// violation.
	IsUniqueViolation(err error) bool
	// IsForeignKeyViolation reports whether err is a foreign key violation.
	IsForeignKeyViolation(err error) bool
	// LockMigrations serialises migrations between processes; it runs
	// first in each migration's transaction. (SQLite's write transactions
	// are already exclusive: BEGIN IMMEDIATE.)
	LockMigrations(ctx context.Context, tx *sql.Tx) error
}
