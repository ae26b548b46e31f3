package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// An admin sets any team's round robin, a manager only their own team's;
// the cap is checked; the change is audited and governs ingest.
func TestAssignmentRule(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	rule := func(team int64) string { return fmt.Sprintf("/api/v1/teams/%d/assignment-rule", team) }
	tests := []struct {
		who    string
		team   int64
		body   any
		status int
		code   string
		field  string
	}{
		{"admin", e.teamB, record{"lead_cap": 5}, 200, "", ""},
		{"manager", e.teamA, record{"lead_cap": 3}, 200, "", ""},
		{"manager", e.teamB, record{"lead_cap": 3}, 403, "forbidden", ""},
		{"rep1", e.teamA, record{"lead_cap": 3}, 403, "forbidden", ""},
		{"admin", 999, record{"lead_cap": 3}, 404, "not_found", ""},
		{"admin", e.teamA, record{"lead_cap": -1}, 400, "invalid", "lead_cap"},
		{"admin", e.teamA, record{"lead_cap": 100001}, 400, "invalid", "lead_cap"},
		{"admin", e.teamA, record{}, 400, "invalid", "lead_cap"},
		{"admin", e.teamA, record{"lead_cap": "3"}, 400, "invalid", "lead_cap"},
		{"admin", e.teamA, record{"lead_cap": 3, "team_id": e.teamB}, 400, "invalid", "team_id"},
		{"", e.teamA, record{"lead_cap": 3}, 401, "unauthorized", ""},
	}
	for _, tt := range tests {
		if tt.status == 200 {
			var got crm.AssignmentRule
			e.call(tt.who, "PUT", rule(tt.team), tt.body, 200, &got)
			if got.TeamID != tt.team || fmt.Sprint(got.LeadCap) != fmt.Sprint(tt.body.(record)["lead_cap"]) {
				t.Errorf("%s on team %d: answer %+v", tt.who, tt.team, got)
			}
			continue
		}
		ae := e.fail(tt.who, "PUT", rule(tt.team), tt.body, tt.status, tt.code)
		if tt.field != "" && ae.Fields[tt.field] == "" {
			t.Errorf("%v: fields %v do not name %s", tt.body, ae.Fields, tt.field)
		}
	}
	audit, err := e.db.AuditOf(context.Background(), crm.Ref{Kind: "team", ID: e.teamA}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != 1 || *audit[0].ActorID != e.id("manager") || audit[0].Detail != "lead cap 3" {
		t.Errorf("team A audit %+v: want the manager's one change", audit)
	}
}

// The cap set over the API governs ingest: reps in turn, then the pool.
func TestAssignmentRuleGovernsIngest(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	e.call("manager", "PUT", fmt.Sprintf("/api/v1/teams/%d/assignment-rule", e.teamA), record{"lead_cap": 1}, 200, nil)
	box := e.inbox(e.teamA)
	var owners []string
	for _, from := range []string{"p1@qq.com", "p2@qq.com", "p3@qq.com"} {
		res := box.mail(t, from, "询价", "请报价", "")
		var l crm.Lead
		e.call("admin", "GET", fmt.Sprintf("/api/v1/leads/%d", res.LeadID), nil, 200, &l)
		owners = append(owners, ownerName(e, l.OwnerID))
	}
	if fmt.Sprint(owners) != "[rep1 rep2 ]" {
		t.Errorf("lead owners %q: want rep1, rep2, then the pool at the cap", owners)
	}
}
