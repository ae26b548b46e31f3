package pool_test

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestFrozenCap: a rep may hold frozen_cap frozen records; one more is
// refused with 409 and nothing changes; re-dating a freeze is not one
// more; an unfrozen or expired freeze frees its place.
func TestFrozenCap(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.must(e.db.SetPoolLimits(ctx, crm.PoolLimits{FrozenCap: 1}))
		a, b := e.lead("甲", e.repA1), e.lead("乙", e.repA1)
		c := e.customer("丙公司", "A", e.repA1)
		until := t0.Add(10 * day)
		e.must(e.pool.Freeze(ctx, e.mgrA, a, &until, "tender"))
		e.wantCode(e.pool.Freeze(ctx, e.mgrA, b, &until, "tender"), crm.ECONFLICT)
		e.wantCode(e.pool.Freeze(ctx, e.admin, c, &until, "tender"), crm.ECONFLICT) // leads and customers together
		if rec, err := e.db.PoolRecord(ctx, b); err != nil || rec.State.FrozenUntil != nil {
			t.Fatalf("a refused freeze changed the record: %+v %v", rec, err)
		}
		later := t0.Add(20 * day)
		e.must(e.pool.Freeze(ctx, e.mgrA, a, &later, "tender extended"))
		// Another rep's cap is their own.
		d := e.lead("丁", e.repA2)
		e.must(e.pool.Freeze(ctx, e.mgrA, d, &until, "tender"))
		// Unfreezing frees the place.
		e.must(e.pool.Freeze(ctx, e.mgrA, a, nil, ""))
		e.must(e.pool.Freeze(ctx, e.mgrA, b, &until, "tender"))
		// So does the end of a freeze.
		e.clock.Set(until.Add(hour))
		later = until.Add(10 * day)
		e.must(e.pool.Freeze(ctx, e.mgrA, c, &later, "tender"))
		// A team's limits replace the default pool's for its reps.
		e.must(e.db.SetPoolLimits(ctx, crm.PoolLimits{TeamID: &e.teamA, FrozenCap: 2}))
		e.must(e.pool.Freeze(ctx, e.mgrA, a, &later, "tender"))
		e.wantCode(e.pool.Freeze(ctx, e.mgrA, b, &later, "tender"), crm.ECONFLICT)
		e.wantCode(e.db.SetPoolLimits(ctx, crm.PoolLimits{FrozenCap: -1}), crm.EINVALID)
	})
}
