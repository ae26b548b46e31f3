package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// poolHubPage is /pool: the pool's lists, its rules and its limits.
type poolHubPage struct {
	pageData
	Rules   []ruleRow
	Teams   []selectOption
	Limits  crm.PoolLimits
	CanEdit bool
}

type ruleRow struct {
	ID                 int64
	Team, Kind, Level  string
	Idle, NoDeal, Warn int
	ContractEnd        int
}

func (s *Server) getPool(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewerOf(r)
	d := &poolHubPage{pageData: s.pageData(w, r, "pool.title"), CanEdit: v.Role != crm.RoleRep}
	rules, err := s.store.PoolRules(ctx)
	if err == nil {
		d.Limits, err = s.store.PoolLimits(ctx, nil)
	}
	teams, terr := s.store.ListTeams(ctx)
	if err == nil {
		err = terr
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	names := map[int64]string{}
	d.Teams = []selectOption{{Value: "", Label: d.T("pool.rule.default")}}
	for _, t := range teams {
		names[t.ID] = t.Name
		if v.Role == crm.RoleAdmin || t.ID == v.TeamID {
			d.Teams = append(d.Teams, selectOption{Value: strconv.FormatInt(t.ID, 10), Label: t.Name})
		}
	}
	for _, rl := range rules {
		team := d.T("pool.rule.default")
		if rl.TeamID != nil {
			team = names[*rl.TeamID]
		}
		d.Rules = append(d.Rules, ruleRow{ID: rl.ID, Team: team, Kind: d.T("kind." + rl.Kind), Level: rl.Level,
			Idle: rl.IdleDays, NoDeal: rl.NoDealDays, Warn: rl.WarnDays, ContractEnd: rl.ContractEndDays})
	}
	s.render(w, r, http.StatusOK, "pool", d)
}

// postPoolRule adds a rule from the rules editor's form.
func (s *Server) postPoolRule(w http.ResponseWriter, r *http.Request) {
	p := crm.Problems{}
	rule := crm.PoolRule{Kind: r.PostFormValue("kind"), Level: r.PostFormValue("level"),
		IdleDays: formInt(p, r, "idle_days"), NoDealDays: formInt(p, r, "no_deal_days"), WarnDays: formInt(p, r, "warn_days"),
		ContractEndDays: formInt(p, r, "contract_end_days"),
		ExemptOpenOrder: r.PostFormValue("exempt_open_order") == "true", ExemptActiveContract: r.PostFormValue("exempt_active_contract") == "true",
		ToTeamPool: r.PostFormValue("to_team_pool") == "true"}
	if t := r.PostFormValue("team_id"); t != "" {
		id, err := parseID(t)
		if err != nil {
			p.Add("team_id", "is not a team")
		}
		rule.TeamID = &id
	}
	err := p.Err()
	if err == nil {
		err = s.savePoolRule(r, &rule, "create")
	}
	s.backTo(w, r, "/pool", err)
}

func (s *Server) postPoolRuleDelete(w http.ResponseWriter, r *http.Request) {
	_, err := s.deletePoolRule(r)
	s.backTo(w, r, "/pool", err)
}

// postPoolLimits sets the default pool's limits from the form.
func (s *Server) postPoolLimits(w http.ResponseWriter, r *http.Request) {
	p := crm.Problems{}
	l := crm.PoolLimits{LeadCap: formInt(p, r, "lead_cap"), CustomerCap: formInt(p, r, "customer_cap"),
		DailyClaims: formInt(p, r, "daily_claims"), CooldownDays: formInt(p, r, "cooldown_days"),
		FrozenCap: formInt(p, r, "frozen_cap")}
	err := p.Err()
	if err == nil {
		if err = mayRulePool(viewerOf(r), nil); err == nil {
			err = s.store.SetPoolLimits(r.Context(), l)
		}
	}
	s.backTo(w, r, "/pool", err)
}

// backTo shows err, or goes to path.
func (s *Server) backTo(w http.ResponseWriter, r *http.Request, path string, err error) {
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// formInt reads a whole number from a form, noting a bad one in p.
func formInt(p crm.Problems, r *http.Request, name string) int {
	v := r.PostFormValue(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		p.Add(name, fmt.Sprintf("%q is not a whole number", v))
	}
	return n
}
