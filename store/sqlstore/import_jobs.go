package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.ImportStore = (*DB)(nil)

const importCols = `id, kind, status, file_name, file_sha256, file_size, format, encoding, headings, mapping, options,
	total_rows, done_rows, created_n, updated_n, skipped_n, failed_n, error, created_by, created_at, updated_at,
	finished_at`

func scanImport(r scanner) (*crm.ImportJob, error) {
	j := &crm.ImportJob{}
	err := r.Scan(&j.ID, &j.Kind, &j.Status, &j.FileName, &j.FileSHA256, &j.FileSize, &j.Format, &j.Encoding,
		jsonCol{&j.Headings}, jsonCol{&j.Mapping}, jsonCol{&j.Options}, &j.Total, &j.Done, &j.Created, &j.Updated,
		&j.Skipped, &j.Failed, &j.Error, &j.CreatedBy, tm{&j.CreatedAt}, tm{&j.UpdatedAt}, ntm{&j.FinishedAt})
	return j, err
}

// CreateImport stores j and sets ID and times.
func (db *DB) CreateImport(ctx context.Context, j *crm.ImportJob) error {
	now := db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO import_jobs (kind, status, file_name, file_sha256, file_size,
			format, encoding, headings, mapping, options, total_rows, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
			j.Kind, j.Status, j.FileName, j.FileSHA256, j.FileSize, j.Format, j.Encoding, jsonArg(nonNil(j.Headings)),
			jsonArg(nonNil(j.Mapping)), jsonArg(j.Options), j.Total, j.CreatedBy, now).Scan(&j.ID)
		j.CreatedAt, j.UpdatedAt = now, now
		return db.wrap(err, "create import")
	})
}

// Import returns a job v may see: admins see every job, others their own.
// ENOTFOUND.
func (db *DB) Import(ctx context.Context, v crm.Viewer, id int64) (j *crm.ImportJob, err error) {
	w := &where{}
	w.and("id = " + w.arg(id))
	importVisible(w, v)
	err = db.query(ctx, func(q querier) error {
		j, err = scanImport(q.QueryRowContext(ctx, `SELECT `+importCols+` FROM import_jobs`+w.String(), w.args...))
		return db.notFound(err, "Import", "get import")
	})
	return j, err
}

func importVisible(w *where, v crm.Viewer) {
	if !v.SeesAll() {
		w.and("created_by = " + w.arg(v.UserID))
	}
}

// ListImports returns a page of the jobs v may see, newest first.
func (db *DB) ListImports(ctx context.Context, v crm.Viewer, p crm.Page) (l crm.List[*crm.ImportJob], err error) {
	pg := p.Clamp()
	w := &where{}
	importVisible(w, v)
	if pg.After > 0 {
		w.and("id < " + w.arg(pg.After))
	}
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanImport, `SELECT `+importCols+` FROM import_jobs`+w.String()+
			` ORDER BY id DESC LIMIT `+itoa(pg.Limit+1), w.args...)
		l = crm.NewList(items, pg.Limit, func(j *crm.ImportJob) int64 { return j.ID })
		return db.wrap(err, "list imports")
	})
	return l, err
}

