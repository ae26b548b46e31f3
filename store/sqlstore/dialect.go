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
	// ForEachKey is the query "SELECT cols FROM from WHERE where" run once
	// for each key bound at ph (with ListArg; the keys are of SQL type typ,
	// text or bigint), where naming the key k.v. Each run is planned as
	// the one-key query it is (an index lookup), whatever the statistics
	// say; the statement text does not depend on the number of keys.
	ForEachKey(ph, typ, cols, from, where string) string
	// ListArg binds a []string or []int64 for ForEachKey.
	ListArg(values any) any
	// ReserveIDs is a query whose rows, as many as the SQL integer
	// expression count says, each hold an id of each table (a column per
	// table) that no row has or will be given by default, for rows that
	// the transaction inserts later with explicit ids.
	ReserveIDs(count string, tables ...string) string
	// ExecAll runs stmts in order in tx, which runs on conn when conn is not
	// nil, and returns the index of the statement that failed. PostgreSQL
	// sends them all at once (a pipeline): one round trip, not one each.
	ExecAll(ctx context.Context, conn *sql.Conn, tx *sql.Tx, stmts []Stmt) (int, error)
	// QueryAll runs the queries as ExecAll runs statements, calling each
	// one's Row for each of its rows.
	QueryAll(ctx context.Context, conn *sql.Conn, tx *sql.Tx, qs []Query) (int, error)
}

// Query is a query with its arguments and what to do with each row.
type Query struct {
	SQL  string
	Args []any
	Row  func(r Scanner) error
}

// Scanner is a row being read.
type Scanner interface{ Scan(dest ...any) error }

// QueryEach runs qs one by one in tx: QueryAll where round trips are free.
func QueryEach(ctx context.Context, tx *sql.Tx, qs []Query) (int, error) {
	for i, q := range qs {
		if err := queryRows(ctx, tx, q); err != nil {
			return i, err
		}
	}
	return 0, nil
}

func queryRows(ctx context.Context, tx *sql.Tx, q Query) error {
	rows, err := tx.QueryContext(ctx, q.SQL, q.Args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := q.Row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Stmt is one statement with its arguments.
type Stmt struct {
	SQL  string
	Args []any
}

// ExecEach runs stmts one by one in tx: ExecAll where round trips are free.
func ExecEach(ctx context.Context, tx *sql.Tx, stmts []Stmt) (int, error) {
	for i, s := range stmts {
		if _, err := tx.ExecContext(ctx, s.SQL, s.Args...); err != nil {
			return i, err
		}
	}
	return 0, nil
}
