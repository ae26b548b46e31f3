package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

type scanner interface{ Scan(...any) error }

// queryAll runs a query and scans every row with scan; never a nil slice.
func queryAll[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// oneRow turns "no row changed" into ENOTFOUND.
func (db *DB) oneRow(res sql.Result, what, op string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return db.wrap(err, op)
	}
	if n == 0 {
		return crm.Errorf(crm.ENOTFOUND, "%s not found.", what)
	}
	return nil
}
