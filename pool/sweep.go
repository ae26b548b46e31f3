package pool

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Run is the sweep: it computes the countdowns never computed, warns the
// owners whose warning date has come, and reclaims what is due, each item
// once (the unique key of its pool event), each in its own transaction so
// that one bad record spares the rest. Called by the scheduler; tests call
// it with a moved clock.
func (p *Pool) Run(ctx context.Context, now time.Time) error {
	for {
		n, err := p.cfg.Store.RefreshUnchecked(ctx, p.cfg.Batch)
		if err != nil {
			return err
		}
		if n < p.cfg.Batch {
			break
		}
	}
	if err := p.drain(ctx, now, p.cfg.Store.DueWarnings, p.warn); err != nil {
		return err
	}
	return p.drain(ctx, now, p.cfg.Store.DueReclaims, p.reclaim)
}

// drain does each due item in batches until a batch does nothing more:
// an item it could not do (logged) is not fetched forever.
func (p *Pool) drain(ctx context.Context, now time.Time,
	due func(context.Context, time.Time, int) ([]crm.PoolDue, error),
	do func(context.Context, crm.PoolDue, time.Time) error) error {
	for {
		batch, err := due(ctx, now, p.cfg.Batch)
		if err != nil {
			return err
		}
		done := 0
		// One transaction per batch, each item under its own savepoint
		// (its own WithTx): one bad item is undone alone, and the batch
		// pays for one commit.
		err = p.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
			for _, d := range batch {
				switch err := do(ctx, d, now); {
				case err == nil:
					done++
				case errors.Is(err, errNotDue), crm.ErrorCode(err) == crm.ECONFLICT: // moved since, or another instance did it
				default:
					p.cfg.Log.Error("pool: sweep item", "kind", d.Ref.Kind, "id", d.Ref.ID, "err", err)
				}
			}
			return ctx.Err()
		})
		if err != nil {
			return err
		}
		if len(batch) < p.cfg.Batch || done == 0 {
			return ctx.Err()
		}
	}
}

// warn records the warning once and gives the owner a task due at the
// reclaim date: the reminder of what is about to be reclaimed.
func (p *Pool) warn(ctx context.Context, d crm.PoolDue, now time.Time) error {
	return p.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		rec, rule, err := p.current(ctx, d)
		if err != nil {
			return err
		}
		if err := p.cfg.Store.RecordWarning(ctx, d, now); err != nil {
			return err
		}
		owner, due := d.OwnerID, d.At
		return p.cfg.Store.CreateTask(ctx, &crm.Task{
			Title:      p.text("warn_title", p.dateText(d.At), rec.Name),
			Details:    p.text("warn_body", d.RuleID, p.why(d.Why, rule)),
			AssigneeID: &owner, DueAt: &due, Refs: []crm.Ref{d.Ref},
		})
	})
}

// reclaim takes the record back to its pool once for this rule and
// period, starts the ex-owner's cooldown, and writes a follow-up entry and
// an audit entry saying which rule and dates.
func (p *Pool) reclaim(ctx context.Context, d crm.PoolDue, now time.Time) error {
	return p.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		rec, rule, err := p.current(ctx, d)
		if err != nil {
			return err
		}
		limits, err := p.cfg.Store.PoolLimits(ctx, rec.OwnerTeamID)
		if err != nil {
			return err
		}
		ruleID, period := d.RuleID, d.At
		m := crm.OwnerMove{Ref: d.Ref, Action: crm.MoveReclaim, RuleID: &ruleID, Period: &period,
			Reason: d.Why, At: now, Cooldown: cooldown(limits, now)}
		if rule.toTeam {
			m.PoolTeam = rec.OwnerTeamID
		}
		if err := p.cfg.Store.MoveOwner(ctx, m); err != nil {
			return err
		}
		note := p.text("reclaimed", d.RuleID, p.why(d.Why, rule), p.dateText(d.At))
		err = p.cfg.Store.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowOther, At: now, UserID: d.OwnerID,
			Result: p.text("result"), Details: note, Refs: []crm.Ref{d.Ref}})
		if err != nil {
			return err
		}
		return p.audit(ctx, nil, d.Ref, crm.MoveReclaim, fmt.Sprintf("%s (owner user %d)", note, d.OwnerID))
	})
}

// current re-reads the record in the transaction: a follow-up or a freeze
// since the due list was read moves its date, and then it is not due.
func (p *Pool) current(ctx context.Context, d crm.PoolDue) (*crm.PoolRecord, *ruleDays, error) {
	rec, err := p.cfg.Store.PoolRecord(ctx, d.Ref)
	if err != nil {
		return nil, nil, err
	}
	st := rec.State
	if rec.OwnerID == nil || *rec.OwnerID != d.OwnerID || st.ReclaimAt == nil || !st.ReclaimAt.Equal(d.At) {
		return nil, nil, errNotDue
	}
	rules, err := p.cfg.Store.PoolRules(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rules {
		if r.ID == d.RuleID {
			return rec, &ruleDays{idle: r.IdleDays, noDeal: r.NoDealDays, toTeam: r.ToTeamPool}, nil
		}
	}
	return nil, nil, errNotDue
}

// errNotDue: the record changed since the due list was read.
var errNotDue = errors.New("pool: no longer due")

func (p *Pool) dateText(t time.Time) string { return t.In(p.cfg.Zone).Format("2006-01-02") }
