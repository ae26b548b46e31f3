package pool

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Claim gives a pool record to v's user (领取). ENOTFOUND; ECONFLICT when
// someone owns it, or a cap, the daily limit or the cooldown forbids it;
// EFORBIDDEN for another team's pool.
func (p *Pool) Claim(ctx context.Context, v crm.Viewer, r crm.Ref) error {
	if v.UserID <= 0 {
		return crm.Errorf(crm.EINVALID, "Only a user can claim a record.")
	}
	return p.move(ctx, v, r, func(ctx context.Context, rec *crm.PoolRecord, now time.Time) (*crm.OwnerMove, error) {
		if rec.OwnerID != nil {
			return nil, crm.Errorf(crm.ECONFLICT, "Someone has claimed this %s already.", r.Kind)
		}
		if rec.State.PoolTeamID != nil && !v.SeesAll() && *rec.State.PoolTeamID != v.TeamID {
			return nil, crm.Errorf(crm.EFORBIDDEN, "This %s is in another team's pool.", r.Kind)
		}
		to := v.UserID
		return &crm.OwnerMove{Action: crm.MoveClaim, To: &to}, p.checkTaker(ctx, v, rec, to, true, now)
	})
}

// Release gives an owned record back to the pool (放弃), with a reason.
// The owner may; so may an admin, or a manager of the owner's team.
// EINVALID without a reason; ECONFLICT for a pool record; EFORBIDDEN.
func (p *Pool) Release(ctx context.Context, v crm.Viewer, r crm.Ref, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return &crm.Error{Code: crm.EINVALID, Message: "Say why you release it.", Fields: map[string]string{"reason": "is required"}}
	}
	return p.move(ctx, v, r, func(ctx context.Context, rec *crm.PoolRecord, now time.Time) (*crm.OwnerMove, error) {
		if rec.OwnerID == nil {
			return nil, crm.Errorf(crm.ECONFLICT, "This %s is in the pool already.", r.Kind)
		}
		if *rec.OwnerID != v.UserID && !managesOwner(v, rec) {
			return nil, crm.Errorf(crm.EFORBIDDEN, "Only its owner or their manager can release it.")
		}
		limits, err := p.cfg.Store.PoolLimits(ctx, rec.OwnerTeamID)
		m := &crm.OwnerMove{Action: crm.MoveRelease, Reason: reason, Cooldown: cooldown(limits, now)}
		return m, err
	})
}

// Assign gives a record to a rep (分配 from the pool, 转移 from another
// owner), for an admin, or a manager within their team. The rep's cap
// applies. EFORBIDDEN, ECONFLICT, ENOTFOUND.
func (p *Pool) Assign(ctx context.Context, v crm.Viewer, r crm.Ref, to int64, reason string) error {
	if v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
		return crm.Errorf(crm.EFORBIDDEN, "Only a manager or an administrator can assign or transfer.")
	}
	return p.move(ctx, v, r, func(ctx context.Context, rec *crm.PoolRecord, now time.Time) (*crm.OwnerMove, error) {
		m := &crm.OwnerMove{Action: crm.MoveAssign, To: &to, Reason: reason}
		if rec.OwnerID != nil {
			if *rec.OwnerID == to {
				return nil, crm.Errorf(crm.ECONFLICT, "This user owns it already.")
			}
			if *rec.OwnerID != v.UserID && !managesOwner(v, rec) {
				return nil, crm.Errorf(crm.ENOTFOUND, "Record not found.")
			}
			m.Action = crm.MoveTransfer
		}
		return m, p.checkTaker(ctx, v, rec, to, false, now)
	})
}

// SetOwner is the one door for an owner sent with a record (PATCH
// owner_id): it becomes a claim, a release, an assignment or a transfer,
// under the same rules. Unchanged is a no-op.
func (p *Pool) SetOwner(ctx context.Context, v crm.Viewer, r crm.Ref, old, to *int64, reason string) error {
	switch {
	case sameOwner(old, to):
		return nil
	case to == nil:
		if reason == "" {
			reason = "owner removed"
		}
		return p.Release(ctx, v, r, reason)
	case old == nil && *to == v.UserID && v.Role == crm.RoleRep:
		return p.Claim(ctx, v, r)
	}
	return p.Assign(ctx, v, r, *to, reason)
}

// move runs one ownership change in a transaction: decide reads the record
// and says what to do, then the move is written and audited.
func (p *Pool) move(ctx context.Context, v crm.Viewer, r crm.Ref, decide func(context.Context, *crm.PoolRecord, time.Time) (*crm.OwnerMove, error)) error {
	return p.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		rec, err := p.cfg.Store.PoolRecord(ctx, r)
		if err != nil {
			return err
		}
		now := p.cfg.Now()
		m, err := decide(ctx, rec, now)
		if err != nil {
			return err
		}
		actor := v.UserID
		m.Ref, m.At, m.ActorID = r, now, &actor
		if m.To == nil && rec.OwnerTeamID != nil {
			m.PoolTeam = rec.OwnerTeamID // a released record stays with its team's pool
		}
		if err := p.cfg.Store.MoveOwner(ctx, *m); err != nil {
			return err
		}
		return p.audit(ctx, &actor, r, m.Action, moveDetail(rec, m))
	})
}

func moveDetail(rec *crm.PoolRecord, m *crm.OwnerMove) string {
	s := fmt.Sprintf("%s %q: owner %s → %s", m.Action, rec.Name, idText(rec.OwnerID), idText(m.To))
	if m.Reason != "" {
		s += "; reason: " + m.Reason
	}
	return s
}

func idText(id *int64) string {
	if id == nil {
		return "pool"
	}
	return fmt.Sprintf("user %d", *id)
}

func sameOwner(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// managesOwner: an admin, or a manager of the record's owner's team.
func managesOwner(v crm.Viewer, rec *crm.PoolRecord) bool {
	return v.SeesAll() || (v.Role == crm.RoleManager && rec.OwnerTeamID != nil && *rec.OwnerTeamID == v.TeamID)
}
