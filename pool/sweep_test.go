package pool_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestWarningThenReclaim: the owner gets one warning task 3 days before,
// however often the sweep runs; the reclaim writes a follow-up entry that
// names the rule and dates, an audit entry, and starts the cooldown.
func TestWarningThenReclaim(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.must(e.db.SetPoolLimits(ctx, crm.PoolLimits{CooldownDays: 3}))
		rule := e.rule(crm.PoolRule{Kind: crm.RefLead, IdleDays: 10, WarnDays: 3})
		r := e.lead("王芳", e.repA1)
		for _, d := range []time.Duration{6 * day, 7 * day, 7*day + time.Hour, 8 * day} {
			e.sweepAt(d)
		}
		tasks := e.tasksOf(r)
		if len(tasks) != 1 || *tasks[0].AssigneeID != e.repA1.UserID || !tasks[0].DueAt.Equal(t0.Add(10*day).UTC()) {
			t.Fatalf("warning tasks = %+v, want one for the owner due on the reclaim date", tasks)
		}
		if !strings.Contains(tasks[0].Title, "2026-03-12") {
			t.Errorf("warning title %q does not say the date", tasks[0].Title)
		}
		// The same warning, once, for the notice sweep (WeChat or email).
		ns, err := e.db.ListUserNotices(ctx, e.repA1.UserID, 10)
		e.must(err)
		if len(ns) != 1 || ns[0].Kind != crm.NoticePoolWarning || ns[0].Title != tasks[0].Title ||
			ns[0].Link != "/leads/"+strconv.FormatInt(r.ID, 10) || ns[0].State != crm.DeliveryQueued {
			t.Fatalf("notices = %+v, want the warning once", ns)
		}
		e.sweepAt(10 * day)
		e.sweepAt(10*day + time.Minute)
		if e.owner(r) != 0 {
			t.Fatal("not reclaimed")
		}
		fs, err := e.db.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: crm.System, Ref: &r})
		e.must(err)
		if len(fs.Items) != 1 || !strings.Contains(fs.Items[0].Details, "no follow-up for 10 days") {
			t.Fatalf("follow-ups = %+v, want one reclaim entry with its reason", fs.Items)
		}
		l, err := e.db.Lead(ctx, crm.System, r.ID)
		e.must(err)
		if l.ReclaimAt != nil || l.OwnerID != nil {
			t.Fatalf("a pool lead shows a countdown: %+v", l.PoolState)
		}
		_ = rule
		e.wantCode(e.pool.Claim(ctx, e.repA1, r), crm.ECONFLICT)
		e.clock.Set(t0.Add(13*day + time.Minute))
		e.must(e.pool.Claim(ctx, e.repA1, r))
	})
}

// TestFreezeLeavesWarningList: a manager freezes a lead about to be
// reclaimed; it leaves the owner's "about to be reclaimed" list.
func TestFreezeLeavesWarningList(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.rule(crm.PoolRule{Kind: crm.RefLead, IdleDays: 10, WarnDays: 3})
		r := e.lead("李雷", e.repA1)
		e.clock.Set(t0.Add(8 * day))
		if n := len(e.aboutToGo(e.repA1)); n != 1 {
			t.Fatalf("about to be reclaimed: %d, want 1", n)
		}
		until := t0.Add(30 * day)
		e.wantCode(e.pool.Freeze(ctx, e.repA1, r, &until, "tender"), crm.EFORBIDDEN)
		e.wantCode(e.pool.Freeze(ctx, e.mgrA, r, &until, ""), crm.EINVALID)
		e.must(e.pool.Freeze(ctx, e.mgrA, r, &until, "tender until month end"))
		if n := len(e.aboutToGo(e.repA1)); n != 0 {
			t.Fatalf("a frozen lead is still about to be reclaimed")
		}
	})
}

func (e *env) aboutToGo(v crm.Viewer) []*crm.Lead {
	now := e.clock.Now()
	l, err := e.db.ListLeads(ctx, crm.LeadFilter{Viewer: v, OwnerID: &v.UserID,
		PoolFilter: crm.PoolFilter{WarnBefore: &now, Sort: crm.SortReclaim}})
	e.must(err)
	return l.Items
}

func (e *env) tasksOf(r crm.Ref) []*crm.Task {
	l, err := e.db.ListTasks(ctx, crm.TaskFilter{Viewer: crm.System, Ref: &r})
	e.must(err)
	return l.Items
}

// TestTwoInstancesReclaimOnce: two instances sweep one database at once;
// each due record is reclaimed once, with one follow-up entry and one
// warning.
func TestTwoInstancesReclaimOnce(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		e.rule(crm.PoolRule{Kind: crm.RefLead, IdleDays: 10, WarnDays: 2})
		e.rule(crm.PoolRule{Kind: crm.RefCustomer, IdleDays: 10, WarnDays: 2})
		var refs []crm.Ref
		for i := range 12 {
			refs = append(refs, e.lead("lead", e.repA1), e.customer("customer", "", e.repA2))
			_ = i
		}
		pools := []interface {
			Run(context.Context, time.Time) error
		}{e.pool, e.poolOn(e.another())}
		for _, d := range []time.Duration{8 * day, 9 * day, 10 * day, 11 * day} {
			e.clock.Set(t0.Add(d))
			var wg sync.WaitGroup
			for _, p := range pools {
				wg.Go(func() { e.must(p.Run(ctx, e.clock.Now())) })
			}
			wg.Wait()
		}
		for _, r := range refs {
			if e.owner(r) != 0 {
				t.Fatalf("%v not reclaimed", r)
			}
			fs, err := e.db.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: crm.System, Ref: &r})
			e.must(err)
			if len(fs.Items) != 1 || len(e.tasksOf(r)) != 1 {
				t.Fatalf("%v: %d reclaim entries and %d warnings, want one each", r, len(fs.Items), len(e.tasksOf(r)))
			}
		}
		for _, rep := range []crm.Viewer{e.repA1, e.repA2} {
			ns, err := e.db.ListUserNotices(ctx, rep.UserID, 100)
			e.must(err)
			if len(ns) != 12 {
				t.Fatalf("user %d has %d warning notices, want 12", rep.UserID, len(ns))
			}
		}
	})
}
