package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

func scanBotRule(r scanner) (*crm.BotRule, error) {
	b := &crm.BotRule{}
	var id int64
	if err := r.Scan(&id, jsonCol{b}, tm{&b.UpdatedAt}); err != nil {
		return nil, err
	}
	b.ID = id
	return b, nil
}

// BotRules lists rules in the order they are tried: priority, then id.
func (db *DB) BotRules(ctx context.Context, channel, account string) (rs []*crm.BotRule, err error) {
	err = db.query(ctx, func(q querier) error {
		if channel == "" {
			rs, err = queryAll(ctx, q, scanBotRule, `SELECT id, config, updated_at FROM bot_rules
				ORDER BY channel, account, priority, id`)
		} else {
			rs, err = queryAll(ctx, q, scanBotRule, `SELECT id, config, updated_at FROM bot_rules
				WHERE channel = $1 AND account = $2 ORDER BY priority, id`, channel, account)
		}
		return db.wrap(err, "bot rules")
	})
	return rs, err
}

// BotRule returns one rule. ENOTFOUND.
func (db *DB) BotRule(ctx context.Context, id int64) (r *crm.BotRule, err error) {
	err = db.query(ctx, func(q querier) error {
		r, err = scanBotRule(q.QueryRowContext(ctx, `SELECT id, config, updated_at FROM bot_rules WHERE id = $1`, id))
		return db.notFound(err, "Bot rule", "bot rule")
	})
	return r, err
}

// CreateBotRule validates and stores r, setting its ID.
func (db *DB) CreateBotRule(ctx context.Context, r *crm.BotRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.UpdatedAt = db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO bot_rules (channel, account, kind, priority, enabled, config, updated_at)
			VALUES ($1, $2, $3, $4, $5, '{}', $6) RETURNING id`,
			r.Channel, r.Account, r.Kind, r.Priority, r.Enabled, r.UpdatedAt).Scan(&r.ID)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE bot_rules SET config = $1 WHERE id = $2`, jsonArg(r), r.ID)
		}
		if err == nil {
			err = bumpBotRevision(ctx, tx)
		}
		return db.wrap(err, "create bot rule")
	})
}

// UpdateBotRule validates and replaces rule r.ID. ENOTFOUND.
func (db *DB) UpdateBotRule(ctx context.Context, r *crm.BotRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.UpdatedAt = db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE bot_rules SET channel = $1, account = $2, kind = $3, priority = $4,
			enabled = $5, config = $6, updated_at = $7 WHERE id = $8`,
			r.Channel, r.Account, r.Kind, r.Priority, r.Enabled, jsonArg(r), r.UpdatedAt, r.ID)
		if err != nil {
			return db.wrap(err, "update bot rule")
		}
		if err := db.oneRow(res, "Bot rule", "update bot rule"); err != nil {
			return err
		}
		return db.wrap(bumpBotRevision(ctx, tx), "update bot rule")
	})
}

// DeleteBotRule removes a rule. ENOTFOUND.
func (db *DB) DeleteBotRule(ctx context.Context, id int64) error {
	return db.deleteBotRow(ctx, `DELETE FROM bot_rules WHERE id = $1`, id, "Bot rule")
}

func (db *DB) deleteBotRow(ctx context.Context, stmt string, id int64, what string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, stmt, id)
		if err != nil {
			return db.wrap(err, "delete "+what)
		}
		if err := db.oneRow(res, what, "delete "+what); err != nil {
			return err
		}
		return db.wrap(bumpBotRevision(ctx, tx), "delete "+what)
	})
}
