package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/web"
)

// TestPoolAPI: the caps say "cap N reached" with 409 on claim, PATCH and
// create; customers have a claim route; a bad rule is a 400 naming its
// field; every record shows its countdown and a follow-up moves it.
func TestPoolAPI(t *testing.T) {
	e := newEnv(t, web.Config{})
	e.call("admin", "PUT", "/api/v1/pool/limits", record{"lead_cap": 1, "customer_cap": 1}, 200, nil)
	var lead, pooled, cust record
	e.call("rep1", "POST", "/api/v1/leads", record{"name": "张三"}, 201, &lead)
	e.call("admin", "POST", "/api/v1/leads", record{"name": "公海线索", "owner_id": nil}, 201, &pooled)
	e.call("admin", "POST", "/api/v1/customers", record{"name": "华通", "owner_id": nil}, 201, &cust)

	tests := []struct {
		name, who, method, path string
		body                    any
		status                  int
		code, says              string
	}{
		{"claim over the cap", "rep1", "POST", fmt.Sprintf("/api/v1/leads/%d/claim", pooled.id()), nil, 409, "conflict", "Cap 1 reached"},
		{"PATCH owner over the cap", "rep1", "PATCH", fmt.Sprintf("/api/v1/leads/%d", pooled.id()),
			record{"owner_id": e.id("rep1")}, 409, "conflict", "Cap 1 reached"},
		{"create over the cap", "rep1", "POST", "/api/v1/leads", record{"name": "李四"}, 409, "conflict", "Cap 1 reached"},
		{"a rule with zero days", "admin", "POST", "/api/v1/pool/rules", record{"kind": "lead"}, 400, "invalid", ""},
		{"a rule with negative days", "admin", "POST", "/api/v1/pool/rules", record{"kind": "lead", "idle_days": -3}, 400, "invalid", ""},
		{"a rep sets no rules", "rep1", "POST", "/api/v1/pool/rules", record{"kind": "lead", "idle_days": 3}, 403, "forbidden", ""},
		{"freeze without a date", "manager", "POST", fmt.Sprintf("/api/v1/leads/%d/freeze", lead.id()),
			record{"reason": "x"}, 400, "invalid", ""},
		{"release without a reason", "rep1", "POST", fmt.Sprintf("/api/v1/leads/%d/release", lead.id()), record{}, 400, "invalid", ""},
		{"transfer to another team", "manager", "POST", fmt.Sprintf("/api/v1/leads/%d/assign", lead.id()),
			record{"user_id": e.id("rep3")}, 403, "forbidden", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.t = t
			ae := e.fail(tt.who, tt.method, tt.path, tt.body, tt.status, tt.code)
			if !strings.Contains(ae.Message, tt.says) {
				t.Errorf("message %q does not say %q", ae.Message, tt.says)
			}
		})
	}
	e.t = t
	ae := e.fail("admin", "POST", "/api/v1/pool/rules", record{"kind": "lead", "idle_days": -3}, 400, "invalid")
	if ae.Fields["idle_days"] == "" {
		t.Errorf("fields %v do not name idle_days", ae.Fields)
	}
	var claimed record
	e.call("rep2", "POST", fmt.Sprintf("/api/v1/customers/%d/claim", cust.id()), nil, 200, &claimed)
	if claimed["owner_id"] == nil || claimed["claimed_at"] == nil {
		t.Fatalf("claimed customer %v", claimed)
	}

	e.call("admin", "POST", "/api/v1/pool/rules", record{"kind": "lead", "idle_days": 10, "warn_days": 3}, 201, nil)
	var got record
	e.call("rep1", "GET", fmt.Sprintf("/api/v1/leads/%d", lead.id()), nil, 200, &got)
	before := got["reclaim_at"]
	if before == nil || got["reclaim_rule_id"] == nil || got["reclaim_why"] != "idle" {
		t.Fatalf("lead shows no countdown: %v", got)
	}
	e.clock.Add(48 * time.Hour)
	e.call("rep1", "POST", "/api/v1/follow-ups", record{"method": "call", "at": e.clock.Now(), "user_id": e.id("rep1"),
		"refs": []record{{"kind": "lead", "id": lead.id()}}}, 201, nil)
	e.call("rep1", "GET", fmt.Sprintf("/api/v1/leads/%d", lead.id()), nil, 200, &got)
	if got["reclaim_at"] == before {
		t.Errorf("a follow-up did not move the countdown (still %v)", before)
	}
	var soon struct{ Items []record }
	e.call("rep1", "GET", "/api/v1/leads?owner_id="+fmt.Sprint(e.id("rep1"))+"&sort=reclaim_at", nil, 200, &soon)
	if len(soon.Items) != 1 {
		t.Errorf("days-left sort lists %d leads, want 1", len(soon.Items))
	}
}
