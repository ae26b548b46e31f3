package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const taskCols = `t.id, COALESCE(t.number, ''), t.title, t.details, t.due_at, t.assignee_id, t.status, t.refs,
	t.created_by, t.created_at, t.updated_at, t.completed_at`

func scanTask(r scanner) (*crm.Task, error) {
	t := &crm.Task{}
	return t, r.Scan(&t.ID, &t.Number, &t.Title, &t.Details, ntm{&t.DueAt}, nid{&t.AssigneeID}, &t.Status,
		jsonCol{&t.Refs}, nid{&t.CreatedBy}, tm{&t.CreatedAt}, tm{&t.UpdatedAt}, ntm{&t.CompletedAt})
}

const taskNumberTaken = "A task with this number exists already."

// CreateTask stores t. EINVALID; ECONFLICT for a taken number.
func (db *DB) CreateTask(ctx context.Context, t *crm.Task) error {
	if err := db.normalizeTask(t); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkTaskRefs(ctx, tx, t); err != nil {
			return err
		}
		now := db.now()
		t.CompletedAt = completedAt(t.Status, nil, now)
		err := tx.QueryRowContext(ctx, `INSERT INTO tasks (number, title, details, due_at, assignee_id, status, refs,
			created_by, created_at, updated_at, completed_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id`,
			taskNumber(t.Number), t.Title, t.Details, nullTime(t.DueAt), idArg(t.AssigneeID), t.Status,
			jsonArg(t.Refs), idArg(t.CreatedBy), now, nullTime(t.CompletedAt)).Scan(&t.ID)
		if err != nil {
			return db.conflict(err, "create task", taskNumberTaken)
		}
		t.CreatedAt, t.UpdatedAt = now, now
		return db.setRefs(ctx, tx, "task_refs", "task_id", t.ID, t.Refs)
	})
}

// UpdateTask saves a task v may see; CompletedAt follows Status (set when
// it becomes done, kept while done, cleared otherwise). CreatedBy stays.
func (db *DB) UpdateTask(ctx context.Context, v crm.Viewer, t *crm.Task) error {
	if err := db.normalizeTask(t); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		old, err := db.task(ctx, tx, v, t.ID)
		if err != nil {
			return err
		}
		if err := db.checkTaskRefs(ctx, tx, t); err != nil {
			return err
		}
		now := db.now()
		t.CompletedAt = completedAt(t.Status, old, now)
		_, err = tx.ExecContext(ctx, `UPDATE tasks SET number = $1, title = $2, details = $3, due_at = $4,
			assignee_id = $5, status = $6, refs = $7, updated_at = $8, completed_at = $9 WHERE id = $10`,
			taskNumber(t.Number), t.Title, t.Details, nullTime(t.DueAt), idArg(t.AssigneeID), t.Status,
			jsonArg(t.Refs), now, nullTime(t.CompletedAt), t.ID)
		if err != nil {
			return db.conflict(err, "update task", taskNumberTaken)
		}
		t.CreatedBy, t.CreatedAt, t.UpdatedAt = old.CreatedBy, old.CreatedAt, now
		if err := db.setRefs(ctx, tx, "task_refs", "task_id", t.ID, t.Refs); err != nil {
			return err
		}
		if t.Status == crm.TaskDone && old.Status != crm.TaskDone {
			return db.touchActivity(ctx, tx, t.Refs, now) // a completed task counts as following up
		}
		return nil
	})
}

func (db *DB) normalizeTask(t *crm.Task) error {
	t.Number = strings.TrimSpace(t.Number)
	p := crm.Problems{}
	p.MaxLen("number", t.Number, 64)
	if err := t.Normalize(); err != nil {
		return err
	}
	if err := p.Err(); err != nil {
		return err
	}
	t.Refs, t.DueAt = dedupe(t.Refs), normTime(t.DueAt)
	return nil
}

func (db *DB) checkTaskRefs(ctx context.Context, tx *sql.Tx, t *crm.Task) error {
	return db.checkExist(ctx, tx, append(refChecks("refs", t.Refs),
		exists{"assignee_id", "users", t.AssigneeID}, exists{"created_by", "users", t.CreatedBy})...)
}

// completedAt is when a task of this status was completed: kept from old
// while it stays done, now when it becomes done, nil otherwise.
func completedAt(status string, old *crm.Task, now time.Time) *time.Time {
	switch {
	case status != crm.TaskDone:
		return nil
	case old != nil && old.Status == crm.TaskDone && old.CompletedAt != nil:
		return old.CompletedAt
	}
	return &now
}

// taskNumber stores a task without a number as NULL, so that the unique
// rule applies only to real numbers.
func taskNumber(n string) any {
	if n == "" {
		return nil
	}
	return n
}
