package web

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestCustomer360GathersTheCustomer(t *testing.T) {
	t.Parallel()
	w := newWorld360(t)
	p, err := w.s.customer360(context.Background(), w.rep1, w.conv)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(n int, id func(int) int64) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = id(i)
		}
		return out
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"contact", p.Contact.ID, w.contact.ID},
		{"customer", p.Customer.ID, w.cust.ID},
		{"other conversations", ids(len(p.Conversations), func(i int) int64 { return p.Conversations[i].ID }),
			[]int64{w.sibling.ID}},
		{"open orders", ids(len(p.Orders), func(i int) int64 { return p.Orders[i].ID }), []int64{w.openOrder}},
		{"plans due", ids(len(p.Due), func(i int) int64 { return p.Due[i].Plan.ID }), []int64{w.plan}},
		{"owed", len(p.Due) == 1 && p.Due[0].Owed == 60000 && p.Due[0].Overdue, true},
		{"open tasks", ids(len(p.Tasks), func(i int) int64 { return p.Tasks[i].ID }), []int64{w.ctTask, w.openTask}},
		{"follow-ups, latest first", ids(len(p.FollowUps), func(i int) int64 { return int64(p.FollowUps[i].At.Day()) }),
			[]int64{21, 20}},
		{"refs", strings.Join(p.Refs, " "), "customer:1 contact:1 conversation:1"},
	}
	for _, tt := range tests {
		if g, w := strings.TrimSpace(sprint(tt.got)), sprint(tt.want); g != w {
			t.Errorf("%s: got %s, want %s", tt.name, g, w)
		}
	}
}

func TestCustomer360HidesWhatTheViewerMayNotSee(t *testing.T) {
	t.Parallel()
	w := newWorld360(t)
	p, err := w.s.customer360(context.Background(), w.rep3, w.conv)
	if err != nil {
		t.Fatal(err)
	}
	if p.Contact != nil || p.Customer != nil || len(p.Conversations)+len(p.Orders)+len(p.Due)+len(p.Tasks)+len(p.FollowUps) != 0 {
		t.Errorf("rep3 sees team A's customer: %+v", p)
	}
}

func TestCustomer360Partial(t *testing.T) {
	t.Parallel()
	w := newWorld360(t)
	p, err := w.s.customer360(context.Background(), w.rep1, w.conv)
	if err != nil {
		t.Fatal(err)
	}
	p.Lang, p.Back = "zh-CN", "/conversations/1"
	var buf bytes.Buffer
	if err := w.s.pages.sets["record"].ExecuteTemplate(&buf, "customer360", p); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"华强电子", "李伟", "Invoice question", "SO-1", "600.00", "已逾期",
		"Send the quote", "Birthday card", "call B", `action="/follow-ups"`, `action="/tasks"`,
		`name="refs" value="customer:1"`, `name="next" value="/conversations/1"`, "记录跟进", "新建任务"} {
		if !strings.Contains(page, want) {
			t.Errorf("the panel lacks %q", want)
		}
	}
	if strings.Contains(page, "Not theirs") || strings.Contains(page, "SO-0") || strings.Contains(page, "Old call") {
		t.Errorf("the panel shows what is not this customer's or not open:\n%s", page)
	}
}

func sprint(v any) string { return fmt.Sprint(v) }
