package pool_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestCapOnEveryPath: each door that gives a rep a record stops at the
// rep's cap with 409 "cap N reached", and changes nothing.
func TestCapOnEveryPath(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.must(e.db.SetPoolLimits(ctx, crm.PoolLimits{LeadCap: 2, CustomerCap: 1}))
		e.lead("held 1", e.repA1)
		e.lead("held 2", e.repA1)
		c1 := e.customer("held customer", "B", e.repA1)
		_ = c1
		doors := []struct {
			name string
			do   func(r crm.Ref) error
			kind string
		}{
			{"claim lead", func(r crm.Ref) error { return e.pool.Claim(ctx, e.repA1, r) }, crm.RefLead},
			{"claim customer", func(r crm.Ref) error { return e.pool.Claim(ctx, e.repA1, r) }, crm.RefCustomer},
			{"assign", func(r crm.Ref) error { return e.pool.Assign(ctx, e.mgrA, r, e.repA1.UserID, "") }, crm.RefLead},
			{"transfer", func(r crm.Ref) error {
				e.must(e.pool.Assign(ctx, e.admin, r, e.repA2.UserID, ""))
				return e.pool.Assign(ctx, e.mgrA, r, e.repA1.UserID, "")
			}, crm.RefLead},
			{"PATCH owner_id by the rep", func(r crm.Ref) error {
				return e.pool.SetOwner(ctx, e.repA1, r, nil, &e.repA1.UserID, "")
			}, crm.RefLead},
		}
		for _, d := range doors {
			t.Run(d.name, func(t *testing.T) {
				e.t = t
				r := e.lead("pool lead "+d.name, crm.Viewer{})
				if d.kind == crm.RefCustomer {
					r = e.customer("pool customer "+d.name, "B", crm.Viewer{})
				}
				before := e.owner(r)
				err := d.do(r)
				e.wantCode(err, crm.ECONFLICT)
				if !strings.Contains(crm.ErrorMessage(err), "Cap ") || !strings.Contains(crm.ErrorMessage(err), " reached") {
					t.Fatalf("message %q does not say the cap", crm.ErrorMessage(err))
				}
				if after := e.owner(r); after == e.repA1.UserID && before != after {
					t.Fatal("the record moved to the rep over the cap")
				}
			})
		}
	})
}

// TestClaimUntilCap: a rep under cap 3 claims three pool leads, the fourth
// is refused (the known bug: ClaimLead ignored the cap).
func TestClaimUntilCap(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.must(e.db.SetPoolLimits(ctx, crm.PoolLimits{LeadCap: 3}))
		for i := range 4 {
			err := e.pool.Claim(ctx, e.repA1, e.lead("pool", crm.Viewer{}))
			if i < 3 {
				e.must(err)
			} else {
				e.wantCode(err, crm.ECONFLICT)
			}
		}
	})
}

// TestDailyLimitAndCooldown: the daily claim limit resets at midnight in
// Shanghai; an ex-owner waits the cooldown after a release or a reclaim.
func TestDailyLimitAndCooldown(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.must(e.db.SetPoolLimits(ctx, crm.PoolLimits{DailyClaims: 2, CooldownDays: 7}))
		a, b, c := e.lead("a", crm.Viewer{}), e.lead("b", crm.Viewer{}), e.lead("c", crm.Viewer{})
		e.must(e.pool.Claim(ctx, e.repA1, a))
		e.must(e.pool.Claim(ctx, e.repA1, b))
		e.wantCode(e.pool.Claim(ctx, e.repA1, c), crm.ECONFLICT)
		e.clock.Set(t0.Add(15 * hour)) // 00:00 the next day in Shanghai
		e.must(e.pool.Claim(ctx, e.repA1, c))

		e.wantCode(e.pool.Release(ctx, e.repA1, a, ""), crm.EINVALID)
		e.must(e.pool.Release(ctx, e.repA1, a, "not interested"))
		e.clock.Set(t0.Add(2 * day))
		e.wantCode(e.pool.Claim(ctx, e.repA1, a), crm.ECONFLICT)
		e.must(e.pool.Claim(ctx, e.repA2, a)) // anyone else may
		e.must(e.pool.Release(ctx, e.repA2, a, "wrong region"))
		e.clock.Set(t0.Add(15*hour + 7*day))
		e.must(e.pool.Claim(ctx, e.repA1, a)) // the first ex-owner's week is over
	})
}

// TestManagerRights: a manager assigns within the team only; a rep cannot
// assign or release someone else's record; a team pool is its team's.
func TestManagerRights(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		r := e.lead("x", crm.Viewer{})
		e.wantCode(e.pool.Assign(ctx, e.mgrA, r, e.repB.UserID, ""), crm.EFORBIDDEN)
		e.wantCode(e.pool.Assign(ctx, e.repA1, r, e.repA2.UserID, ""), crm.EFORBIDDEN)
		e.must(e.pool.Assign(ctx, e.admin, r, e.repB.UserID, "export lead"))
		e.wantCode(e.pool.Release(ctx, e.repA1, r, "mine now"), crm.EFORBIDDEN)
		e.wantCode(e.pool.Claim(ctx, e.repA1, r), crm.ECONFLICT)

		e.rule(crm.PoolRule{Kind: crm.RefLead, IdleDays: 5, ToTeamPool: true})
		own := e.lead("team A's", e.repA1)
		e.sweepAt(5 * day)
		e.wantCode(e.pool.Claim(ctx, e.repB, own), crm.EFORBIDDEN)
		e.must(e.pool.Claim(ctx, e.repA2, own))
		audit, err := e.db.AuditOf(ctx, own, 10)
		e.must(err)
		if len(audit) < 2 || audit[0].Action != "lead.claim" || audit[1].Action != "lead.reclaim" {
			t.Fatalf("audit = %+v, want the claim after the reclaim", audit)
		}
	})
}

// TestRoundRobinObeysPoolCap: the team's round robin allows 10 open leads
// a rep, the pool's cap 1: each rep gets one, then new leads stay
// unassigned.
func TestRoundRobinObeysPoolCap(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.must(e.db.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: e.teamA, LeadCap: 10}))
		e.must(e.db.SetPoolLimits(ctx, crm.PoolLimits{TeamID: &e.teamA, LeadCap: 1}))
		var got []int64
		for range 3 {
			owner, err := e.db.NextAssignee(ctx, e.teamA)
			e.must(err)
			if owner == nil {
				got = append(got, 0)
				continue
			}
			got = append(got, *owner)
			e.lead("assigned", crm.Viewer{UserID: *owner})
		}
		if want := []int64{e.repA1.UserID, e.repA2.UserID, 0}; !slices.Equal(got, want) {
			t.Fatalf("round robin gave %v, want %v", got, want)
		}
	})
}
