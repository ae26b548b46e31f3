package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/web"
)

// TestPoolFrozenCapAndContractRule: frozen_cap and contract_end_days go
// through the API; freezing one record over the cap is a 409 that says
// so, and a contract-end rule on leads is a 400 naming its field.
func TestPoolFrozenCapAndContractRule(t *testing.T) {
	e := newEnv(t, web.Config{})
	var limits record
	e.call("admin", "PUT", "/api/v1/pool/limits", record{"frozen_cap": 1}, 200, &limits)
	e.call("admin", "GET", "/api/v1/pool/limits", nil, 200, &limits)
	if limits["frozen_cap"] != float64(1) {
		t.Fatalf("limits = %v, want frozen_cap 1", limits)
	}
	var a, b record
	e.call("rep1", "POST", "/api/v1/leads", record{"name": "甲"}, 201, &a)
	e.call("rep1", "POST", "/api/v1/leads", record{"name": "乙"}, 201, &b)
	until := e.clock.Now().Add(10 * 24 * time.Hour)
	e.call("manager", "POST", fmt.Sprintf("/api/v1/leads/%d/freeze", a.id()), record{"until": until, "reason": "招标中"}, 200, nil)
	ae := e.fail("manager", "POST", fmt.Sprintf("/api/v1/leads/%d/freeze", b.id()),
		record{"until": until, "reason": "招标中"}, 409, "conflict")
	if !strings.Contains(ae.Message, "Frozen cap 1 reached") {
		t.Errorf("message %q does not name the frozen cap", ae.Message)
	}
	var got record
	e.call("rep1", "GET", fmt.Sprintf("/api/v1/leads/%d", b.id()), nil, 200, &got)
	if got["frozen_until"] != nil {
		t.Errorf("a refused freeze froze the lead: %v", got)
	}

	ae = e.fail("admin", "POST", "/api/v1/pool/rules", record{"kind": "lead", "contract_end_days": 30}, 400, "invalid")
	if ae.Fields["contract_end_days"] == "" {
		t.Errorf("fields %v do not name contract_end_days", ae.Fields)
	}
	var rule record
	e.call("admin", "POST", "/api/v1/pool/rules", record{"kind": "customer", "contract_end_days": 30, "warn_days": 7}, 201, &rule)
	if rule["contract_end_days"] != float64(30) {
		t.Errorf("rule = %v, want contract_end_days 30", rule)
	}
}
