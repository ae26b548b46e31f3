package web

import (
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

func (s *Server) taskPages() *recordKind[crm.Task] {
	status := field{Name: "status", Type: "select", Options: []string{crm.TaskOpen, crm.TaskDone, crm.TaskCancelled}}
	return &recordKind[crm.Task]{
		path: "tasks", one: "rec.task", res: s.tasks,
		fields: []field{{Name: "title", Need: true}, {Name: "details", Type: "textarea"},
			{Name: "due_at", Type: "datetime"}, {Name: "assignee_id", Type: "user"}, status,
			{Name: "refs", Type: "refs", NoEdit: true}},
		columns: []column[crm.Task]{
			{"field.title", func(_ *cells, t *crm.Task) string { return t.Title }},
			{"field.due_at", func(_ *cells, t *crm.Task) string { return localTime(t.DueAt) }},
			{"field.status", func(c *cells, t *crm.Task) string { return c.selectOption("status", t.Status) }},
			{"field.assignee_id", func(c *cells, t *crm.Task) string { return c.user(idString(t.AssigneeID)) }},
		},
		filters: []field{ownerFilter, status, dueFilter},
		query: func(r *http.Request, f listFilter) listQuery[crm.Task] {
			v := viewerOf(r)
			owner, _ := f.ownerID(v)
			tf := crm.TaskFilter{Viewer: v, Query: f.Query, Status: f.Status, AssigneeID: owner,
				DueBefore: s.dueBefore(f.Due), Page: f.Page}
			if f.Due != "" && tf.Status == "" {
				tf.Status = crm.TaskOpen // what is due is what is still open
			}
			_, off := s.today()
			f.Drill.taskFilter(&tf, off)
			return bindList(r, tf, func(f *crm.TaskFilter, p crm.Page) { f.Page = p }, s.store.ListTasks,
				countBy(s, crm.ListCounter.CountTasks))
		},
		title: func(t *crm.Task) string { return t.Title },
	}
}

// dueBefore turns the due filter into a deadline: overdue is before now,
// today before the end of the server's day, week seven days on.
func (s *Server) dueBefore(due string) *time.Time {
	now := s.now().In(time.Local)
	y, m, d := now.Date()
	var t time.Time
	switch due {
	case "overdue":
		t = now
	case "today":
		t = time.Date(y, m, d+1, 0, 0, 0, 0, time.Local)
	case "week":
		t = time.Date(y, m, d+8, 0, 0, 0, 0, time.Local)
	default:
		return nil
	}
	return &t
}

// localTime writes an optional time in the server's zone.
func localTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(time.Local).Format("2006-01-02 15:04")
}
