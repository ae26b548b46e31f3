package crm

import "time"

// PoolFacts are what a record's reclaim date depends on; the store gathers
// them whenever one changes (a follow-up, a reply, a completed task, an
// order, a claim, a freeze, a rule).
type PoolFacts struct {
	Kind           string // RefLead or RefCustomer
	OwnerID        *int64
	OwnerTeamID    *int64
	Level          string
	Closed         bool // a converted lead: nothing to reclaim
	CreatedAt      time.Time
	ClaimedAt      *time.Time
	LastActivityAt *time.Time
	FrozenUntil    *time.Time
	Dealt          bool // a won order or signed contract since the claim
	OpenOrder      bool
	ActiveContract bool
	// ContractEnd is when the customer's last contract ended (the start
	// of the day after its end date); nil with no contract, or one
	// without an end date.
	ContractEnd *time.Time
}

// Reclaim is when a record falls due, by which rule and why.
type Reclaim struct {
	At     time.Time
	WarnAt time.Time
	RuleID int64
	Why    string // ReclaimIdle or ReclaimNoDeal
}

// ReclaimOf returns when the record of f falls due under rules, or nil:
// in the pool, closed, exempt, or no rule. The most specific rule applies:
// the owner's team pool before the default pool, the record's level
// before "any level". A freeze counts as activity up to its release date,
// so the rules apply again, afresh, once it ends. The exemptions stop the
// idle and no-deal parts; the contract-end part is about contracts that
// have ended, so an exemption by an active contract does not stop it.
func ReclaimOf(rules []PoolRule, f PoolFacts) *Reclaim {
	r := pickRule(rules, f)
	if r == nil || f.OwnerID == nil || f.Closed {
		return nil
	}
	exempt := (r.ExemptOpenOrder && f.OpenOrder) || (r.ExemptActiveContract && f.ActiveContract)
	claimed := f.CreatedAt
	if f.ClaimedAt != nil {
		claimed = *f.ClaimedAt
	}
	start := later(claimed, f.FrozenUntil)
	var due *Reclaim
	earliest := func(at time.Time, why string) {
		if due == nil || at.Before(due.At) {
			due = &Reclaim{At: at, Why: why}
		}
	}
	if r.IdleDays > 0 && !exempt {
		earliest(later(start, f.LastActivityAt).AddDate(0, 0, r.IdleDays), ReclaimIdle)
	}
	if r.NoDealDays > 0 && !f.Dealt && !exempt {
		earliest(start.AddDate(0, 0, r.NoDealDays), ReclaimNoDeal)
	}
	if r.ContractEndDays > 0 && f.ContractEnd != nil {
		// Counted from the end, or from the claim or release of a freeze
		// when that came later: a rep who takes a lapsed customer gets the
		// full N days.
		earliest(later(start, f.ContractEnd).AddDate(0, 0, r.ContractEndDays), ReclaimContractEnd)
	}
	if due == nil {
		return nil
	}
	due.RuleID, due.WarnAt = r.ID, due.At.AddDate(0, 0, -r.WarnDays)
	return due
}

// pickRule is the most specific rule for f, or nil.
func pickRule(rules []PoolRule, f PoolFacts) *PoolRule {
	var best *PoolRule
	score := -1
	for i := range rules {
		r := &rules[i]
		if r.Kind != f.Kind || (r.Level != "" && r.Level != f.Level) {
			continue
		}
		s := 0
		switch {
		case r.TeamID != nil && (f.OwnerTeamID == nil || *r.TeamID != *f.OwnerTeamID):
			continue
		case r.TeamID != nil:
			s += 2
		}
		if r.Level != "" {
			s++
		}
		if s > score {
			best, score = r, s
		}
	}
	return best
}

func later(t time.Time, u *time.Time) time.Time {
	if u != nil && u.After(t) {
		return *u
	}
	return t
}
