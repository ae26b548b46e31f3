package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// ReclaimBatch reclaims each item once for its (rule, record, due date),
// a few statements per batch: the pool events (whose unique key skips what
// another instance or an earlier run did), the owner changes grouped by
// pool and cooldown, the follow-up entries with their refs, and the audit
// entries. The countdown of a pool record is empty, so it is cleared in
// the same UPDATE instead of recomputed.
func (db *DB) ReclaimBatch(ctx context.Context, items []crm.PoolReclaim, at time.Time) ([]crm.PoolDue, error) {
	return batchOnce(ctx, db, crm.MoveReclaim, items, at, func(it crm.PoolReclaim) crm.PoolDue { return it.Due },
		func(ctx context.Context, tx *sql.Tx, keep []crm.PoolReclaim) error {
			if err := db.reclaimOwners(ctx, tx, keep, at); err != nil {
				return err
			}
			return db.reclaimNotes(ctx, tx, keep, at)
		})
}

// WarnBatch warns each item's owner once for its (rule, record, due date):
// the pool events, warn_pending cleared, and the tasks with their refs.
func (db *DB) WarnBatch(ctx context.Context, items []crm.PoolWarning, at time.Time) ([]crm.PoolDue, error) {
	return batchOnce(ctx, db, crm.MoveWarn, items, at, func(it crm.PoolWarning) crm.PoolDue { return it.Due },
		func(ctx context.Context, tx *sql.Tx, keep []crm.PoolWarning) error {
			ids := map[string][]int64{}
			for _, it := range keep {
				ids[it.Due.Ref.Kind] = append(ids[it.Due.Ref.Kind], it.Due.Ref.ID)
			}
			for kind, list := range ids {
				table, _ := poolTable(kind)
				err := db.execIn(ctx, tx, `UPDATE `+table+` SET warn_pending = NULL WHERE id`, nil, list)
				if err != nil {
					return db.wrap(err, "warned")
				}
			}
			if err := db.warnTasks(ctx, tx, keep); err != nil {
				return err
			}
			return db.queueNotices(ctx, tx, warnNotices(keep, at))
		})
}

// warnNotices are the warnings' notices to the owners, outside the app
// (WeChat or email, by the notice sweep), keyed by the same occurrence
// as the pool event.
func warnNotices(items []crm.PoolWarning, at time.Time) []crm.UserNotice {
	ns := make([]crm.UserNotice, len(items))
	for i, it := range items {
		r := it.Due.Ref
		ns[i] = crm.UserNotice{UserID: it.Due.OwnerID, Kind: crm.NoticePoolWarning, Title: it.Title, Text: it.Details,
			Link: "/" + r.Kind + "s/" + strconv.FormatInt(r.ID, 10), NextAt: at,
			Key: fmt.Sprintf("pool.warn:%s:%d:%d:%d", r.Kind, r.ID, it.Due.RuleID, it.Due.At.Unix())}
	}
	return ns
}

// batchOnce records the action's event of each item, in one transaction
// (a savepoint inside the sweep's), and writes the rest of the items it
// recorded with write; it returns their due entries.
func batchOnce[T any](ctx context.Context, db *DB, action string, items []T, at time.Time,
	due func(T) crm.PoolDue, write func(context.Context, *sql.Tx, []T) error) (done []crm.PoolDue, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if db.dialect.Name() == "postgres" {
			// No wait for the disk at each batch's commit. A crash may
			// lose the last batches whole (their events with them), and
			// the next sweep does them again; whatever a later
			// transaction commits (a notice sent) flushes them first.
			if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
				return db.wrap(err, "pool batch")
			}
		}
		dues := make([]crm.PoolDue, len(items))
		for i, it := range items {
			dues[i] = due(it)
		}
		fresh, err := db.poolEventsOnce(ctx, tx, action, dues, at)
		if err != nil {
			return err
		}
		var keep []T
		done = done[:0]
		for _, it := range items {
			if d := due(it); fresh[d.Ref] {
				keep, done = append(keep, it), append(done, d)
			}
		}
		return write(ctx, tx, keep)
	})
	return done, err
}

// poolEventsOnce records a reclaim or warning event for each due item and
// returns those it recorded: a conflict on the unique key (rule, record,
// period) means it was done already, and that item is left out.
func (db *DB) poolEventsOnce(ctx context.Context, tx *sql.Tx, action string, dues []crm.PoolDue, at time.Time) (map[crm.Ref]bool, error) {
	rows := make([][]any, len(dues))
	for i, d := range dues {
		var to any
		if action == crm.MoveWarn {
			to = d.OwnerID // a warning leaves the owner in place
		}
		rows[i] = []any{d.Ref.Kind, d.Ref.ID, action, nil, d.OwnerID, to, d.RuleID, utc(d.At), d.Why, utc(at)}
	}
	fresh := map[crm.Ref]bool{}
	err := db.insertRows(ctx, tx, "pool_events", `kind text, record_id bigint, action text, actor_id bigint,
		from_owner bigint, to_owner bigint, rule_id bigint, period_at timestamptz, reason text, at timestamptz`,
		` ON CONFLICT DO NOTHING RETURNING kind, record_id`, rows,
		func(r scanner) error {
			var ref crm.Ref
			if err := r.Scan(&ref.Kind, &ref.ID); err != nil {
				return err
			}
			fresh[ref] = true
			return nil
		})
	return fresh, db.wrap(err, "pool events")
}

