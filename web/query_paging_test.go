package web_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// Every list pages with cursor; after, its old name on the record lists,
// still works, is documented as deprecated, and both at once is refused.
func TestPagingOneName(t *testing.T) {
	e := newEnv(t, web.Config{})
	for _, n := range []string{"甲", "乙", "丙"} {
		e.call("rep1", "POST", "/api/v1/customers", record{"name": n + "公司"}, 201, nil)
	}
	var p1 struct {
		Items []record `json:"items"`
		Next  int64    `json:"next"`
	}
	e.call("rep1", "GET", "/api/v1/customers?limit=2", nil, 200, &p1)
	if p1.Next == 0 {
		t.Fatalf("first page %+v: want a next cursor", p1)
	}
	var byCursor, byAfter struct {
		Items []record `json:"items"`
	}
	e.call("rep1", "GET", fmt.Sprintf("/api/v1/customers?limit=2&cursor=%d", p1.Next), nil, 200, &byCursor)
	e.call("rep1", "GET", fmt.Sprintf("/api/v1/customers?limit=2&after=%d", p1.Next), nil, 200, &byAfter)
	if len(byCursor.Items) != 1 || len(byAfter.Items) != 1 || byCursor.Items[0].id() != byAfter.Items[0].id() {
		t.Errorf("cursor page %+v and after page %+v: want the same last customer", byCursor.Items, byAfter.Items)
	}
	for _, path := range []string{"/api/v1/customers", "/api/v1/leads", "/api/v1/tasks", "/api/v1/review"} {
		ae := e.fail("rep1", "GET", path+"?cursor=1&after=1", nil, 400, "invalid")
		if ae.Fields["cursor"] == "" {
			t.Errorf("%s with both: fields %v, want cursor named", path, ae.Fields)
		}
		e.fail("rep1", "GET", path+"?cursor=x", nil, 400, "invalid")
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name       string `json:"name"`
				Deprecated bool   `json:"deprecated"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(e.call("", "GET", "/api/v1/openapi.json", nil, 200, nil), &doc); err != nil {
		t.Fatal(err)
	}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			for _, p := range op.Parameters {
				if p.Name == "after" && !p.Deprecated && strings.HasPrefix(path, "/api/") {
					t.Errorf("%s %s: after is not marked deprecated", method, path)
				}
			}
		}
	}
}
