package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// refTeam is the audit subject kind for a team.
const refTeam = "team"

// maxLeadCap bounds a rep's open-lead cap: beyond it a cap means nothing.
const maxLeadCap = 100000

// assignmentRuleBody is a team's round robin as the API takes it; the team
// is the one in the path.
type assignmentRuleBody struct {
	// LeadCap is how many open leads a rep may hold before the round robin
	// skips them; 0 stops it giving leads to anyone.
	LeadCap *int `json:"lead_cap"`
}

// setAssignmentRule sets a team's lead round robin: an admin for any team,
// a manager for their own.
func (s *Server) setAssignmentRule(r *http.Request) (*crm.AssignmentRule, error) {
	ctx, v := r.Context(), viewerOf(r)
	id, err := s.ruleTeam(r)
	if err != nil {
		return nil, err
	}
	var b assignmentRuleBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	switch {
	case b.LeadCap == nil:
		return nil, invalid("lead_cap", "is required")
	case *b.LeadCap < 0 || *b.LeadCap > maxLeadCap:
		return nil, invalid("lead_cap", fmt.Sprintf("must be from 0 to %d", maxLeadCap))
	}
	rule := &crm.AssignmentRule{TeamID: id, LeadCap: *b.LeadCap}
	if err := s.store.SetAssignmentRule(ctx, *rule); err != nil {
		return nil, err
	}
	actor := v.UserID
	return rule, s.store.Audit(ctx, &crm.AuditEntry{ActorID: &actor, Action: "team.assignment_rule",
		Subject: crm.Ref{Kind: refTeam, ID: id}, Detail: fmt.Sprintf("lead cap %d", rule.LeadCap)})
}

// ruleTeam is the team in the path when the viewer may set its rule: an
// admin any team, a manager their own.
func (s *Server) ruleTeam(r *http.Request) (int64, error) {
	v := viewerOf(r)
	id, err := pathID(r)
	if err != nil {
		return 0, err
	}
	if err := s.teamExists(r.Context(), id); err != nil {
		return 0, err
	}
	if !(v.Role == crm.RoleAdmin || v.Role == crm.RoleManager && v.TeamID == id) {
		return 0, errForbidden("Only an admin or the team's manager may set its assignment rule.")
	}
	return id, nil
}

// teamExists answers ENOTFOUND for a team id that names no team. Teams are
// listed to every user, so this tells nothing secret.
func (s *Server) teamExists(ctx context.Context, id int64) error {
	teams, err := s.store.ListTeams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		if t.ID == id {
			return nil
		}
	}
	return crm.Errorf(crm.ENOTFOUND, "No such team.")
}