// reclaimOwners sends the records back to their pools: one UPDATE per
// kind, pool and cooldown (a handful per batch).
func (db *DB) reclaimOwners(ctx context.Context, tx *sql.Tx, items []crm.PoolReclaim, at time.Time) error {
	type group struct {
		kind     string
		team     int64
		cooldown time.Time
	}
	groups := map[group][]int64{}
	var order []group
	for _, it := range items {
		g := group{kind: it.Due.Ref.Kind}
		if it.PoolTeam != nil {
			g.team = *it.PoolTeam
		}
		if it.Cooldown != nil {
			g.cooldown = utc(*it.Cooldown)
		}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], it.Due.Ref.ID)
	}
	for _, g := range order {
		table, _ := poolTable(g.kind)
		var team, cooldown any
		if g.team != 0 {
			team = g.team
		}
		if !g.cooldown.IsZero() {
			cooldown = g.cooldown
		}
		err := db.execIn(ctx, tx, `UPDATE `+table+` SET prev_owner_id = owner_id, owner_id = NULL, updated_at = $1,
			pool_team_id = $2, cooldown_until = $3, reclaim_at = NULL, warn_at = NULL, warn_pending = NULL,
			reclaim_rule_id = NULL, reclaim_why = '', pool_checked = 1 WHERE id`,
			[]any{utc(at), team, cooldown}, groups[g])
		if err != nil {
			return db.wrap(err, "reclaim")
		}
	}
	return nil
}

// reclaimNotes writes each reclaim's follow-up entry (by the ex-owner, so
// that it shows among theirs), its refs and its audit entry, with ids
// reserved first so that no row needs reading back.
func (db *DB) reclaimNotes(ctx context.Context, tx *sql.Tx, items []crm.PoolReclaim, at time.Time) error {
	if len(items) == 0 {
		return nil
	}
	ids, err := db.reserveIDs(ctx, tx, "followups", len(items))
	if err != nil {
		return err
	}
	now, when := db.now(), utc(at)
	var fs, refs, audits [][]any
	for i, it := range items {
		r := it.Due.Ref
		fs = append(fs, []any{ids[i], crm.FollowOther, when, it.Due.OwnerID, it.Result, it.Note,
			jsonArg([]crm.Ref{r}), now})
		refs = append(refs, []any{ids[i], r.Kind, r.ID})
		audits = append(audits, []any{r.Kind + "." + crm.MoveReclaim, r.Kind, r.ID, it.Audit, now})
	}
	err = db.insertRows(ctx, tx, "followups", `id bigint, method text, at timestamptz, user_id bigint, result text,
		details text, refs text, created_at timestamptz`, "", fs, nil)
	if err == nil {
		err = db.insertRows(ctx, tx, "followup_refs", "followup_id bigint, kind text, ref_id bigint", "", refs, nil)
	}
	if err == nil {
		err = db.insertRows(ctx, tx, "audit_log", "action text, subject_kind text, subject_id bigint, detail text, at timestamptz",
			"", audits, nil)
	}
	return db.wrap(err, "reclaim notes")
}

// warnTasks gives each warned owner their task, due on the reclaim date.
func (db *DB) warnTasks(ctx context.Context, tx *sql.Tx, items []crm.PoolWarning) error {
	if len(items) == 0 {
		return nil
	}
	ids, err := db.reserveIDs(ctx, tx, "tasks", len(items))
	if err != nil {
		return err
	}
	now := db.now()
	var ts, refs [][]any
	for i, it := range items {
		r := it.Due.Ref
		ts = append(ts, []any{ids[i], it.Title, it.Details, utc(it.Due.At), it.Due.OwnerID, crm.TaskOpen,
			jsonArg([]crm.Ref{r}), now, now})
		refs = append(refs, []any{ids[i], r.Kind, r.ID})
	}
	err = db.insertRows(ctx, tx, "tasks", `id bigint, title text, details text, due_at timestamptz, assignee_id bigint,
		status text, refs text, created_at timestamptz, updated_at timestamptz`, "", ts, nil)
	if err == nil {
		err = db.insertRows(ctx, tx, "task_refs", "task_id bigint, kind text, ref_id bigint", "", refs, nil)
	}
	return db.wrap(err, "warning tasks")
}

// reserveIDs takes n ids of table for rows inserted with explicit ids.
func (db *DB) reserveIDs(ctx context.Context, tx *sql.Tx, table string, n int) ([]int64, error) {
	ids, err := queryAll(ctx, tx, func(r scanner) (id int64, err error) { return id, r.Scan(&id) },
		db.dialect.ReserveIDs("$1", table), n)
	if err == nil && len(ids) != n {
		err = sql.ErrNoRows
	}
	return ids, db.wrap(err, "reserve ids")
}
