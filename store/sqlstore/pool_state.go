package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// The pool columns of leads (l) and customers (c), as poolScan reads them.
const (
	leadPoolCols = `l.last_activity_at, l.reclaim_at, l.warn_at, l.reclaim_rule_id, l.reclaim_why,
	l.frozen_until, l.frozen_reason, l.pool_team_id`
	customerPoolCols = `c.last_activity_at, c.reclaim_at, c.warn_at, c.reclaim_rule_id, c.reclaim_why,
	c.frozen_until, c.frozen_reason, c.pool_team_id`
)

func poolScan(s *crm.PoolState) []any {
	return []any{ntm{&s.LastActivityAt}, ntm{&s.ReclaimAt}, ntm{&s.WarnAt}, nid{&s.ReclaimRuleID},
		&s.ReclaimWhy, ntm{&s.FrozenUntil}, &s.FrozenReason, nid{&s.PoolTeamID}}
}

// poolTable is the table of a pool kind; anything else is not in a pool.
func poolTable(kind string) (string, bool) {
	switch kind {
	case crm.RefLead:
		return "leads", true
	case crm.RefCustomer:
		return "customers", true
	}
	return "", false
}

// The facts of one record, with what its exemptions and deals need.
const leadFactsSQL = `SELECT l.owner_id, u.team_id, '', l.status = 'converted', l.created_at, l.claimed_at,
	l.last_activity_at, l.frozen_until, l.status = 'converted', 0 = 1, 0 = 1, NULL
	FROM leads l LEFT JOIN users u ON u.id = l.owner_id WHERE l.id = $1`

const customerFactsSQL = `SELECT c.owner_id, u.team_id, c.level, 0 = 1, c.created_at, c.claimed_at,
	c.last_activity_at, c.frozen_until,
	EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status IN ('active', 'completed')
		AND (c.claimed_at IS NULL OR o.created_at >= c.claimed_at)),
	EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.kind = 'order' AND o.status = 'active'),
	EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.kind = 'contract' AND o.status = 'active'),
	CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.kind = 'contract'
		AND o.status IN ('active', 'completed') AND o.end_date IS NULL) THEN NULL
	ELSE (SELECT max(o.end_date) FROM orders o WHERE o.customer_id = c.id AND o.kind = 'contract'
		AND o.status IN ('active', 'completed')) END
	FROM customers c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id = $1`

// contractZone is where a contract's end date ends (UTC+8, no daylight
// saving): contracts carry a date, not a time.
var contractZone = time.FixedZone("CST", 8*3600)

// refreshPool recomputes a record's countdown from its facts and the rules.
// Every write that changes a fact calls it in its transaction.
func (db *DB) refreshPool(ctx context.Context, tx *sql.Tx, r crm.Ref) error {
	table, ok := poolTable(r.Kind)
	if !ok {
		return nil
	}
	rules, err := db.poolRules(ctx, tx, r.Kind)
	if err != nil {
		return err
	}
	f := crm.PoolFacts{Kind: r.Kind}
	q := leadFactsSQL
	if r.Kind == crm.RefCustomer {
		q = customerFactsSQL
	}
	var ended *crm.Date
	err = tx.QueryRowContext(ctx, q, r.ID).Scan(nid{&f.OwnerID}, nid{&f.OwnerTeamID}, &f.Level, &f.Closed,
		tm{&f.CreatedAt}, ntm{&f.ClaimedAt}, ntm{&f.LastActivityAt}, ntm{&f.FrozenUntil}, &f.Dealt,
		&f.OpenOrder, &f.ActiveContract, dt{&ended})
	if err != nil {
		return db.notFound(err, "Record", "pool facts")
	}
	if ended != nil {
		// A contract runs to the end of its last day, in China's time.
		end := time.Date(ended.Year, time.Month(ended.Month), ended.Day+1, 0, 0, 0, 0, contractZone)
		f.ContractEnd = &end
	}
	var at, warn *time.Time
	var rule *int64
	why := ""
	if due := crm.ReclaimOf(rules, f); due != nil {
		at, warn, rule, why = &due.At, &due.WarnAt, &due.RuleID, due.Why
	}
	_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET reclaim_at = $1, warn_at = $2, warn_pending = $2,
		reclaim_rule_id = $3, reclaim_why = $4, pool_checked = 1 WHERE id = $5`,
		nullTime(at), nullTime(warn), idArg(rule), why, r.ID)
	if err != nil || at == nil {
		return db.wrap(err, "refresh pool countdown")
	}
	// A warning given for this rule and date is not given again.
	_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET warn_pending = NULL WHERE id = $1 AND EXISTS (
		SELECT 1 FROM pool_events e WHERE e.kind = $2 AND e.record_id = $1 AND e.action = 'warn'
		AND e.rule_id = $3 AND e.period_at = $4)`, r.ID, r.Kind, *rule, utc(*at))
	return db.wrap(err, "refresh pool countdown")
}

// touchActivity moves the last activity of the leads and customers among
// refs to at (never back) and refreshes their countdowns: a follow-up, a
// rep's reply or a completed task.
func (db *DB) touchActivity(ctx context.Context, tx *sql.Tx, refs []crm.Ref, at time.Time) error {
	for _, r := range refs {
		table, ok := poolTable(r.Kind)
		if !ok {
			continue
		}
		_, err := tx.ExecContext(ctx, `UPDATE `+table+` SET last_activity_at = $1
			WHERE id = $2 AND (last_activity_at IS NULL OR last_activity_at < $1)`, utc(at), r.ID)
		if err != nil {
			return db.wrap(err, "touch activity")
		}
		if err := db.refreshPool(ctx, tx, r); err != nil && crm.ErrorCode(err) != crm.ENOTFOUND {
			return err
		}
	}
	return nil
}

