package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.ListViewStore = (*DB)(nil)
var _ crm.ListCounter = (*DB)(nil)

// ListColumns returns the columns a user chose for a list; nil: none.
func (db *DB) ListColumns(ctx context.Context, userID int64, kind string) (cols []string, err error) {
	err = db.query(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, `SELECT columns FROM list_columns WHERE user_id = $1 AND kind = $2`,
			userID, kind).Scan(jsonCol{&cols})
	})
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if len(cols) == 0 {
		cols = nil
	}
	return cols, db.wrap(err, "list columns")
}

// SetListColumns stores a user's columns for a list; none: the defaults.
func (db *DB) SetListColumns(ctx context.Context, userID int64, kind string, cols []string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := db.UserByID(ctx, userID); err != nil {
			return err
		}
		if len(cols) == 0 {
			_, err := tx.ExecContext(ctx, `DELETE FROM list_columns WHERE user_id = $1 AND kind = $2`, userID, kind)
			return db.wrap(err, "reset list columns")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO list_columns (user_id, kind, columns) VALUES ($1, $2, $3)
			ON CONFLICT (user_id, kind) DO UPDATE SET columns = $3`, userID, kind, jsonArg(cols))
		return db.wrap(err, "set list columns")
	})
}

const savedFilterCols = `id, user_id, kind, name, query, team_id, created_at`

func scanSavedFilter(r scanner) (*crm.SavedFilter, error) {
	f := &crm.SavedFilter{}
	return f, r.Scan(&f.ID, &f.UserID, &f.Kind, &f.Name, &f.Query, nid{&f.TeamID}, tm{&f.CreatedAt})
}

// SavedFilters returns v's filters of a list and those shared with v's team.
func (db *DB) SavedFilters(ctx context.Context, v crm.Viewer, kind string) (out []*crm.SavedFilter, err error) {
	err = db.query(ctx, func(q querier) error {
		out, err = queryAll(ctx, q, scanSavedFilter, `SELECT `+savedFilterCols+` FROM saved_filters
			WHERE kind = $1 AND (user_id = $2 OR team_id = $3) ORDER BY name, id`, kind, v.UserID, v.TeamID)
		return err
	})
	return out, db.wrap(err, "saved filters")
}

// SaveFilter stores f as v's, replacing v's filter of the same name.
func (db *DB) SaveFilter(ctx context.Context, v crm.Viewer, f *crm.SavedFilter) error {
	if err := f.Normalize(); err != nil {
		return err
	}
	if f.TeamID != nil && (v.TeamID == 0 || *f.TeamID != v.TeamID) {
		return crm.Errorf(crm.EFORBIDDEN, "A filter can be shared with your own team only.")
	}
	f.UserID, f.CreatedAt = v.UserID, db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO saved_filters (user_id, kind, name, query, team_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (user_id, kind, name) DO UPDATE SET query = $4, team_id = $5 RETURNING id`,
			f.UserID, f.Kind, f.Name, f.Query, idArg(f.TeamID), f.CreatedAt).Scan(&f.ID)
		return db.wrap(err, "save filter")
	})
}

// DeleteSavedFilter removes one of v's own filters. ENOTFOUND.
func (db *DB) DeleteSavedFilter(ctx context.Context, v crm.Viewer, id int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM saved_filters WHERE id = $1 AND user_id = $2`, id, v.UserID)
		if err != nil {
			return db.wrap(err, "delete saved filter")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return crm.Errorf(crm.ENOTFOUND, "Saved filter not found.")
		}
		return nil
	})
}
