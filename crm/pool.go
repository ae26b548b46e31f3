package crm

import (
	"context"
	"time"
)

// PoolState is a lead's or customer's place in the pool rules: its
// countdown (kept up to date by the store on every change it depends on),
// its freeze and the pool it went back to. Only the pool's own operations
// change it.
type PoolState struct {
	ReclaimAt      *time.Time `json:"reclaim_at"`      // nil: no countdown (in the pool, exempt, no rule)
	ReclaimRuleID  *int64     `json:"reclaim_rule_id"` // the rule that sets ReclaimAt
	ReclaimWhy     string     `json:"reclaim_why"`     // idle or no_deal
	WarnAt         *time.Time `json:"warn_at"`         // from then on it is "about to be reclaimed"
	FrozenUntil    *time.Time `json:"frozen_until"`    // 冻结: the rules apply again after this
	FrozenReason   string     `json:"frozen_reason"`
	PoolTeamID     *int64     `json:"pool_team_id"`     // in the pool: which team's pool (nil: the default)
	LastActivityAt *time.Time `json:"last_activity_at"` // last follow-up, rep reply or completed task
}

// SortReclaim sorts a list soonest reclaim first ("days left").
const SortReclaim = "reclaim_at"

// PoolFilter narrows lead and customer lists by their pool state.
type PoolFilter struct {
	Sort       string     // "": newest first; SortReclaim: soonest reclaim first, only records counting down
	WarnBefore *time.Time // only records whose warning date has come by then ("about to be reclaimed")
	FrozenAt   *time.Time // only records frozen at this time
	PoolTeamID *int64     // only pool records of this team's pool
}

// Ownership moves, as recorded in pool events and the audit trail.
const (
	MoveClaim    = "claim"    // 领取: a rep takes a record from the pool
	MoveRelease  = "release"  // 放弃: the owner gives it back, with a reason
	MoveAssign   = "assign"   // 分配: a manager gives a pool record to a rep
	MoveTransfer = "transfer" // 转移: a manager moves an owned record to another rep
	MoveReclaim  = "reclaim"  // a rule took it back
	MoveWarn     = "warn"     // the owner was warned of a reclaim
	MoveFreeze   = "freeze"
	MoveUnfreeze = "unfreeze"
)

// PoolRecord is what the pool's rules look at in one lead or customer.
type PoolRecord struct {
	Ref           Ref
	Name          string
	OwnerID       *int64
	OwnerTeamID   *int64
	PrevOwnerID   *int64
	CooldownUntil *time.Time
	State         PoolState
}

// OwnerLoad is what a rep holds, for the caps.
type OwnerLoad struct {
	UserID      int64
	TeamID      *int64
	Role        Role
	OpenLeads   int // leads new, contacted or qualified
	Customers   int
	ClaimsSince int // claims made since the time asked for
	Frozen      int // leads and customers held frozen now
	Disabled    bool
}

// OwnerMove changes a record's owner; the store writes it with its pool
// event and refreshes the countdown. The caller has checked the rules.
type OwnerMove struct {
	Ref      Ref
	Action   string // a Move*
	ActorID  *int64 // nil: Rapport itself (a reclaim)
	To       *int64 // nil: back to the pool
	PoolTeam *int64 // the pool it goes to (To nil)
	Cooldown *time.Time
	RuleID   *int64
	Period   *time.Time // a reclaim's or warning's due date: its unique key
	Reason   string
	At       time.Time
}

// PoolDue is a record whose reclaim or warning date has come.
type PoolDue struct {
	Ref         Ref
	Name        string
	OwnerID     int64
	OwnerTeamID *int64    // the owner's team: its pool and limits
	At          time.Time // the reclaim date
	RuleID      int64
	Why         string
}

// PoolStore keeps the pool's rules, limits, countdowns and events.
type PoolStore interface {
	// WithTx runs fn in one transaction, carried in its ctx.
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	// PoolRules returns every rule, ordered by id.
	PoolRules(ctx context.Context) ([]PoolRule, error)
	// SavePoolRule creates r (ID 0) or updates it, and refreshes the
	// countdowns it may change. EINVALID, ENOTFOUND, ECONFLICT for a second
	// rule of one pool, kind and level.
	SavePoolRule(ctx context.Context, r *PoolRule) error
	// DeletePoolRule removes a rule and refreshes countdowns. ENOTFOUND.
	DeletePoolRule(ctx context.Context, id int64) error
	// PoolLimits returns the limits of a team's pool, else the default
	// pool's, else none.
	PoolLimits(ctx context.Context, teamID *int64) (PoolLimits, error)
	// SetPoolLimits saves a pool's limits. EINVALID, ENOTFOUND for a team.
	SetPoolLimits(ctx context.Context, l PoolLimits) error
	// PoolRecord returns a lead's or customer's pool facts. ENOTFOUND.
	PoolRecord(ctx context.Context, r Ref) (*PoolRecord, error)
	// OwnerLoad returns what a user holds and their claims since since; in
	// a transaction it locks the user until the end, so that two claims of
	// one rep are counted one after the other. ENOTFOUND.
	OwnerLoad(ctx context.Context, userID int64, since time.Time) (OwnerLoad, error)
	// MoveOwner applies m. ECONFLICT when a reclaim or warning of this
	// rule, record and period is recorded already (nothing changes).
	MoveOwner(ctx context.Context, m OwnerMove) error
	// Freeze freezes a record until until with a reason, or unfreezes it
	// (until nil), recording the event. ENOTFOUND.
	Freeze(ctx context.Context, r Ref, until *time.Time, reason string, actor int64) error
	// DueReclaims returns up to limit owned records whose reclaim date is
	// at or before now, oldest due first. In a transaction it locks them
	// until its end, skipping those another instance holds, so that the
	// batch can be written as read.
	DueReclaims(ctx context.Context, now time.Time, limit int) ([]PoolDue, error)
	// DueWarnings returns up to limit owned records whose warning date is
	// at or before now and that have no warning recorded for their date;
	// locked in a transaction, as DueReclaims.
	DueWarnings(ctx context.Context, now time.Time, limit int) ([]PoolDue, error)
	// RefreshUnchecked computes the countdown of up to limit records
	// whose countdown was never computed, returning how many.
	RefreshUnchecked(ctx context.Context, limit int) (int, error)
}
