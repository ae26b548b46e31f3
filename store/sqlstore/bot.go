package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rapport-crm/rapport/crm"
)

// bumpBotRevision tells every instance's bot to rebuild its index; it runs
// in the transaction of the change.
func bumpBotRevision(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE bot_revision SET n = n + 1 WHERE id = 1`)
	return err
}

// BotRevision returns the counter that every bot configuration change bumps.
func (db *DB) BotRevision(ctx context.Context) (n int64, err error) {
	err = db.query(ctx, func(q querier) error {
		return db.wrap(q.QueryRowContext(ctx, `SELECT n FROM bot_revision WHERE id = 1`).Scan(&n), "bot revision")
	})
	return n, err
}

// BotSettings returns an account's settings, or the defaults when none
// are saved.
func (db *DB) BotSettings(ctx context.Context, channel, account string) (*crm.BotSettings, error) {
	s := &crm.BotSettings{}
	err := db.query(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT config, updated_at FROM bot_settings WHERE channel = $1 AND account = $2`,
			channel, account).Scan(jsonCol{s}, tm{&s.UpdatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			s = crm.DefaultBotSettings(channel, account)
			return nil
		}
		return db.wrap(err, "bot settings")
	})
	s.Channel, s.Account = channel, account
	if s.TimeZone == "" {
		s.TimeZone = "Asia/Shanghai"
	}
	return s, err
}

// SaveBotSettings stores s, replacing the account's settings.
func (db *DB) SaveBotSettings(ctx context.Context, s *crm.BotSettings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	s.UpdatedAt = db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO bot_settings (channel, account, config, updated_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (channel, account)
			DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
			s.Channel, s.Account, jsonArg(s), s.UpdatedAt)
		if err == nil {
			err = bumpBotRevision(ctx, tx)
		}
		return db.wrap(err, "save bot settings")
	})
}

// SetBotPaused pauses or resumes the bot in a conversation v may see.
func (db *DB) SetBotPaused(ctx context.Context, v crm.Viewer, conversationID int64, paused bool) error {
	if _, err := db.Conversation(ctx, v, conversationID); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		if paused {
			var by *int64
			if v.UserID != 0 {
				by = &v.UserID
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO bot_paused (conversation_id, paused_by, paused_at)
				VALUES ($1, $2, $3) ON CONFLICT (conversation_id) DO NOTHING`, conversationID, idArg(by), db.now())
		} else {
			_, err = tx.ExecContext(ctx, `DELETE FROM bot_paused WHERE conversation_id = $1`, conversationID)
		}
		return db.wrap(err, "pause bot")
	})
}
