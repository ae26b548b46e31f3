package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect is SQLite's sqlstore.Dialect.
type Dialect struct{}

// Name returns "sqlite".
func (Dialect) Name() string { return "sqlite" }

// ILike returns LIKE, which SQLite already folds for ASCII letters.
func (Dialect) ILike() string { return "LIKE" }

// IsUniqueViolation reports a UNIQUE or PRIMARY KEY constraint failure.
func (Dialect) IsUniqueViolation(err error) bool {
	c := code(err)
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// IsForeignKeyViolation reports a FOREIGN KEY constraint failure.
func (Dialect) IsForeignKeyViolation(err error) bool {
	return code(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// LockMigrations does nothing: write transactions begin IMMEDIATE, which
// holds the database's one write lock until commit.
func (Dialect) LockMigrations(context.Context, *sql.Tx) error { return nil }

// IsBusy reports that another connection held the write lock past
// busy_timeout. SQLite's busy handler is not fair: with several processes
// migrating one file on a loaded machine, one can lose the lock to the
// others for longer than the timeout, so Migrate retries on it.
func (Dialect) IsBusy(err error) bool {
	return code(err)&0xff == sqlite3.SQLITE_BUSY
}

func code(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}
