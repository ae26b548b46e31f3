package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// Task returns one task v may see (its owner is its assignee). ENOTFOUND.
func (db *DB) Task(ctx context.Context, v crm.Viewer, id int64) (t *crm.Task, err error) {
	err = db.query(ctx, func(q querier) error {
		t, err = db.task(ctx, q, v, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

func (db *DB) task(ctx context.Context, q querier, v crm.Viewer, id int64) (*crm.Task, error) {
	w := &where{}
	w.and("t.id = " + w.arg(id))
	w.visible(v, "t.assignee_id")
	t, err := scanTask(q.QueryRowContext(ctx, `SELECT `+taskCols+` FROM tasks t`+w.String(), w.args...))
	if err != nil {
		return nil, db.notFound(err, "Task", "get task")
	}
	return t, nil
}

// ListTasks returns a page of tasks, newest first.
func (db *DB) ListTasks(ctx context.Context, f crm.TaskFilter) (l crm.List[*crm.Task], err error) {
	pg := f.Page.Clamp()
	w := taskWhere(db, f)
	tail, err := w.sorted("tasks", "t", "tasks", pg)
	if err != nil {
		return l, err
	}
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanTask, `SELECT `+taskCols+` FROM tasks t`+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(t *crm.Task) int64 { return t.ID })
		return db.wrap(err, "list tasks")
	})
	return l, err
}

// CountTasks counts what f selects, ignoring its page.
func (db *DB) CountTasks(ctx context.Context, f crm.TaskFilter) (int64, error) {
	return db.count(ctx, "tasks", "tasks t", taskWhere(db, f))
}

func taskWhere(db *DB, f crm.TaskFilter) *where {
	w := &where{}
	w.visible(f.Viewer, "t.assignee_id")
	w.search(db.dialect.ILike(), f.Query, "t.title", "t.number", "t.details")
	w.equal("t.status", f.Status)
	w.equalID("t.assignee_id", f.AssigneeID)
	w.aboutRef("task_refs", "task_id", "t.id", f.Ref)
	w.inTeam("t.assignee_id", f.TeamID)
	if f.DueBefore != nil {
		w.and("t.due_at < " + w.arg(utc(*f.DueBefore)))
	}
	w.within("t.completed_at", f.CompletedFrom, f.CompletedTo)
	return w
}
