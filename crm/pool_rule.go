package crm

import (
	"strconv"
	"time"
)

// Why a record falls due for reclaim.
const (
	ReclaimIdle   = "idle"    // 闲置回收: no follow-up, reply or completed task for N days
	ReclaimNoDeal = "no_deal" // 未成交回收: no won order or signed contract within N days of the claim
	// ReclaimContractEnd: 合同到期回收, N days after the customer's last
	// contract ended without a new one.
	ReclaimContractEnd = "contract_end"
)

// PoolRule is a reclaim rule of one pool (the default pool, TeamID nil, or
// a team's) for one kind of record (RefLead or RefCustomer) and one
// customer level ("" for every level; leads have no level). Zero days turn
// that part of the rule off.
type PoolRule struct {
	ID                   int64     `json:"id"`
	TeamID               *int64    `json:"team_id"` // nil: the default pool
	Kind                 string    `json:"kind"`    // lead or customer
	Level                string    `json:"level"`   // "": any level
	IdleDays             int       `json:"idle_days"`
	NoDealDays           int       `json:"no_deal_days"`
	ContractEndDays      int       `json:"contract_end_days"` // customers: days after the last contract ended
	WarnDays             int       `json:"warn_days"`         // the owner is warned this many days before
	ExemptOpenOrder      bool      `json:"exempt_open_order"`
	ExemptActiveContract bool      `json:"exempt_active_contract"`
	ToTeamPool           bool      `json:"to_team_pool"` // reclaimed records go to the owner's team pool
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

// Normalize validates r; every problem names its field.
func (r *PoolRule) Normalize() error {
	p := Problems{}
	p.OneOf("kind", r.Kind, RefLead, RefCustomer)
	p.MaxLen("level", r.Level, 20)
	if r.Kind == RefLead && r.Level != "" {
		p.Add("level", "leads have no level: leave it empty")
	}
	if r.Kind == RefLead && r.ContractEndDays != 0 {
		p.Add("contract_end_days", "leads have no contracts: leave it 0")
	}
	days := map[string]int{"idle_days": r.IdleDays, "no_deal_days": r.NoDealDays, "warn_days": r.WarnDays,
		"contract_end_days": r.ContractEndDays}
	for f, d := range days {
		if d < 0 || d > 3650 {
			p.Add(f, "must be between 0 and 3650 days")
		}
	}
	if r.IdleDays <= 0 && r.NoDealDays <= 0 && r.ContractEndDays <= 0 {
		p.Add("idle_days", "must be positive (or set no_deal_days or contract_end_days): a rule without days reclaims nothing")
	}
	if shortest := r.shortest(); r.WarnDays > 0 && shortest > 0 && r.WarnDays >= shortest {
		p.Add("warn_days", "must be fewer than the rule's days ("+strconv.Itoa(shortest)+")")
	}
	return p.Err()
}

// shortest is the smallest positive number of days of r (0: none).
func (r *PoolRule) shortest() int {
	m := 0
	for _, d := range []int{r.IdleDays, r.NoDealDays, r.ContractEndDays} {
		if d > 0 && (m == 0 || d < m) {
			m = d
		}
	}
	return m
}

// PoolLimits are the ownership limits of a pool (the default pool, TeamID
// nil, or a team's, for its reps). Zero means no limit.
type PoolLimits struct {
	TeamID       *int64 `json:"team_id"`
	LeadCap      int    `json:"lead_cap"`      // open leads a rep may own
	CustomerCap  int    `json:"customer_cap"`  // customers a rep may own
	DailyClaims  int    `json:"daily_claims"`  // claims a rep may make per day
	CooldownDays int    `json:"cooldown_days"` // days before an ex-owner may claim a record back
	FrozenCap    int    `json:"frozen_cap"`    // leads and customers a rep may hold frozen
}

// CapReached refuses giving one more record of kind (RefLead, an open
// one, or RefCustomer) to the user holding load, when it is at l's cap:
// ECONFLICT saying so, else nil. Claims, transfers and imports ask it.
func (l PoolLimits) CapReached(load OwnerLoad, kind string) error {
	held, limit, what := load.OpenLeads, l.LeadCap, "open leads"
	if kind == RefCustomer {
		held, limit, what = load.Customers, l.CustomerCap, "customers"
	}
	if limit > 0 && held >= limit {
		return Errorf(ECONFLICT, "Cap %d reached: the user holds %d %s.", limit, held, what)
	}
	return nil
}

// Normalize validates l.
func (l *PoolLimits) Normalize() error {
	p := Problems{}
	for f, n := range map[string]int{"lead_cap": l.LeadCap, "customer_cap": l.CustomerCap,
		"daily_claims": l.DailyClaims, "cooldown_days": l.CooldownDays, "frozen_cap": l.FrozenCap} {
		if n < 0 || n > 1_000_000 {
			p.Add(f, "must be between 0 (no limit) and 1000000")
		}
	}
	return p.Err()
}
