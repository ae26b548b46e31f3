package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var taskTests = []storeTest{
	{"Task/RoundTrip", testTaskRoundTrip},
	{"Task/InvalidAndConflict", testTaskInvalid},
	{"Task/Visibility", testTaskVisibility},
	{"Task/ListAndFilters", testTaskList},
}

func testTaskRoundTrip(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "华强"}
	must(t, s.CreateCustomer(ctx, cust))
	lead := &crm.Lead{Name: "线索"}
	must(t, s.CreateLead(ctx, lead))
	task := &crm.Task{Number: "T-0001", Title: "回访华强，确认样品", Details: "带上报价单\n第二行", DueAt: ptr(aTime(3)),
		AssigneeID: ptr(w.repA1.ID), CreatedBy: ptr(w.mgrA.ID),
		Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: cust.ID}, {Kind: crm.RefLead, ID: lead.ID}, {Kind: crm.RefCustomer, ID: cust.ID}}}
	must(t, s.CreateTask(ctx, task))
	same(t, "defaults", task.Status, crm.TaskOpen)
	same(t, "refs deduplicated", len(task.Refs), 2)
	same(t, "due stored as UTC µs", *task.DueAt, stored(aTime(3)))
	got, err := s.Task(ctx, w.repA1.Viewer(), task.ID)
	must(t, err)
	same(t, "task", got, task)

	task.Status, task.Refs, task.Number = crm.TaskDone, nil, ""
	must(t, s.UpdateTask(ctx, w.repA1.Viewer(), task))
	if task.CompletedAt == nil {
		t.Fatal("done task has no CompletedAt")
	}
	done := *task.CompletedAt
	got, err = s.Task(ctx, crm.System, task.ID)
	must(t, err)
	same(t, "after done", got, task)
	task.Title = "still done"
	must(t, s.UpdateTask(ctx, crm.System, task))
	same(t, "completed_at kept while done", *task.CompletedAt, done)
	task.Status = crm.TaskOpen
	must(t, s.UpdateTask(ctx, crm.System, task))
	got, err = s.Task(ctx, crm.System, task.ID)
	must(t, err)
	if got.CompletedAt != nil || got.CreatedBy == nil || *got.CreatedBy != w.mgrA.ID {
		t.Fatalf("reopened task: %+v", got)
	}
	_, err = s.Task(ctx, crm.System, task.ID+1)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.UpdateTask(ctx, crm.System, &crm.Task{ID: task.ID + 1, Title: "x"}), crm.ENOTFOUND)
}

func testTaskInvalid(t *testing.T, s crm.Store) {
	wantFields(t, s.CreateTask(ctx, &crm.Task{Status: "later", Refs: []crm.Ref{{Kind: "planet", ID: 1}}}), "title", "status", "refs")
	wantFields(t, s.CreateTask(ctx, &crm.Task{Title: "x", Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: 42}}}), "refs")
	wantFields(t, s.CreateTask(ctx, &crm.Task{Title: "x", Refs: []crm.Ref{{Kind: crm.RefConversation, ID: 42}}}), "refs")
	wantFields(t, s.CreateTask(ctx, &crm.Task{Title: "x", AssigneeID: ptr(int64(42)), CreatedBy: ptr(int64(43))}), "assignee_id", "created_by")
	must(t, s.CreateTask(ctx, &crm.Task{Title: "a", Number: "T-1"}))
	wantCode(t, s.CreateTask(ctx, &crm.Task{Title: "b", Number: "T-1"}), crm.ECONFLICT)
	// Tasks without a number never conflict.
	must(t, s.CreateTask(ctx, &crm.Task{Title: "c"}))
	must(t, s.CreateTask(ctx, &crm.Task{Title: "d"}))
	l, err := s.ListTasks(ctx, crm.TaskFilter{Viewer: crm.System})
	must(t, err)
	same(t, "tasks stored", len(l.Items), 3)
}

func testTaskVisibility(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	checkVisibility(t, w, owned{
		create: func(o *crm.User) int64 {
			task := &crm.Task{Title: "任务", AssigneeID: ownerID(o)}
			must(t, s.CreateTask(ctx, task))
			return task.ID
		},
		get: func(v crm.Viewer, id int64) error { _, err := s.Task(ctx, v, id); return err },
		list: func(v crm.Viewer) ([]int64, error) {
			return listIDs(t, 3, taskID, func(p crm.Page) (crm.List[*crm.Task], error) {
				return s.ListTasks(ctx, crm.TaskFilter{Viewer: v, Page: p})
			}), nil
		},
	})
	task := &crm.Task{Title: "B 的任务", AssigneeID: ptr(w.repB.ID)}
	must(t, s.CreateTask(ctx, task))
	wantCode(t, s.UpdateTask(ctx, w.repA1.Viewer(), task), crm.ENOTFOUND)
}

func taskID(t *crm.Task) int64 { return t.ID }

func testTaskList(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "华强"}
	must(t, s.CreateCustomer(ctx, cust))
	ref := crm.Ref{Kind: crm.RefCustomer, ID: cust.ID}
	mk := func(task *crm.Task) int64 { must(t, s.CreateTask(ctx, task)); return task.ID }
	a := mk(&crm.Task{Title: "寄送样品", DueAt: ptr(aTime(1)), Refs: []crm.Ref{ref}})
	b := mk(&crm.Task{Title: "Call Acme", Number: "T-77", DueAt: ptr(aTime(10)), AssigneeID: ptr(w.repA1.ID)})
	c := mk(&crm.Task{Title: "报价", Status: crm.TaskDone, Refs: []crm.Ref{ref}})
	list := func(f crm.TaskFilter) []int64 {
		f.Viewer = crm.System
		return listIDs(t, 2, taskID, func(p crm.Page) (crm.List[*crm.Task], error) { f.Page = p; return s.ListTasks(ctx, f) })
	}
	same(t, "all", list(crm.TaskFilter{}), []int64{c, b, a})
	same(t, "status", list(crm.TaskFilter{Status: crm.TaskOpen}), []int64{b, a})
	same(t, "assignee", list(crm.TaskFilter{AssigneeID: ptr(w.repA1.ID)}), []int64{b})
	same(t, "ref", list(crm.TaskFilter{Ref: &ref}), []int64{c, a})
	same(t, "due before", list(crm.TaskFilter{DueBefore: ptr(aTime(5).In(time.UTC))}), []int64{a})
	for q, want := range map[string][]int64{"样品": {a}, "acme": {b}, "t-77": {b}, "无": nil} {
		same(t, "search "+q, list(crm.TaskFilter{Query: q}), want)
	}
}
