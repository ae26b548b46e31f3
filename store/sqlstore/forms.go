package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const formCols = `id, form_key, name, fields, allowed_origins, redirect_url, team_id, tags, confirmation,
	created_at, updated_at`

var _ crm.FormStore = (*DB)(nil)

// CreateForm stores f with a new key. EINVALID.
func (db *DB) CreateForm(ctx context.Context, f *crm.Form) error {
	if err := f.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		key := crm.NewFormKey()
		err := tx.QueryRowContext(ctx, `INSERT INTO forms (form_key, name, fields, allowed_origins, redirect_url,
			team_id, tags, confirmation, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
			RETURNING id`, append([]any{key}, formArgs(f, now)...)...).Scan(&f.ID)
		if err != nil {
			return db.conflict(err, "create form", "A form with this key exists already.")
		}
		f.Key, f.CreatedAt, f.UpdatedAt = key, now, now
		return nil
	})
}

// UpdateForm saves f's definition; its key stays. ENOTFOUND, EINVALID.
func (db *DB) UpdateForm(ctx context.Context, f *crm.Form) error {
	if err := f.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		var key string
		var created crm.Form
		err := tx.QueryRowContext(ctx, `UPDATE forms SET name = $1, fields = $2, allowed_origins = $3,
			redirect_url = $4, team_id = $5, tags = $6, confirmation = $7, updated_at = $8 WHERE id = $9
			RETURNING form_key, created_at`, append(formArgs(f, now), f.ID)...).Scan(&key, tm{&created.CreatedAt})
		if err != nil {
			return db.notFound(err, "Form", "update form")
		}
		f.Key, f.CreatedAt, f.UpdatedAt = key, created.CreatedAt, now
		return nil
	})
}

// formArgs are the definition's columns from name to updated_at.
func formArgs(f *crm.Form, now any) []any {
	return []any{f.Name, jsonArg(orEmpty(f.Fields)), jsonArg(orEmpty(f.AllowedOrigins)), f.RedirectURL,
		idArg(f.TeamID), jsonArg(orEmpty(f.Tags)), jsonArg(f.Confirmation), now}
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Form returns one form. ENOTFOUND.
func (db *DB) Form(ctx context.Context, id int64) (*crm.Form, error) {
	return db.oneForm(ctx, `SELECT `+formCols+` FROM forms WHERE id = $1`, id)
}

// FormByKey returns the form with a public key. ENOTFOUND.
func (db *DB) FormByKey(ctx context.Context, key string) (*crm.Form, error) {
	return db.oneForm(ctx, `SELECT `+formCols+` FROM forms WHERE form_key = $1`, key)
}

func (db *DB) oneForm(ctx context.Context, query string, arg any) (f *crm.Form, err error) {
	err = db.query(ctx, func(q querier) error {
		f, err = scanForm(q.QueryRowContext(ctx, query, arg))
		return db.notFound(err, "Form", "read form")
	})
	return f, err
}

// ListForms returns every form, oldest first.
func (db *DB) ListForms(ctx context.Context) (forms []*crm.Form, err error) {
	err = db.query(ctx, func(q querier) error {
		forms, err = queryAll(ctx, q, scanForm, `SELECT `+formCols+` FROM forms ORDER BY id`)
		return db.wrap(err, "list forms")
	})
	return forms, err
}

func scanForm(r scanner) (*crm.Form, error) {
	f := &crm.Form{}
	err := r.Scan(&f.ID, &f.Key, &f.Name, jsonCol{&f.Fields}, jsonCol{&f.AllowedOrigins}, &f.RedirectURL,
		nid{&f.TeamID}, jsonCol{&f.Tags}, jsonCol{&f.Confirmation}, tm{&f.CreatedAt}, tm{&f.UpdatedAt})
	return f, err
}

// DeleteForm removes a form. ENOTFOUND.
func (db *DB) DeleteForm(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM forms WHERE id = $1`, id)
		if err != nil {
			return db.wrap(err, "delete form")
		}
		return db.oneRow(res, "Form", "delete form")
	})
}
