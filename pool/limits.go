package pool

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// checkTaker says whether user to may take rec now: its cap of leads or
// customers (its team pool's, else the default pool's), and for a claim
// the daily limit and the ex-owner cooldown. The load is read under the
// user's lock, so a rep's concurrent claims are counted one by one.
func (p *Pool) checkTaker(ctx context.Context, v crm.Viewer, rec *crm.PoolRecord, to int64, claim bool, now time.Time) error {
	load, err := p.cfg.Store.OwnerLoad(ctx, to, p.dayStart(now))
	switch {
	case err != nil:
		return err
	case load.Disabled:
		return crm.Errorf(crm.ECONFLICT, "This user is disabled.")
	case v.Role == crm.RoleManager && to != v.UserID && (load.TeamID == nil || *load.TeamID != v.TeamID):
		return crm.Errorf(crm.EFORBIDDEN, "Only an administrator can give a record to someone outside your team.")
	}
	l, err := p.cfg.Store.PoolLimits(ctx, load.TeamID)
	if err != nil {
		return err
	}
	if err := l.CapReached(load, rec.Ref.Kind); err != nil {
		return err
	}
	switch {
	case !claim:
		return nil
	case l.DailyClaims > 0 && load.ClaimsSince >= l.DailyClaims:
		return crm.Errorf(crm.ECONFLICT, "Daily claim limit %d reached.", l.DailyClaims)
	case rec.PrevOwnerID != nil && *rec.PrevOwnerID == to && rec.CooldownUntil != nil && now.Before(*rec.CooldownUntil):
		return crm.Errorf(crm.ECONFLICT, "You owned this %s before: you can claim it again from %s.",
			rec.Ref.Kind, rec.CooldownUntil.In(p.cfg.Zone).Format("2006-01-02 15:04"))
	}
	return nil
}

// cooldown is when an ex-owner may claim back a record given up now.
func cooldown(l crm.PoolLimits, now time.Time) *time.Time {
	if l.CooldownDays <= 0 {
		return nil
	}
	t := now.AddDate(0, 0, l.CooldownDays)
	return &t
}

// Freeze freezes a record until a release date with a reason (冻结), or
// unfreezes it (until nil); for admins and managers. EINVALID without a
// reason or with a date not in the future; EFORBIDDEN; ENOTFOUND.
func (p *Pool) Freeze(ctx context.Context, v crm.Viewer, r crm.Ref, until *time.Time, reason string) error {
	if v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
		return crm.Errorf(crm.EFORBIDDEN, "Only a manager or an administrator can freeze.")
	}
	if until != nil {
		pr := crm.Problems{}
		if !until.After(p.cfg.Now()) {
			pr.Add("until", "must be a release date in the future")
		}
		pr.Require("reason", reason)
		pr.MaxLen("reason", reason, 500)
		if err := pr.Err(); err != nil {
			return err
		}
	}
	return p.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		rec, err := p.cfg.Store.PoolRecord(ctx, r)
		if err != nil {
			return err
		}
		if rec.OwnerID != nil && *rec.OwnerID != v.UserID && !managesOwner(v, rec) {
			return crm.Errorf(crm.ENOTFOUND, "Record not found.")
		}
		if err := p.checkFrozenCap(ctx, rec, until); err != nil {
			return err
		}
		if err := p.cfg.Store.Freeze(ctx, r, until, reason, v.UserID); err != nil {
			return err
		}
		actor, action, detail := v.UserID, crm.MoveFreeze, "until "+timeText(until)+": "+reason
		if until == nil {
			action, detail = crm.MoveUnfreeze, "unfrozen"
		}
		return p.audit(ctx, &actor, r, action, detail)
	})
}

// checkFrozenCap refuses to freeze one more record of an owner who holds
// their pool's frozen cap already (re-dating a freeze is not one more).
func (p *Pool) checkFrozenCap(ctx context.Context, rec *crm.PoolRecord, until *time.Time) error {
	now := p.cfg.Now()
	if until == nil || rec.OwnerID == nil || (rec.State.FrozenUntil != nil && rec.State.FrozenUntil.After(now)) {
		return nil
	}
	load, err := p.cfg.Store.OwnerLoad(ctx, *rec.OwnerID, p.dayStart(now))
	if err != nil {
		return err
	}
	l, err := p.cfg.Store.PoolLimits(ctx, load.TeamID)
	if err == nil && l.FrozenCap > 0 && load.Frozen >= l.FrozenCap {
		err = crm.Errorf(crm.ECONFLICT, "Frozen cap %d reached: the owner holds %d frozen records.", l.FrozenCap, load.Frozen)
	}
	return err
}

func timeText(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// CheckNewOwner says whether a new record of kind may be given to user to:
// the cap applies to records created with an owner as to any other path.
func (p *Pool) CheckNewOwner(ctx context.Context, v crm.Viewer, kind string, to int64) error {
	rec := &crm.PoolRecord{Ref: crm.Ref{Kind: kind}}
	return p.checkTaker(ctx, v, rec, to, false, p.cfg.Now())
}
