package pool_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// step moves the clock to t0+at, does act (if any), runs the sweep and
// checks whether the record is still owned.
type step struct {
	at    time.Duration
	act   func(e *env, r crm.Ref)
	owned bool
}

type reclaimCase struct {
	name  string
	rules func(e *env) []crm.PoolRule
	make  func(e *env) crm.Ref // at t0, owned by repA1
	steps []step
}

func defaultRule(kind string, idle, noDeal int) func(e *env) []crm.PoolRule {
	return func(e *env) []crm.PoolRule {
		return []crm.PoolRule{{Kind: kind, IdleDays: idle, NoDealDays: noDeal}}
	}
}

func aLead(e *env) crm.Ref { return e.lead("张伟", e.repA1) }
func aCustomer(level string) func(e *env) crm.Ref {
	return func(e *env) crm.Ref { return e.customer("深圳华通 "+level, level, e.repA1) }
}

func followUp(e *env, r crm.Ref) { e.followUp(r, e.repA1) }

func completeTask(e *env, r crm.Ref) {
	tk := &crm.Task{Title: "call back", AssigneeID: &e.repA1.UserID, Refs: []crm.Ref{r}}
	e.must(e.db.CreateTask(ctx, tk))
	tk.Status = crm.TaskDone
	e.must(e.db.UpdateTask(ctx, e.repA1, tk))
}

func freezeUntil(d time.Duration) func(e *env, r crm.Ref) {
	return func(e *env, r crm.Ref) {
		until := t0.Add(d)
		e.must(e.pool.Freeze(ctx, e.mgrA, r, &until, "long tender, owner keeps it"))
	}
}

func order(kind, status string) func(e *env, r crm.Ref) {
	return func(e *env, r crm.Ref) {
		e.must(e.db.CreateOrder(ctx, &crm.Order{Kind: kind, Number: fmt.Sprintf("%s-%d", kind, r.ID), CustomerID: r.ID, Currency: "CNY",
			Status: status, Amount: 100}))
	}
}

var reclaimCases = []reclaimCase{
	{"idle lead reclaimed on the day", defaultRule(crm.RefLead, 10, 0), aLead, []step{
		{10*day - time.Minute, nil, true}, {10 * day, nil, false}}},
	{"a follow-up moves the idle date", defaultRule(crm.RefLead, 10, 0), aLead, []step{
		{5 * day, followUp, true}, {14 * day, nil, true}, {15 * day, nil, false}}},
	{"a completed task counts as following up", defaultRule(crm.RefLead, 10, 0), aLead, []step{
		{6 * day, completeTask, true}, {15 * day, nil, true}, {16 * day, nil, false}}},
	{"no-deal ignores follow-ups", defaultRule(crm.RefCustomer, 0, 20), aCustomer("B"), []step{
		{5 * day, followUp, true}, {15 * day, followUp, true}, {20 * day, nil, false}}},
	{"a won order stops no-deal", defaultRule(crm.RefCustomer, 0, 20), aCustomer("B"), []step{
		{3 * day, order(crm.OrderKindOrder, crm.OrderCompleted), true}, {100 * day, nil, true}}},
	{"a converted lead is never reclaimed", defaultRule(crm.RefLead, 10, 10), aLead, []step{
		{1 * day, func(e *env, r crm.Ref) {
			l, err := e.db.Lead(ctx, crm.System, r.ID)
			e.must(err)
			l.Status = crm.LeadConverted
			e.must(e.db.UpdateLead(ctx, crm.System, l))
		}, true}, {100 * day, nil, true}}},
	{"per level: A keeps 30 days", levelRules, aCustomer("A"), []step{
		{10 * day, nil, true}, {30 * day, nil, false}}},
	{"per level: C goes after 10", levelRules, aCustomer("C"), []step{
		{10*day - time.Second, nil, true}, {10 * day, nil, false}}},
	{"an active contract exempts", func(e *env) []crm.PoolRule {
		return []crm.PoolRule{{Kind: crm.RefCustomer, IdleDays: 10, ExemptActiveContract: true}}
	}, aCustomer("B"), []step{
		{1 * day, order(crm.OrderKindContract, crm.OrderActive), true}, {100 * day, nil, true}}},
	{"an open order exempts only when configured", defaultRule(crm.RefCustomer, 10, 0), aCustomer("B"), []step{
		{1 * day, order(crm.OrderKindOrder, crm.OrderActive), true}, {10 * day, nil, false}}},
	{"frozen until day 20, then the rules apply afresh", defaultRule(crm.RefLead, 10, 0), aLead, []step{
		{5 * day, freezeUntil(20 * day), true}, {15 * day, nil, true}, {29 * day, nil, true}, {30 * day, nil, false}}},
	{"unfrozen early: counted from the claim again", defaultRule(crm.RefLead, 10, 0), aLead, []step{
		{5 * day, freezeUntil(20 * day), true},
		{6 * day, func(e *env, r crm.Ref) { e.must(e.pool.Freeze(ctx, e.mgrA, r, nil, "")) }, true},
		{10 * day, nil, false}}},
	{"a team pool's rule beats the default", func(e *env) []crm.PoolRule {
		return []crm.PoolRule{{Kind: crm.RefLead, IdleDays: 30}, {Kind: crm.RefLead, IdleDays: 5, TeamID: &e.teamA}}
	}, aLead, []step{{5*day - time.Second, nil, true}, {5 * day, nil, false}}},
}

func levelRules(e *env) []crm.PoolRule {
	return []crm.PoolRule{{Kind: crm.RefCustomer, IdleDays: 10}, {Kind: crm.RefCustomer, Level: "A", IdleDays: 30}}
}

func TestReclaimRules(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) { runCases(t, e, reclaimCases) })
}

// runCases runs each case in e's database, with its rules alone.
func runCases(t *testing.T, e *env, cases []reclaimCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			for _, r := range e.rulesNow() {
				e.must(e.db.DeletePoolRule(ctx, r.ID))
			}
			for _, r := range c.rules(e) {
				e.rule(r)
			}
			e.clock.Set(t0)
			rec := c.make(e)
			for _, s := range c.steps {
				e.clock.Set(t0.Add(s.at))
				if s.act != nil {
					s.act(e, rec)
				}
				e.sweepAt(s.at)
				if owned := e.owner(rec) != 0; owned != s.owned {
					t.Fatalf("at day %.2f: owned = %v, want %v", s.at.Hours()/24, owned, s.owned)
				}
			}
		})
	}
}

func (e *env) rulesNow() []crm.PoolRule {
	rules, err := e.db.PoolRules(ctx)
	e.must(err)
	return rules
}
