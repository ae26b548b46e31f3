package web

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var taskParams = []param{
	{"status", "string", "open, done or cancelled"},
	{"assignee_id", "integer", "tasks assigned to this user"},
	{"due_before", "date-time", "tasks due before this time (RFC 3339)"},
}

// tasks are owned, for visibility, by their assignee.
func (s *Server) tasks() resource[crm.Task] {
	return resource[crm.Task]{
		kind: crm.RefTask, ownerField: "assignee_id",
		owner: func(t *crm.Task) *int64 { return t.AssigneeID },
		id:    func(t *crm.Task) int64 { return t.ID },
		fresh: func(v crm.Viewer) *crm.Task { return &crm.Task{AssigneeID: self(v), CreatedBy: self(v)} },
		keep: func(dst, src *crm.Task) {
			dst.ID, dst.CreatedBy, dst.CreatedAt, dst.UpdatedAt = src.ID, src.CreatedBy, src.CreatedAt, src.UpdatedAt
			dst.CompletedAt = src.CompletedAt // follows status, set by the store
		},
		check: func(ctx context.Context, v crm.Viewer, b *jsonBody, old, t *crm.Task) error {
			if err := t.Normalize(); err != nil {
				return err
			}
			if changed(b, old, "refs") {
				return s.checkRefs(ctx, v, "refs", t.Refs)
			}
			return nil
		},
		load: s.store.Task,
		create: func(ctx context.Context, _ crm.Viewer, t *crm.Task) error {
			return s.store.CreateTask(ctx, t)
		},
		save: s.store.UpdateTask,
	}
}

func (s *Server) createTask(r *http.Request) (*crm.Task, error) {
	return createRecord(r, s, s.tasks())
}

func (s *Server) getTask(r *http.Request) (*crm.Task, error) {
	return getRecord(r, s.tasks())
}

func (s *Server) updateTask(r *http.Request) (*crm.Task, error) {
	return updateRecord(r, s, s.tasks())
}

func (s *Server) listTasks(r *http.Request) (crm.List[*crm.Task], error) {
	q := newQuery(r)
	f := crm.TaskFilter{
		Viewer: viewerOf(r), Query: q.str("q"), Status: q.str("status"), AssigneeID: q.id("assignee_id"),
		Ref: q.ref(), DueBefore: q.time("due_before"), Page: q.page(),
	}
	if err := q.err(); err != nil {
		return crm.List[*crm.Task]{}, err
	}
	return s.store.ListTasks(r.Context(), f)
}
