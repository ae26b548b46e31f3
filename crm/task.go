package crm

import (
	"context"
	"time"
)

// Task statuses.
const (
	TaskOpen      = "open"
	TaskDone      = "done"
	TaskCancelled = "cancelled"
)

// Task is something a user must do, about some records.
type Task struct {
	ID          int64      `json:"id"`
	Number      string     `json:"number"` // a reference customers may quote
	Title       string     `json:"title"`
	Details     string     `json:"details"`
	DueAt       *time.Time `json:"due_at"`
	AssigneeID  *int64     `json:"assignee_id"`
	Status      string     `json:"status"`
	Refs        []Ref      `json:"refs"`
	CreatedBy   *int64     `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	CompletedAt *time.Time `json:"completed_at"`
}

// Normalize fills defaults and validates t.
func (t *Task) Normalize() error {
	if t.Status == "" {
		t.Status = TaskOpen
	}
	p := Problems{}
	p.Require("title", t.Title)
	p.MaxLen("title", t.Title, 300)
	p.MaxLen("details", t.Details, 20000)
	p.OneOf("status", t.Status, TaskOpen, TaskDone, TaskCancelled)
	validRefs(p, "refs", t.Refs)
	return p.Err()
}

// TaskFilter narrows ListTasks.
type TaskFilter struct {
	Viewer     Viewer
	Query      string
	Status     string
	AssigneeID *int64
	Ref        *Ref // tasks about this record
	DueBefore  *time.Time
	// CompletedFrom and CompletedTo: done in [from, to), the workload
	// report's tasks done, so that figure opens the tasks behind it.
	CompletedFrom, CompletedTo *time.Time
	TeamID                     *int64 // assigned to a member of this team
	Page                       Page
}

// TaskStore keeps tasks. A task's owner, for visibility, is its assignee.
type TaskStore interface {
	// CreateTask stores t. EINVALID; ECONFLICT for a taken number.
	CreateTask(ctx context.Context, t *Task) error
	// UpdateTask saves a task v may see; CompletedAt follows Status.
	// ENOTFOUND, EINVALID.
	UpdateTask(ctx context.Context, v Viewer, t *Task) error
	// Task returns one task. ENOTFOUND.
	Task(ctx context.Context, v Viewer, id int64) (*Task, error)
	// ListTasks returns a page of tasks, newest first.
	ListTasks(ctx context.Context, f TaskFilter) (List[*Task], error)
}