// afterOwnerSet starts a new owner's countdown from now (a record created
// with an owner, or given one by an update) and refreshes it.
func (db *DB) afterOwnerSet(ctx context.Context, tx *sql.Tx, r crm.Ref, old, owner *int64, created bool,
	claimed **time.Time, st *crm.PoolState, now time.Time) error {
	if owner != nil && (old == nil || *old != *owner) {
		table, _ := poolTable(r.Kind)
		set := "claimed_at = $1" // a new owner's clock starts now
		if created {
			set = "claimed_at = COALESCE(claimed_at, $1)" // unless the record came with its claim time
		}
		_, err := tx.ExecContext(ctx, `UPDATE `+table+` SET `+set+`, pool_team_id = NULL WHERE id = $2`, now, r.ID)
		if err != nil {
			return db.wrap(err, "claim time")
		}
	}
	if err := db.refreshPool(ctx, tx, r); err != nil {
		return err
	}
	// The caller's record shows what the store now holds.
	table, _ := poolTable(r.Kind)
	a := table[:1]
	cols := leadPoolCols
	if r.Kind == crm.RefCustomer {
		cols = customerPoolCols
	}
	err := tx.QueryRowContext(ctx, `SELECT `+a+`.claimed_at, `+cols+` FROM `+table+` `+a+` WHERE `+a+`.id = $1`, r.ID).
		Scan(append([]any{ntm{claimed}}, poolScan(st)...)...)
	return db.wrap(err, "read pool state")
}

// touchReplied counts a rep's reply in a conversation as following up the
// leads and customers its messages are linked to (a contact's customer
// too).
func (db *DB) touchReplied(ctx context.Context, tx *sql.Tx, conversationID int64, at time.Time) error {
	refs, err := queryAll(ctx, tx, func(r scanner) (crm.Ref, error) {
		var ref crm.Ref
		return ref, r.Scan(&ref.Kind, &ref.ID)
	}, `SELECT DISTINCT l.kind, l.target_id FROM messages m JOIN message_links l ON l.message_id = m.id
		WHERE m.conversation_id = $1 AND l.kind IN ('lead', 'customer')
		UNION SELECT DISTINCT 'customer', c.customer_id FROM messages m JOIN message_links l ON l.message_id = m.id
		JOIN contacts c ON c.id = l.target_id
		WHERE m.conversation_id = $1 AND l.kind = 'contact' AND c.customer_id IS NOT NULL`, conversationID)
	if err != nil {
		return db.wrap(err, "replied records")
	}
	return db.touchActivity(ctx, tx, refs, at)
}

// RefreshUnchecked computes the countdown of up to limit records whose
// countdown was never computed (leads made by ingest's batches, records
// older than the pool) and returns how many it did.
func (db *DB) RefreshUnchecked(ctx context.Context, limit int) (n int, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, kind := range []string{crm.RefLead, crm.RefCustomer} {
			table, _ := poolTable(kind)
			ids, err := queryAll(ctx, tx, func(r scanner) (id int64, err error) { return id, r.Scan(&id) },
				`SELECT id FROM `+table+` WHERE pool_checked = 0 ORDER BY id LIMIT $1`, limit-n)
			if err != nil {
				return db.wrap(err, "unchecked records")
			}
			for _, id := range ids {
				if err := db.refreshPool(ctx, tx, crm.Ref{Kind: kind, ID: id}); err != nil {
					return err
				}
			}
			n += len(ids)
		}
		return nil
	})
	return n, err
}

// poolList adds f's conditions on the table aliased a and returns the
// ORDER/LIMIT tail: newest first, or soonest reclaim first by keyset on
// (reclaim_at, id), a read of the reclaim index. Only owned records count
// down, so a rep's sorted list is their own records: said as such, it
// reads (owner_id, reclaim_at) and does not walk past everyone else's.
func poolList(w *where, v crm.Viewer, a, table string, f crm.PoolFilter, pg crm.Page) string {
	if f.WarnBefore != nil {
		w.and(a + ".warn_at <= " + w.arg(utc(*f.WarnBefore)))
	}
	if f.FrozenAt != nil {
		w.and(a + ".frozen_until > " + w.arg(utc(*f.FrozenAt)))
	}
	if f.PoolTeamID != nil {
		w.and(a + ".owner_id IS NULL AND " + a + ".pool_team_id = " + w.arg(*f.PoolTeamID))
	}
	if f.Sort != crm.SortReclaim {
		return w.page(a+".id", pg.After, pg.Limit)
	}
	w.and(a + ".reclaim_at IS NOT NULL")
	if !v.SeesAll() && v.Role != crm.RoleManager {
		w.and(a + ".owner_id = " + w.arg(v.UserID))
	}
	if pg.After > 0 {
		w.and("(" + a + ".reclaim_at, " + a + ".id) > (SELECT reclaim_at, id FROM " + table + " WHERE id = " + w.arg(pg.After) + ")")
	}
	return " ORDER BY " + a + ".reclaim_at, " + a + ".id LIMIT " + itoa(pg.Limit+1)
}
