package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// CreateTeam stores t. EINVALID, ECONFLICT for a taken name.
func (db *DB) CreateTeam(ctx context.Context, t *crm.Team) error {
	p := crm.Problems{}
	p.Require("name", t.Name)
	p.MaxLen("name", t.Name, 200)
	if err := p.Err(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO teams (name, created_at) VALUES ($1, $2) RETURNING id`,
			t.Name, now).Scan(&t.ID)
		if err != nil {
			return db.conflict(err, "create team", "A team with this name exists already.")
		}
		t.CreatedAt = now
		return nil
	})
}

// ListTeams returns every team, ordered by id.
func (db *DB) ListTeams(ctx context.Context) (teams []*crm.Team, err error) {
	err = db.query(ctx, func(q querier) error {
		teams, err = queryAll(ctx, q, func(r scanner) (*crm.Team, error) {
			t := &crm.Team{}
			return t, r.Scan(&t.ID, &t.Name, tm{&t.CreatedAt})
		}, `SELECT id, name, created_at FROM teams ORDER BY id`)
		return db.wrap(err, "list teams")
	})
	return teams, err
}
