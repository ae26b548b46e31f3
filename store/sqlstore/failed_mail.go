package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const failedMailCols = `id, mailbox_id, folder, uid_validity, uid, LENGTH(raw), error, attempts, retry, failed_at`

// SaveFailedMail records a message a poller set aside, or updates the
// record of the same message (its error and tries), clearing any retry.
func (db *DB) SaveFailedMail(ctx context.Context, f *crm.FailedMail) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO failed_mail (mailbox_id, folder, uid_validity, uid, raw, error,
			attempts, retry, failed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (mailbox_id, folder, uid_validity, uid) DO UPDATE SET raw = excluded.raw,
			error = excluded.error, attempts = failed_mail.attempts + excluded.attempts, retry = excluded.retry,
			failed_at = excluded.failed_at RETURNING id, attempts`,
			f.MailboxID, f.Folder, f.UIDValidity, f.UID, f.Raw, f.Error, f.Attempts, false, now).Scan(&f.ID, &f.Attempts)
		if err != nil {
			return db.wrap(err, "save failed mail")
		}
		f.Size, f.Retry, f.FailedAt = int64(len(f.Raw)), false, now
		return nil
	})
}

func scanFailedMail(r scanner) (*crm.FailedMail, error) {
	f := &crm.FailedMail{}
	return f, r.Scan(&f.ID, &f.MailboxID, &f.Folder, &f.UIDValidity, &f.UID, &f.Size, &f.Error, &f.Attempts,
		&f.Retry, tm{&f.FailedAt})
}

// FailedMails returns a mailbox's failed messages, oldest first, without
// their raw bytes.
func (db *DB) FailedMails(ctx context.Context, mailboxID int64, onlyRetry bool) (list []*crm.FailedMail, err error) {
	err = db.view(ctx, func(q querier) error {
		list, err = queryAll(ctx, q, scanFailedMail, `SELECT `+failedMailCols+` FROM failed_mail
			WHERE mailbox_id = $1 AND (retry OR NOT $2) ORDER BY id`, mailboxID, onlyRetry)
		return db.wrap(err, "list failed mail")
	})
	return list, err
}

// FailedMail returns one failed message with its raw bytes. ENOTFOUND.
func (db *DB) FailedMail(ctx context.Context, id int64) (f *crm.FailedMail, err error) {
	err = db.view(ctx, func(q querier) error {
		var raw []byte
		f, err = scanFailedMail(rawScanner{q.QueryRowContext(ctx, `SELECT `+failedMailCols+`, raw
			FROM failed_mail WHERE id = $1`, id), &raw})
		if f != nil {
			f.Raw = raw
		}
		return db.notFound(err, "Failed message", "get failed mail")
	})
	return f, err
}

// rawScanner appends one more destination, the raw bytes, to a scan.
type rawScanner struct {
	r   scanner
	raw *[]byte
}

func (s rawScanner) Scan(dest ...any) error { return s.r.Scan(append(dest, s.raw)...) }

// RetryFailedMails marks a mailbox's failed messages (or one) for the
// poller to try again, and reports how many.
func (db *DB) RetryFailedMails(ctx context.Context, mailboxID, id int64) (n int, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE failed_mail SET retry = $1 WHERE mailbox_id = $2 AND (id = $3 OR $3 = 0)`,
			true, mailboxID, id)
		if err != nil {
			return db.wrap(err, "retry failed mail")
		}
		c, err := res.RowsAffected()
		n = int(c)
		if err == nil && id != 0 && n == 0 {
			return crm.Errorf(crm.ENOTFOUND, "Failed message not found.")
		}
		return db.wrap(err, "retry failed mail")
	})
	return n, err
}

// DeleteFailedMail removes one failed message. ENOTFOUND.
func (db *DB) DeleteFailedMail(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM failed_mail WHERE id = $1`, id)
		if err != nil {
			return db.wrap(err, "delete failed mail")
		}
		return db.oneRow(res, "Failed message", "delete failed mail")
	})
}
