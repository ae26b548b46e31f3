package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// PoolRecord returns a lead's or customer's pool facts. ENOTFOUND.
func (db *DB) PoolRecord(ctx context.Context, r crm.Ref) (p *crm.PoolRecord, err error) {
	table, ok := poolTable(r.Kind)
	if !ok {
		return nil, crm.Errorf(crm.ENOTFOUND, "Record not found.")
	}
	a, cols := "l", leadPoolCols
	if r.Kind == crm.RefCustomer {
		a, cols = "c", customerPoolCols
	}
	p = &crm.PoolRecord{Ref: r}
	err = db.query(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT `+a+`.name, `+a+`.owner_id, u.team_id, `+a+`.prev_owner_id, `+
			a+`.cooldown_until, `+cols+` FROM `+table+` `+a+` LEFT JOIN users u ON u.id = `+a+`.owner_id
			WHERE `+a+`.id = $1`, r.ID).Scan(append([]any{&p.Name, nid{&p.OwnerID}, nid{&p.OwnerTeamID},
			nid{&p.PrevOwnerID}, ntm{&p.CooldownUntil}}, poolScan(&p.State)...)...)
		return db.notFound(err, "Record", "pool record")
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// OwnerLoad returns what a user holds and their claims since since. The
// no-op update takes the user's row lock on PostgreSQL (SQLite's one
// writer serializes anyway), so a rep's concurrent claims queue up.
func (db *DB) OwnerLoad(ctx context.Context, userID int64, since time.Time) (l crm.OwnerLoad, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET id = id WHERE id = $1`, userID)
		if err != nil {
			return db.wrap(err, "lock user")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return crm.Errorf(crm.ENOTFOUND, "User not found.")
		}
		l.UserID = userID
		err = tx.QueryRowContext(ctx, `SELECT u.team_id, u.role, u.disabled,
			(SELECT count(*) FROM leads l WHERE l.owner_id = u.id AND l.status IN `+openLeadStatuses+`),
			(SELECT count(*) FROM customers c WHERE c.owner_id = u.id),
			(SELECT count(*) FROM pool_events e WHERE e.to_owner = u.id AND e.action = 'claim' AND e.at >= $2),
			(SELECT count(*) FROM leads l WHERE l.owner_id = u.id AND l.frozen_until IS NOT NULL
				AND l.frozen_until > $3)
			+ (SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.frozen_until IS NOT NULL
				AND c.frozen_until > $3)
			FROM users u WHERE u.id = $1`, userID, utc(since), db.now()).
			Scan(nid{&l.TeamID}, &l.Role, &l.Disabled, &l.OpenLeads, &l.Customers, &l.ClaimsSince, &l.Frozen)
		return db.wrap(err, "owner load")
	})
	return l, err
}

// MoveOwner sets a record's owner as m says, records the event (once per
// rule, record and period for a reclaim) and refreshes the countdown.
// ECONFLICT for a reclaim recorded already; ENOTFOUND.
func (db *DB) MoveOwner(ctx context.Context, m crm.OwnerMove) error {
	table, ok := poolTable(m.Ref.Kind)
	if !ok {
		return crm.Errorf(crm.ENOTFOUND, "Record not found.")
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var from *int64
		err := tx.QueryRowContext(ctx, `SELECT owner_id FROM `+table+` WHERE id = $1`, m.Ref.ID).Scan(nid{&from})
		if err != nil {
			return db.notFound(err, "Record", "move owner")
		}
		if err := db.poolEvent(ctx, tx, m, from); err != nil {
			return err
		}
		at := utc(m.At)
		if m.To != nil {
			_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET owner_id = $1, claimed_at = $2, updated_at = $2,
				pool_team_id = NULL WHERE id = $3`, *m.To, at, m.Ref.ID)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET owner_id = NULL, updated_at = $1, pool_team_id = $2,
				prev_owner_id = $3, cooldown_until = $4 WHERE id = $5`,
				at, idArg(m.PoolTeam), idArg(from), nullTime(m.Cooldown), m.Ref.ID)
		}
		if err != nil {
			return db.wrap(err, "move owner")
		}
		return db.refreshPool(ctx, tx, m.Ref)
	})
}

// poolEvent records one ownership event; the unique index refuses a second
// reclaim or warning of one rule, record and period.
func (db *DB) poolEvent(ctx context.Context, tx *sql.Tx, m crm.OwnerMove, from *int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pool_events (kind, record_id, action, actor_id, from_owner,
		to_owner, rule_id, period_at, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		m.Ref.Kind, m.Ref.ID, m.Action, idArg(m.ActorID), idArg(from), idArg(m.To), idArg(m.RuleID),
		nullTime(m.Period), m.Reason, utc(m.At))
	return db.conflict(err, "pool event", "This was done already for this period.")
}

// Freeze freezes a record until until with a reason, or unfreezes it
// (until nil), recording the event. ENOTFOUND.
func (db *DB) Freeze(ctx context.Context, r crm.Ref, until *time.Time, reason string, actor int64) error {
	table, ok := poolTable(r.Kind)
	if !ok {
		return crm.Errorf(crm.ENOTFOUND, "Record not found.")
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET frozen_until = $1, frozen_reason = $2 WHERE id = $3`,
			nullTime(normTime(until)), reason, r.ID)
		if err != nil {
			return db.wrap(err, "freeze")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return crm.Errorf(crm.ENOTFOUND, "Record not found.")
		}
		m := crm.OwnerMove{Ref: r, Action: crm.MoveFreeze, ActorID: &actor, Reason: reason, At: db.now()}
		if until == nil {
			m.Action = crm.MoveUnfreeze
		}
		var owner *int64
		if err := tx.QueryRowContext(ctx, `SELECT owner_id FROM `+table+` WHERE id = $1`, r.ID).Scan(nid{&owner}); err != nil {
			return db.wrap(err, "freeze")
		}
		m.To = owner
		if err := db.poolEvent(ctx, tx, m, owner); err != nil {
			return err
		}
		return db.refreshPool(ctx, tx, r)
	})
}
