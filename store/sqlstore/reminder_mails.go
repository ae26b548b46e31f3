package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const reminderMailCols = `id, user_id, to_address, subject, text, state, attempts, next_at, error, created_at, sent_at`

func scanReminderMail(r scanner) (*crm.ReminderMail, error) {
	m := &crm.ReminderMail{}
	return m, r.Scan(&m.ID, &m.UserID, &m.To, &m.Subject, &m.Text, &m.State, &m.Attempts, tm{&m.NextAt}, &m.Error,
		tm{&m.CreatedAt}, ntm{&m.SentAt})
}

// UnmailedReminders returns those of rs not mailed to userID yet, each
// looked up by its key (the primary key of reminder_mail_items).
func (db *DB) UnmailedReminders(ctx context.Context, userID int64, rs []crm.Reminder) ([]crm.Reminder, error) {
	var out []crm.Reminder
	err := db.view(ctx, func(q querier) error {
		for _, r := range rs {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT count(*) FROM reminder_mail_items WHERE user_id = $1 AND kind = $2
				AND ref_kind = $3 AND ref_id = $4 AND due_at = $5`, userID, r.Kind, r.Ref.Kind, r.Ref.ID,
				utc(r.DueAt)).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				out = append(out, r)
			}
		}
		return nil
	})
	return out, db.wrap(err, "unmailed reminders")
}

// QueueReminderMail stores m, queued, and the keys of the reminders it
// carries, in one transaction. ECONFLICT when one of them was mailed.
func (db *DB) QueueReminderMail(ctx context.Context, m *crm.ReminderMail, rs []crm.Reminder) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		m.State, m.CreatedAt, m.NextAt = crm.DeliveryQueued, db.now(), utc(m.NextAt)
		err := tx.QueryRowContext(ctx, `INSERT INTO reminder_mails (user_id, to_address, subject, text, state, attempts,
			next_at, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7) RETURNING id`, m.UserID, m.To, m.Subject,
			m.Text, m.State, m.NextAt, m.CreatedAt).Scan(&m.ID)
		if err != nil {
			return db.wrap(err, "queue reminder mail")
		}
		for _, r := range rs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO reminder_mail_items (user_id, kind, ref_kind, ref_id, due_at, mail_id)
				VALUES ($1, $2, $3, $4, $5, $6)`, m.UserID, r.Kind, r.Ref.Kind, r.Ref.ID, utc(r.DueAt), m.ID); err != nil {
				return db.conflict(err, "reminder mail item", "This reminder was mailed already.")
			}
		}
		return nil
	})
}

// DueReminderMails returns queued mails due at now, oldest first.
func (db *DB) DueReminderMails(ctx context.Context, now time.Time, limit int) ([]*crm.ReminderMail, error) {
	var out []*crm.ReminderMail
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanReminderMail, `SELECT `+reminderMailCols+` FROM reminder_mails
			WHERE state = 'queued' AND next_at <= $1 ORDER BY next_at, id LIMIT `+strconv.Itoa(limit), utc(now))
		return err
	})
	return out, db.wrap(err, "due reminder mails")
}

// FinishReminderMail records an attempt's outcome.
func (db *DB) FinishReminderMail(ctx context.Context, m *crm.ReminderMail) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE reminder_mails SET state = $1, attempts = $2, next_at = $3, error = $4,
			sent_at = $5 WHERE id = $6`, m.State, m.Attempts, utc(m.NextAt), m.Error, nullTime(m.SentAt), m.ID)
		if err != nil {
			return db.wrap(err, "finish reminder mail")
		}
		return db.oneRow(res, "Reminder mail", "finish reminder mail")
	})
}

// ListReminderMails returns a user's reminder mails, newest first.
func (db *DB) ListReminderMails(ctx context.Context, userID int64, limit int) ([]*crm.ReminderMail, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []*crm.ReminderMail
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanReminderMail, `SELECT `+reminderMailCols+` FROM reminder_mails
			WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT `+strconv.Itoa(limit), userID)
		return err
	})
	return out, db.wrap(err, "list reminder mails")
}
