package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.ReminderStore = (*DB)(nil)

// openFollowUp: a follow-up whose next step no later follow-up on one of
// its records has answered.
const openFollowUp = `f.next_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM followup_refs r1
	JOIN followup_refs r2 ON r2.kind = r1.kind AND r2.ref_id = r1.ref_id AND r2.followup_id > r1.followup_id
	WHERE r1.followup_id = f.id)`

// Reminders returns one owner's reminders due before q.Before, each source
// by its own indexed query (migration 0016), earliest first.
func (db *DB) Reminders(ctx context.Context, q crm.ReminderQuery) ([]crm.Reminder, error) {
	zone := q.Zone
	if zone == nil {
		zone = time.UTC
	}
	if q.ContractDays <= 0 {
		q.ContractDays = 30
	}
	// A date is due from the start of its day: the last date due is the
	// day before's, read in the zone.
	lastDay := q.Before.In(zone).Add(-time.Nanosecond).Format(time.DateOnly)
	endDay := q.Before.In(zone).Add(-time.Nanosecond).AddDate(0, 0, q.ContractDays).Format(time.DateOnly)
	before := utc(q.Before)
	sources := []struct {
		kind, sql string
		args      []any
	}{
		{crm.RemindFollowUp, `SELECT f.id, f.next_step, f.next_at FROM followups f WHERE f.user_id = $1
			AND f.next_at < $2 AND ` + openFollowUp, []any{q.OwnerID, before}},
		{crm.RemindTask, `SELECT t.id, t.title, t.due_at FROM tasks t WHERE t.status = 'open' AND t.due_at < $2
			AND t.assignee_id = $1`, []any{q.OwnerID, before}},
		{crm.RemindInstalment, `SELECT o.id, o.number, pp.due_date FROM payment_plans pp JOIN orders o ON o.id = pp.order_id
			WHERE pp.due_date <= $2 AND pp.paid < pp.amount AND o.status <> 'cancelled' AND o.owner_id = $1`,
			[]any{q.OwnerID, lastDay}},
		{crm.RemindContractEnd, `SELECT o.id, o.number, o.end_date FROM orders o WHERE o.end_date <= $2
			AND o.end_date >= $3 AND o.kind = 'contract' AND o.status = 'active' AND o.owner_id = $1`,
			[]any{q.OwnerID, endDay, q.Before.In(zone).AddDate(0, 0, -q.ContractDays).Format(time.DateOnly)}},
		{crm.RemindSnooze, `SELECT v.id, v.subject, v.snoozed_until FROM conversations v WHERE v.status = 'snoozed'
			AND v.snoozed_until < $2 AND v.assignee_id = $1`, []any{q.OwnerID, before}},
	}
	out := []crm.Reminder{}
	err := db.view(ctx, func(qr querier) error {
		for _, s := range sources {
			rs, err := queryAll(ctx, qr, reminderScanner(s.kind, q.OwnerID, zone, q.ContractDays), s.sql, s.args...)
			if err != nil {
				return err
			}
			out = append(out, rs...)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b crm.Reminder) int { return a.DueAt.Compare(b.DueAt) })
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, db.wrap(err, "reminders")
}

var reminderRef = map[string]string{crm.RemindFollowUp: "follow_up", crm.RemindTask: crm.RefTask,
	crm.RemindInstalment: crm.RefOrder, crm.RemindContractEnd: crm.RefOrder, crm.RemindSnooze: crm.RefConversation}

// reminderScanner reads (id, title, due) where due is a time, or a date
// due at its start in zone (a contract's end, ContractDays earlier).
func reminderScanner(kind string, owner int64, zone *time.Location, contractDays int) func(scanner) (crm.Reminder, error) {
	return func(r scanner) (crm.Reminder, error) {
		rm := crm.Reminder{Kind: kind, OwnerID: owner}
		rm.Ref.Kind = reminderRef[kind]
		var due any
		if err := r.Scan(&rm.Ref.ID, &rm.Title, &due); err != nil {
			return rm, err
		}
		if t, err := toTime(due); err == nil && t != nil && kind != crm.RemindInstalment && kind != crm.RemindContractEnd {
			rm.DueAt = *t
			return rm, nil
		}
		var d crm.Date
		if err := (dtv{&d}).Scan(due); err != nil {
			return rm, err
		}
		rm.DueAt = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, zone).UTC()
		if kind == crm.RemindContractEnd {
			rm.DueAt = rm.DueAt.AddDate(0, 0, -contractDays)
		}
		return rm, nil
	}
}

// OverdueFollowUps returns unanswered follow-ups due before before, oldest
// first, with their maker's team manager.
func (db *DB) OverdueFollowUps(ctx context.Context, before time.Time, limit int) ([]crm.OverdueFollowUp, error) {
	var out []crm.OverdueFollowUp
	err := db.view(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, func(r scanner) (crm.OverdueFollowUp, error) {
			o := crm.OverdueFollowUp{FollowUp: &crm.FollowUp{}}
			f := o.FollowUp
			return o, r.Scan(&f.ID, &f.Method, tm{&f.At}, &f.UserID, &f.Result, &f.Details, &f.NextStep,
				ntm{&f.NextAt}, jsonCol{&f.Refs}, tm{&f.CreatedAt}, nid{&o.ManagerID})
		}, `SELECT `+followUpCols+`, (SELECT MIN(m.id) FROM users u JOIN users m ON m.team_id = u.team_id
			AND m.role = 'manager' AND m.id <> u.id AND NOT m.disabled WHERE u.id = f.user_id)
			FROM followups f WHERE f.next_at < $1 AND `+openFollowUp+` ORDER BY f.next_at LIMIT `+strconv.Itoa(limit),
			utc(before))
		return err
	})
	return out, db.wrap(err, "overdue follow-ups")
}

// RecordEscalation stores (follow-up, level) unless taken; false then.
func (db *DB) RecordEscalation(ctx context.Context, followUpID int64, level int, taskID int64, at time.Time) (bool, error) {
	ok := false
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO followup_escalations (followup_id, level, task_id, at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (followup_id, level) DO NOTHING`, followUpID, level, taskID, utc(at))
		if err != nil {
			return db.wrap(err, "record escalation")
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return err
	})
	return ok, err
}
