package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestLeadPoolClaim(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	var pool, mine record
	p.call("admin", "POST", "/api/v1/leads", record{"name": "Pool Lead", "owner_id": nil}, 201, &pool)
	p.call("rep1", "POST", "/api/v1/leads", record{"name": "Own Lead"}, 201, &mine)
	claim := fmt.Sprintf(`action="/leads/%d/claim"`, pool.id())
	list := p.mustPage("rep1", "/leads?owner=pool")
	contains(t, "pool tab", list, "Pool Lead", claim, `<option value="pool" selected>`)
	if strings.Contains(list, "Own Lead") {
		t.Error("the pool tab lists an owned lead")
	}
	if loc := p.saved("rep1", fmt.Sprintf("/leads/%d/claim", pool.id()), url.Values{}); loc != fmt.Sprintf("/leads/%d", pool.id()) {
		t.Errorf("claim: redirect to %q", loc)
	}
	contains(t, "claimed lead", string(p.call("rep1", "GET", fmt.Sprintf("/api/v1/leads/%d", pool.id()), nil, 200, nil)),
		fmt.Sprintf(`"owner_id":%d`, p.id("rep1")))
	if list := p.mustPage("rep1", "/leads?owner=pool"); strings.Contains(list, "Pool Lead") {
		t.Error("a claimed lead is still in the pool tab")
	}
	contains(t, "mine tab", p.mustPage("rep1", "/leads?owner=mine"), "Pool Lead", "Own Lead")
	// Someone else's lead cannot be claimed, nor does the answer tell it exists.
	res, _ := p.post("rep3", fmt.Sprintf("/leads/%d/claim", mine.id()), url.Values{})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("rep3 claims rep1's lead: status %d, want 404", res.StatusCode)
	}
}

func TestTaskDueFilter(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	now := p.clock.Now()
	for title, due := range map[string]any{
		"Overdue task": now.Add(-2 * time.Hour), "Later task": now.Add(72 * time.Hour), "Undated task": nil,
		"Far task": now.Add(30 * 24 * time.Hour),
	} {
		p.call("rep1", "POST", "/api/v1/tasks", record{"title": title, "due_at": due}, 201, nil)
	}
	tests := []struct {
		query      string
		want, hide []string
	}{
		{"due=overdue", []string{"Overdue task"}, []string{"Later task", "Undated task", "Far task"}},
		{"due=week", []string{"Overdue task", "Later task"}, []string{"Undated task", "Far task"}},
		{"", []string{"Overdue task", "Later task", "Undated task", "Far task"}, nil},
		{"q=later", []string{"Later task"}, []string{"Overdue task"}},
	}
	for _, tt := range tests {
		list := p.mustPage("rep1", "/tasks?"+tt.query)
		contains(t, tt.query, list, tt.want...)
		for _, h := range tt.hide {
			if strings.Contains(list, h) {
				t.Errorf("/tasks?%s shows %q", tt.query, h)
			}
		}
	}
}

func TestRecordListKeysetPaging(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	for _, n := range []string{"Alpha Co", "Beta Co", "Gamma Co"} {
		p.customer(n, "rep1")
	}
	first := p.mustPage("rep1", "/customers?limit=2&q=Co")
	next := regexp.MustCompile(`href="(/customers\?[^"]*cursor=\d+[^"]*)" rel="next"`).FindStringSubmatch(first)
	if next == nil {
		t.Fatalf("no next link:\n%s", first)
	}
	contains(t, "first page", first, "Gamma Co", "Beta Co")
	second := p.mustPage("rep1", strings.ReplaceAll(next[1], "&amp;", "&"))
	contains(t, "second page", second, "Alpha Co", "« First page")
	if strings.Contains(second, "Gamma Co") || strings.Contains(second, `rel="next"`) {
		t.Errorf("second page repeats the first or goes on:\n%s", second)
	}
}

func TestRecordFormsRefuseOtherOrigins(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	req := p.withCookie(p.cookie("rep1"), "POST", "/customers", url.Values{"name": {"Forged"}}.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res, _ := p.send(req); res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site form post: status %d, want 403", res.StatusCode)
	}
	if list := p.mustPage("rep1", "/customers"); strings.Contains(list, "Forged") {
		t.Error("the forged customer was stored")
	}
}
