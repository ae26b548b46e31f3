package crm

import (
	"context"
	"time"
)

// PoolReclaim is one reclaim of a sweep's batch, as the pool decided it.
type PoolReclaim struct {
	Due      PoolDue
	PoolTeam *int64     // the team pool it goes to; nil: the default pool
	Cooldown *time.Time // until then its ex-owner may not claim it back
	Note     string     // the follow-up entry: which rule and dates
	Result   string     // the follow-up entry's result
	Audit    string     // the audit entry's detail
}

// PoolWarning is one warning of a sweep's batch: the owner's task.
type PoolWarning struct {
	Due     PoolDue
	Title   string
	Details string
}

// PoolSweepStore writes a reclaim sweep's batches a few statements per
// batch rather than a few per record. Items come from DueReclaims or
// DueWarnings read in the same transaction (so they are locked and
// current).
type PoolSweepStore interface {
	// ReclaimBatch reclaims each item once for its (rule, record, due
	// date): the pool event under its unique key, the owner change with
	// the cooldown, the countdown cleared, a follow-up entry on the record
	// by its ex-owner and an audit entry. Items recorded already are
	// skipped; it returns those it reclaimed.
	ReclaimBatch(ctx context.Context, items []PoolReclaim, at time.Time) ([]PoolDue, error)
	// WarnBatch warns each item's owner once for its (rule, record, due
	// date): the pool event under its unique key and a task due on the
	// reclaim date. It returns those it warned.
	WarnBatch(ctx context.Context, items []PoolWarning, at time.Time) ([]PoolDue, error)
}
