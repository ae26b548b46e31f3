package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rapport-crm/rapport/crm"
)

const poolRuleCols = `id, team_id, kind, level, idle_days, no_deal_days, warn_days, exempt_open_order,
	exempt_active_contract, to_team_pool, created_at, updated_at, contract_end_days`

func scanPoolRule(r scanner) (crm.PoolRule, error) {
	var p crm.PoolRule
	return p, r.Scan(&p.ID, nid{&p.TeamID}, &p.Kind, &p.Level, &p.IdleDays, &p.NoDealDays, &p.WarnDays,
		&p.ExemptOpenOrder, &p.ExemptActiveContract, &p.ToTeamPool, tm{&p.CreatedAt}, tm{&p.UpdatedAt},
		&p.ContractEndDays)
}

// PoolRules returns every rule, ordered by id.
func (db *DB) PoolRules(ctx context.Context) (rules []crm.PoolRule, err error) {
	err = db.query(ctx, func(q querier) error {
		rules, err = queryAll(ctx, q, scanPoolRule, `SELECT `+poolRuleCols+` FROM pool_rules ORDER BY id`)
		return db.wrap(err, "pool rules")
	})
	return rules, err
}

// poolRules returns the rules of one kind, in tx.
func (db *DB) poolRules(ctx context.Context, q querier, kind string) ([]crm.PoolRule, error) {
	rules, err := queryAll(ctx, q, scanPoolRule, `SELECT `+poolRuleCols+` FROM pool_rules WHERE kind = $1`, kind)
	return rules, db.wrap(err, "pool rules")
}

// SavePoolRule creates r (ID 0) or updates it and refreshes the countdowns
// of the records of its kind. EINVALID, ENOTFOUND, ECONFLICT.
func (db *DB) SavePoolRule(ctx context.Context, r *crm.PoolRule) error {
	if err := r.Normalize(); err != nil {
		return err
	}
	now := db.now()
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkExist(ctx, tx, exists{"team_id", "teams", r.TeamID}); err != nil {
			return err
		}
		args := []any{idArg(r.TeamID), r.Kind, r.Level, r.IdleDays, r.NoDealDays, r.WarnDays,
			r.ExemptOpenOrder, r.ExemptActiveContract, r.ToTeamPool, now, r.ContractEndDays}
		if r.ID == 0 {
			err := tx.QueryRowContext(ctx, `INSERT INTO pool_rules (team_id, kind, level, idle_days, no_deal_days,
				warn_days, exempt_open_order, exempt_active_contract, to_team_pool, created_at, updated_at, contract_end_days)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id`, args...).Scan(&r.ID)
			r.CreatedAt = now
			return db.conflict(err, "create pool rule", "This pool has a rule for this kind and level already.")
		}
		res, err := tx.ExecContext(ctx, `UPDATE pool_rules SET team_id = $1, kind = $2, level = $3, idle_days = $4,
			no_deal_days = $5, warn_days = $6, exempt_open_order = $7, exempt_active_contract = $8,
			to_team_pool = $9, updated_at = $10, contract_end_days = $11 WHERE id = $12`, append(args, r.ID)...)
		if err != nil {
			return db.conflict(err, "update pool rule", "This pool has a rule for this kind and level already.")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return crm.Errorf(crm.ENOTFOUND, "Pool rule not found.")
		}
		return tx.QueryRowContext(ctx, `SELECT created_at FROM pool_rules WHERE id = $1`, r.ID).Scan(tm{&r.CreatedAt})
	})
	if err != nil {
		return err
	}
	r.UpdatedAt = now
	return db.refreshKind(ctx, r.Kind)
}

// DeletePoolRule removes a rule and refreshes countdowns. ENOTFOUND.
func (db *DB) DeletePoolRule(ctx context.Context, id int64) error {
	var kind string
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `DELETE FROM pool_rules WHERE id = $1 RETURNING kind`, id).Scan(&kind)
		return db.notFound(err, "Pool rule", "delete pool rule")
	})
	if err != nil {
		return err
	}
	return db.refreshKind(ctx, kind)
}

// refreshKind recomputes the countdown of every owned record of a kind, a
// batch per transaction so that a rule change on a big pool does not hold
// the one writer for long.
func (db *DB) refreshKind(ctx context.Context, kind string) error {
	table, _ := poolTable(kind)
	for after := int64(0); ; {
		var ids []int64
		err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
			var err error
			ids, err = queryAll(ctx, tx, func(r scanner) (int64, error) {
				var id int64
				return id, r.Scan(&id)
			}, `SELECT id FROM `+table+` WHERE id > $1 AND owner_id IS NOT NULL ORDER BY id LIMIT 500`, after)
			if err != nil {
				return db.wrap(err, "refresh countdowns")
			}
			for _, id := range ids {
				if err := db.refreshPool(ctx, tx, crm.Ref{Kind: kind, ID: id}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || len(ids) == 0 {
			return err
		}
		after = ids[len(ids)-1]
	}
}

// PoolLimits returns the limits of a team's pool, else the default pool's,
// else none.
func (db *DB) PoolLimits(ctx context.Context, teamID *int64) (l crm.PoolLimits, err error) {
	err = db.query(ctx, func(q querier) error {
		key := int64(0)
		if teamID != nil {
			key = *teamID
		}
		err := q.QueryRowContext(ctx, `SELECT team_key, lead_cap, customer_cap, daily_claims, cooldown_days,
			frozen_cap FROM pool_limits WHERE team_key IN ($1, 0) ORDER BY team_key DESC LIMIT 1`, key).
			Scan(&key, &l.LeadCap, &l.CustomerCap, &l.DailyClaims, &l.CooldownDays, &l.FrozenCap)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if key != 0 {
			l.TeamID = &key
		}
		return db.wrap(err, "pool limits")
	})
	return l, err
}

// SetPoolLimits saves a pool's limits. EINVALID, ENOTFOUND for a team.
func (db *DB) SetPoolLimits(ctx context.Context, l crm.PoolLimits) error {
	if err := l.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkExist(ctx, tx, exists{"team_id", "teams", l.TeamID}); err != nil {
			return err
		}
		key := int64(0)
		if l.TeamID != nil {
			key = *l.TeamID
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO pool_limits (team_key, lead_cap, customer_cap, daily_claims,
			cooldown_days, frozen_cap) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (team_key) DO UPDATE SET
			lead_cap = excluded.lead_cap, customer_cap = excluded.customer_cap,
			daily_claims = excluded.daily_claims, cooldown_days = excluded.cooldown_days,
			frozen_cap = excluded.frozen_cap`,
			key, l.LeadCap, l.CustomerCap, l.DailyClaims, l.CooldownDays, l.FrozenCap)
		return db.wrap(err, "set pool limits")
	})
}
