package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rapport-crm/rapport/crm"
)

// GenerativeSettings reads the one row of generative settings (the key in
// its own, sealed column; the JSON config never holds it).
func (db *DB) GenerativeSettings(ctx context.Context) (*crm.GenerativeSettings, error) {
	g := &crm.GenerativeSettings{}
	var key string
	err := db.query(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT config, api_key, updated_at FROM bot_generative WHERE id = 1`).
			Scan(jsonCol{g}, sealedCol{db, &key}, tm{&g.UpdatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return db.wrap(err, "generative settings")
	})
	if err != nil {
		return nil, err
	}
	g.APIKey, g.KeySet = crm.Secret(key), key != ""
	return g.WithDefaults(), nil
}

// SaveGenerativeSettings stores g; an empty key keeps the stored one. The
// bot's revision moves, so every instance's bot reads the change.
func (db *DB) SaveGenerativeSettings(ctx context.Context, g *crm.GenerativeSettings) error {
	if err := g.Validate(); err != nil {
		return err
	}
	g.WithDefaults()
	g.UpdatedAt = db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO bot_generative (id, config, api_key, updated_at)
			VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET config = excluded.config,
			api_key = CASE WHEN excluded.api_key = '' THEN bot_generative.api_key ELSE excluded.api_key END,
			updated_at = excluded.updated_at`, jsonArg(g), db.seal(g.APIKey.Reveal()), g.UpdatedAt)
		if err == nil {
			err = tx.QueryRowContext(ctx, `SELECT api_key <> '' FROM bot_generative WHERE id = 1`).Scan(&g.KeySet)
		}
		if err == nil {
			err = bumpBotRevision(ctx, tx)
		}
		return db.wrap(err, "save generative settings")
	})
}

// TakeGenerativeCall counts one call on day unless cap were taken: one
// statement, so two instances cannot both take the last one.
func (db *DB) TakeGenerativeCall(ctx context.Context, day string, cap int) (ok bool, err error) {
	if cap <= 0 {
		return false, nil
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO bot_generative_usage (day, calls) VALUES ($1, 1)
			ON CONFLICT (day) DO UPDATE SET calls = bot_generative_usage.calls + 1
			WHERE bot_generative_usage.calls < $2`, day, cap)
		if err != nil {
			return db.wrap(err, "take generative call")
		}
		n, err := res.RowsAffected()
		ok = n > 0
		return db.wrap(err, "take generative call")
	})
	return ok, err
}
