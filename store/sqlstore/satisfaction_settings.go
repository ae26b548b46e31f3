package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"

	"github.com/rapport-crm/rapport/crm"
)

const satisfactionSettingsCols = `channel, account, enabled, low_score, reply_hours, link_days, locale, question, updated_at`

func scanSatisfactionSettings(r scanner) (*crm.SatisfactionSettings, error) {
	s := &crm.SatisfactionSettings{}
	return s, r.Scan(&s.Channel, &s.Account, &s.Enabled, &s.LowScore, &s.ReplyHours, &s.LinkDays, &s.Locale,
		&s.Question, tm{&s.UpdatedAt})
}

// SatisfactionSettings returns one account's settings: its own row, else
// the default row (”, ”), else crm.DefaultSatisfaction.
func (db *DB) SatisfactionSettings(ctx context.Context, channel, account string) (*crm.SatisfactionSettings, error) {
	var out []*crm.SatisfactionSettings
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanSatisfactionSettings, `SELECT `+satisfactionSettingsCols+`
			FROM satisfaction_settings WHERE (channel = $1 AND account = $2) OR (channel = '' AND account = '')
			ORDER BY channel DESC`, channel, account)
		return err
	})
	if err != nil {
		return nil, db.wrap(err, "satisfaction settings")
	}
	if len(out) == 0 {
		d := crm.DefaultSatisfaction()
		d.Channel, d.Account = channel, account
		return &d, nil
	}
	return out[0], nil
}

// ListSatisfactionSettings returns every stored row, the default first.
func (db *DB) ListSatisfactionSettings(ctx context.Context) ([]*crm.SatisfactionSettings, error) {
	var out []*crm.SatisfactionSettings
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanSatisfactionSettings, `SELECT `+satisfactionSettingsCols+`
			FROM satisfaction_settings ORDER BY channel, account`)
		return err
	})
	return out, db.wrap(err, "list satisfaction settings")
}

// SaveSatisfactionSettings stores s, replacing its account's row. EINVALID.
func (db *DB) SaveSatisfactionSettings(ctx context.Context, s *crm.SatisfactionSettings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	s.UpdatedAt = db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO satisfaction_settings (`+satisfactionSettingsCols+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (channel, account) DO UPDATE SET
			enabled = $3, low_score = $4, reply_hours = $5, link_days = $6, locale = $7, question = $8, updated_at = $9`,
			s.Channel, s.Account, s.Enabled, s.LowScore, s.ReplyHours, s.LinkDays, s.Locale, s.Question, s.UpdatedAt)
		return db.wrap(err, "save satisfaction settings")
	})
}

// ServerKey returns the named server-wide secret, made on first use: the
// first instance's insert wins and every instance reads the same key.
func (db *DB) ServerKey(ctx context.Context, name string) ([]byte, error) {
	var secret string
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		b := make([]byte, 32)
		rand.Read(b) //nolint:errcheck // crypto/rand.Read never fails
		if _, err := tx.ExecContext(ctx, `INSERT INTO server_keys (name, secret, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO NOTHING`, name, hex.EncodeToString(b), db.now()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT secret FROM server_keys WHERE name = $1`, name).Scan(&secret)
	})
	if err != nil {
		return nil, db.wrap(err, "server key")
	}
	return hex.DecodeString(secret)
}