// SaveImport saves j's status, mapping, options, counts and error.
// ENOTFOUND.
func (db *DB) SaveImport(ctx context.Context, j *crm.ImportJob) error {
	j.UpdatedAt = db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE import_jobs SET status = $2, mapping = $3, options = $4,
			total_rows = $5, done_rows = $6, created_n = $7, updated_n = $8, skipped_n = $9, failed_n = $10,
			error = $11, updated_at = $12, finished_at = $13 WHERE id = $1`,
			j.ID, j.Status, jsonArg(nonNil(j.Mapping)), jsonArg(j.Options), j.Total, j.Done, j.Created, j.Updated,
			j.Skipped, j.Failed, j.Error, j.UpdatedAt, nullTime(j.FinishedAt))
		if err != nil {
			return db.wrap(err, "save import")
		}
		return db.oneRow(res, "Import", "save import")
	})
}

// NextImport returns the oldest queued or running job. ENOTFOUND.
func (db *DB) NextImport(ctx context.Context) (j *crm.ImportJob, err error) {
	err = db.query(ctx, func(q querier) error {
		j, err = scanImport(q.QueryRowContext(ctx, `SELECT `+importCols+` FROM import_jobs
			WHERE status IN ('queued', 'running') ORDER BY id LIMIT 1`))
		return db.notFound(err, "Import", "next import")
	})
	return j, err
}

// SameFileImport returns the newest other job of kind with this file hash
// that was imported and not undone. ENOTFOUND.
func (db *DB) SameFileImport(ctx context.Context, kind, sha string, except int64) (j *crm.ImportJob, err error) {
	err = db.query(ctx, func(q querier) error {
		j, err = scanImport(q.QueryRowContext(ctx, `SELECT `+importCols+` FROM import_jobs
			WHERE kind = $1 AND file_sha256 = $2 AND id <> $3 AND status IN ('queued', 'running', 'done')
			ORDER BY id DESC LIMIT 1`, kind, sha, except))
		return db.notFound(err, "Import", "same file import")
	})
	return j, err
}

const importRowCols = `job_id, row_no, record_kind, action, record_id, row_key, reason, cells, before, stamp`

func scanImportRow(r scanner) (crm.ImportRow, error) {
	var x crm.ImportRow
	err := r.Scan(&x.JobID, &x.RowNo, &x.RecordKind, &x.Action, nid{&x.RecordID}, &x.Key, &x.Reason,
		jsonCol{&x.Cells}, &x.Before, ntm{&x.Stamp})
	return x, err
}

// AddImportRows records what rows did, in multi-row statements (up to 64
// rows each, with positional parameters on SQLite), sent together: an
// import writes one or two of these per row.
func (db *DB) AddImportRows(ctx context.Context, rows []crm.ImportRow) error {
	vals := make([][]any, len(rows))
	for i, x := range rows {
		vals[i] = []any{x.JobID, x.RowNo, x.RecordKind, x.Action, idArg(x.RecordID), x.Key, x.Reason,
			jsonArg(nonNil(x.Cells)), x.Before, nullTime(x.Stamp)}
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		// One round trip on PostgreSQL inside WithBatchTx.
		_, err := db.dialect.ExecAll(ctx, batchConn(ctx), tx, db.insertStmts(`INSERT INTO import_rows (`+importRowCols+`)`, "", vals))
		return db.wrap(err, "add import rows")
	})
}

// ImportRows returns a job's rows with action (all when ""), by row, after
// row after, at most limit.
func (db *DB) ImportRows(ctx context.Context, jobID int64, action string, after, limit int) (rs []crm.ImportRow, err error) {
	w := &where{}
	w.and("job_id = " + w.arg(jobID))
	w.and("row_no > " + w.arg(after))
	w.equal("action", action)
	err = db.query(ctx, func(q querier) error {
		rs, err = queryAll(ctx, q, scanImportRow, `SELECT `+importRowCols+` FROM import_rows`+w.String()+
			` ORDER BY row_no, record_kind LIMIT `+itoa(max(limit, 1)), w.args...)
		return db.wrap(err, "import rows")
	})
	return rs, err
}

// RowImported returns the row of a job not undone that created or updated
// a record from a row with this key. ENOTFOUND.
func (db *DB) RowImported(ctx context.Context, key string) (x *crm.ImportRow, err error) {
	err = db.query(ctx, func(q querier) error {
		r, err := scanImportRow(q.QueryRowContext(ctx, `SELECT r.`+strings.ReplaceAll(importRowCols, ", ", ", r.")+`
			FROM import_rows r JOIN import_jobs j ON j.id = r.job_id
			WHERE r.row_key = $1 AND r.action IN ('created', 'updated') AND j.status <> 'undone'
			ORDER BY r.job_id LIMIT 1`, key))
		x = &r
		return db.notFound(err, "Import row", "row imported")
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}
