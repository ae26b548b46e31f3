package pool_test

import (
	"context"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestBatchOncePerOccurrence: writing a reclaim or warning batch a second
// time (a retry, another instance with a stale list) does nothing: the
// pool event's unique key skips each item recorded already.
func TestBatchOncePerOccurrence(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.rule(crm.PoolRule{Kind: crm.RefLead, IdleDays: 10, WarnDays: 2})
		e.rule(crm.PoolRule{Kind: crm.RefCustomer, IdleDays: 10, WarnDays: 2})
		l, c := e.lead("赵六", e.repA1), e.customer("华通", "", e.repB)
		e.clock.Set(t0.Add(8 * day))
		var warns []crm.PoolWarning
		e.must(e.db.WithTx(ctx, func(ctx context.Context) error {
			due, err := e.db.DueWarnings(ctx, e.clock.Now(), 10)
			for _, d := range due {
				warns = append(warns, crm.PoolWarning{Due: d, Title: "warn " + d.Name})
			}
			return err
		}))
		if len(warns) != 2 || warns[1].Due.OwnerTeamID == nil || *warns[1].Due.OwnerTeamID != e.teamB {
			t.Fatalf("due warnings = %+v, want the lead's and the customer's, with the owner's team", warns)
		}
		for i, want := range []int{2, 0} {
			done, err := e.db.WarnBatch(ctx, warns, e.clock.Now())
			e.must(err)
			if len(done) != want {
				t.Fatalf("warn batch %d: %d done, want %d", i, len(done), want)
			}
		}
		e.clock.Set(t0.Add(10 * day))
		due, err := e.db.DueReclaims(ctx, e.clock.Now(), 10)
		e.must(err)
		var items []crm.PoolReclaim
		for _, d := range due {
			items = append(items, crm.PoolReclaim{Due: d, Note: "reclaimed", Result: "reclaimed", Audit: "reclaimed"})
		}
		for i, want := range []int{2, 0} {
			done, err := e.db.ReclaimBatch(ctx, items, e.clock.Now())
			e.must(err)
			if len(done) != want {
				t.Fatalf("reclaim batch %d: %d done, want %d", i, len(done), want)
			}
		}
		for _, r := range []crm.Ref{l, c} {
			if e.owner(r) != 0 || len(e.tasksOf(r)) != 1 {
				t.Fatalf("%v: owner %d, %d warning tasks; want the pool and one", r, e.owner(r), len(e.tasksOf(r)))
			}
			fs, err := e.db.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: crm.System, Ref: &r})
			e.must(err)
			audit, err := e.db.AuditOf(ctx, r, 10)
			e.must(err)
			if len(fs.Items) != 1 || len(audit) != 1 || audit[0].Action != r.Kind+".reclaim" {
				t.Fatalf("%v: %d follow-ups, audit %+v; want one each", r, len(fs.Items), audit)
			}
			rec, err := e.db.PoolRecord(ctx, r)
			e.must(err)
			if rec.PrevOwnerID == nil || rec.State.ReclaimAt != nil || rec.State.WarnAt != nil {
				t.Fatalf("%v after reclaim: %+v", r, rec)
			}
		}
	})
}
