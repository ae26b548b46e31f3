package web

import (
	"fmt"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// listPoolRules returns every pool rule: everyone may read the rules that
// may take their records back.
func (s *Server) listPoolRules(r *http.Request) ([]crm.PoolRule, error) {
	rules, err := s.store.PoolRules(r.Context())
	if rules == nil {
		rules = []crm.PoolRule{}
	}
	return rules, err
}

// mayRulePool says whether v may set the rules or limits of a pool: an
// admin any, a manager their team's.
func mayRulePool(v crm.Viewer, teamID *int64) error {
	if v.Role == crm.RoleAdmin || (v.Role == crm.RoleManager && teamID != nil && *teamID == v.TeamID) {
		return nil
	}
	return errForbidden("Only an administrator, or a team's manager for its pool, may change pool rules and limits.")
}

func (s *Server) createPoolRule(r *http.Request) (*crm.PoolRule, error) {
	var rule crm.PoolRule
	if err := decodeNew(r, &rule); err != nil {
		return nil, err
	}
	rule.ID = 0
	return &rule, s.savePoolRule(r, &rule, "create")
}

func (s *Server) updatePoolRule(r *http.Request) (*crm.PoolRule, error) {
	old, err := s.poolRule(r)
	if err != nil {
		return nil, err
	}
	if err := mayRulePool(viewerOf(r), old.TeamID); err != nil {
		return nil, err
	}
	rule := *old
	if err := decodeNew(r, &rule); err != nil {
		return nil, err
	}
	rule.ID = old.ID
	return &rule, s.savePoolRule(r, &rule, "update")
}

func (s *Server) savePoolRule(r *http.Request, rule *crm.PoolRule, verb string) error {
	v := viewerOf(r)
	if err := mayRulePool(v, rule.TeamID); err != nil {
		return err
	}
	if err := s.store.SavePoolRule(r.Context(), rule); err != nil {
		return err
	}
	actor := v.UserID
	return s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &actor, Action: "pool_rule." + verb,
		Subject: crm.Ref{Kind: "pool_rule", ID: rule.ID}, Detail: fmt.Sprintf("%s level %q idle %d no-deal %d contract-end %d warn %d",
			rule.Kind, rule.Level, rule.IdleDays, rule.NoDealDays, rule.ContractEndDays, rule.WarnDays)})
}

func (s *Server) deletePoolRule(r *http.Request) (*crm.PoolRule, error) {
	old, err := s.poolRule(r)
	if err != nil {
		return nil, err
	}
	if err := mayRulePool(viewerOf(r), old.TeamID); err != nil {
		return nil, err
	}
	return old, s.store.DeletePoolRule(r.Context(), old.ID)
}

func (s *Server) poolRule(r *http.Request) (*crm.PoolRule, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	rules, err := s.store.PoolRules(r.Context())
	if err != nil {
		return nil, err
	}
	for i := range rules {
		if rules[i].ID == id {
			return &rules[i], nil
		}
	}
	return nil, crm.Errorf(crm.ENOTFOUND, "Pool rule not found.")
}

var poolLimitParams = []param{{"team_id", "integer", "a team's pool (default: the default pool)"}}

// getPoolLimits returns the limits that apply in a team's pool (its own,
// else the default pool's).
func (s *Server) getPoolLimits(r *http.Request) (crm.PoolLimits, error) {
	q := newQuery(r)
	team := q.id("team_id")
	if err := q.err(); err != nil {
		return crm.PoolLimits{}, err
	}
	return s.store.PoolLimits(r.Context(), team)
}

func (s *Server) setPoolLimits(r *http.Request) (crm.PoolLimits, error) {
	var l crm.PoolLimits
	if err := decodeNew(r, &l); err != nil {
		return l, err
	}
	v := viewerOf(r)
	if err := mayRulePool(v, l.TeamID); err != nil {
		return l, err
	}
	if err := s.store.SetPoolLimits(r.Context(), l); err != nil {
		return l, err
	}
	actor := v.UserID
	return l, s.store.Audit(r.Context(), &crm.AuditEntry{ActorID: &actor, Action: "pool_limits.set",
		Subject: crm.Ref{Kind: "pool_limits", ID: teamKey(l.TeamID)}, Detail: fmt.Sprintf("lead cap %d, customer cap %d, "+
			"daily claims %d, cooldown %d days, frozen cap %d", l.LeadCap, l.CustomerCap, l.DailyClaims, l.CooldownDays,
			l.FrozenCap)})
}

func teamKey(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}
