package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.ReminderMailStore = (*DB)(nil)

// UserSettings returns a user's own settings, the defaults when none are
// stored (the company's zone, reminder emails on).
func (db *DB) UserSettings(ctx context.Context, userID int64) (*crm.UserSettings, error) {
	s := &crm.UserSettings{UserID: userID, ReminderEmail: true, NotifyWeChat: true, NotifyPool: true}
	err := db.query(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, `SELECT time_zone, reminder_email, notify_wechat, notify_pool, quiet_start,
			quiet_end FROM user_settings WHERE user_id = $1`, userID).Scan(&s.TimeZone, &s.ReminderEmail,
			&s.NotifyWeChat, &s.NotifyPool, &s.QuietStart, &s.QuietEnd)
	})
	if err == sql.ErrNoRows {
		err = nil
	}
	return s, db.wrap(err, "user settings")
}

// SaveUserSettings stores s. EINVALID, ENOTFOUND.
func (db *DB) SaveUserSettings(ctx context.Context, s *crm.UserSettings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := db.UserByID(ctx, s.UserID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO user_settings (user_id, time_zone, reminder_email, notify_wechat,
			notify_pool, quiet_start, quiet_end) VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (user_id) DO UPDATE SET time_zone = $2, reminder_email = $3, notify_wechat = $4,
			notify_pool = $5, quiet_start = $6, quiet_end = $7`, s.UserID, s.TimeZone, s.ReminderEmail, s.NotifyWeChat,
			s.NotifyPool, s.QuietStart, s.QuietEnd)
		return db.wrap(err, "save user settings")
	})
}

// ReminderMailUsers returns the enabled users whose reminders come by
// email (the default), with their settings.
func (db *DB) ReminderMailUsers(ctx context.Context) ([]crm.ReminderMailUser, error) {
	var out []crm.ReminderMailUser
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, func(r scanner) (crm.ReminderMailUser, error) {
			u := &crm.User{}
			var zone sql.NullString
			var on sql.NullBool
			err := r.Scan(&u.ID, &u.Email, &u.Name, &u.Role, nid{&u.TeamID}, &u.Locale, &zone, &on)
			return crm.ReminderMailUser{User: u, Settings: crm.UserSettings{UserID: u.ID, TimeZone: zone.String,
				ReminderEmail: !on.Valid || on.Bool}}, err
		}, `SELECT u.id, u.email, u.name, u.role, u.team_id, u.locale, s.time_zone, s.reminder_email
			FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
			WHERE NOT u.disabled AND u.email <> '' AND (s.reminder_email IS NULL OR s.reminder_email)
			ORDER BY u.id`)
		return err
	})
	return out, db.wrap(err, "reminder mail users")
}
