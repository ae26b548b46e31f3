package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

func scanPoolDue(kind string) func(r scanner) (crm.PoolDue, error) {
	return func(r scanner) (crm.PoolDue, error) {
		d := crm.PoolDue{Ref: crm.Ref{Kind: kind}}
		return d, r.Scan(&d.Ref.ID, &d.Name, &d.OwnerID, nid{&d.OwnerTeamID}, tm{&d.At}, &d.RuleID, &d.Why)
	}
}

// DueReclaims returns up to limit owned records whose reclaim date is at
// or before now, leads first, each kind oldest due first: a range read of
// the reclaim_at index.
func (db *DB) DueReclaims(ctx context.Context, now time.Time, limit int) ([]crm.PoolDue, error) {
	return db.duePool(ctx, "reclaim_at", now, limit)
}

// DueWarnings returns up to limit owned records whose warning date has
// come and whose owner has not been warned for this date (warn_pending).
func (db *DB) DueWarnings(ctx context.Context, now time.Time, limit int) ([]crm.PoolDue, error) {
	return db.duePool(ctx, "warn_pending", now, limit)
}

// In a transaction the rows are locked until its end; on PostgreSQL
// SKIP LOCKED leaves those another instance is sweeping to it (SQLite's
// one writer serializes anyway).
func (db *DB) duePool(ctx context.Context, col string, now time.Time, limit int) (due []crm.PoolDue, err error) {
	lock := ""
	if _, inTx := ctx.Value(txKey{}).(*sql.Tx); inTx && db.dialect.Name() == "postgres" {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	err = db.query(ctx, func(q querier) error {
		for _, kind := range []string{crm.RefLead, crm.RefCustomer} {
			table, _ := poolTable(kind)
			part, err := queryAll(ctx, q, scanPoolDue(kind), `SELECT t.id, t.name, t.owner_id,
				(SELECT u.team_id FROM users u WHERE u.id = t.owner_id), t.reclaim_at, t.reclaim_rule_id,
				t.reclaim_why FROM `+table+` t WHERE t.`+col+` <= $1 AND t.reclaim_at IS NOT NULL
				AND t.owner_id IS NOT NULL
				ORDER BY t.`+col+`, t.id LIMIT $2`+lock, utc(now), max(limit-len(due), 0))
			if err != nil {
				return db.wrap(err, "due "+col)
			}
			if due = append(due, part...); len(due) >= limit {
				break
			}
		}
		return nil
	})
	return due, err
}
