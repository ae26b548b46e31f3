package care_test

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
)

// The bell's sources, each due for its owner; an answered follow-up drops
// out; an overdue one is escalated to the team's manager once.
func TestRemindersAndEscalation(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := newWorld(t, e, care.Config{EscalateAfterDays: 3})
			now := local(2027, 3, 10, 12)
			w.clock.Set(now)
			team := &crm.Team{Name: "华南"}
			must(t, w.db.CreateTeam(ctx, team))
			w.rep.TeamID = &team.ID
			must(t, w.db.UpdateUser(ctx, w.rep))
			boss := &crm.User{Email: "boss@us.example", Role: crm.RoleManager, TeamID: &team.ID}
			must(t, w.db.CreateUser(ctx, boss))
			_, svc := w.service(t, w.db, care.Config{EscalateAfterDays: 3, Reminders: w.db})
			k := w.contact(t, "王小明", "")
			onCust := []crm.Ref{{Kind: crm.RefCustomer, ID: w.cust.ID}}
			onContact := []crm.Ref{{Kind: crm.RefContact, ID: k.ID}}
			late, soon := now.Add(-5*24*time.Hour), now.Add(-time.Hour)
			fLate := &crm.FollowUp{Method: crm.FollowCall, At: late.Add(-time.Hour), UserID: w.rep.ID, Refs: onCust,
				NextStep: "报价", NextAt: &late}
			fSoon := &crm.FollowUp{Method: crm.FollowCall, At: late, UserID: w.rep.ID, Refs: onContact,
				NextStep: "回电", NextAt: &soon}
			must(t, w.db.CreateFollowUp(ctx, fLate))
			must(t, w.db.CreateFollowUp(ctx, fSoon))
			due := now.Add(2 * time.Hour)
			task := &crm.Task{Title: "寄样品", DueAt: &due, AssigneeID: &w.rep.ID}
			must(t, w.db.CreateTask(ctx, task))
			end := crm.Date{Year: 2027, Month: 3, Day: 20}
			contract := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-9", CustomerID: w.cust.ID, Amount: 300,
				Currency: "CNY", Status: crm.OrderActive, EndDate: &end, OwnerID: &w.rep.ID}
			must(t, w.db.CreateOrder(ctx, contract))
			must(t, w.db.CreatePaymentPlan(ctx, crm.System, &crm.PaymentPlan{OrderID: contract.ID, Instalment: 1,
				DueDate: crm.Date{Year: 2027, Month: 3, Day: 9}, Amount: 100}))
			must(t, w.db.CreatePaymentPlan(ctx, crm.System, &crm.PaymentPlan{OrderID: contract.ID, Instalment: 2,
				DueDate: crm.Date{Year: 2027, Month: 4, Day: 9}, Amount: 200}))
			conv := w.conv(t, k, crm.ChannelEmail, "1", now.Add(-48*time.Hour))
			wake := now.Add(-time.Minute)
			_, err := w.db.SetStatus(ctx, crm.System, conv.ID, crm.ConvSnoozed, &wake)
			must(t, err)

			eod := local(2027, 3, 11, 0)
			kinds := func() map[string]int {
				rs, err := w.db.Reminders(ctx, crm.ReminderQuery{OwnerID: w.rep.ID, Before: eod, Zone: shanghai})
				must(t, err)
				out := map[string]int{}
				for _, r := range rs {
					out[r.Kind]++
				}
				return out
			}
			want := map[string]int{crm.RemindFollowUp: 2, crm.RemindTask: 1, crm.RemindInstalment: 1,
				crm.RemindContractEnd: 1, crm.RemindSnooze: 1}
			if got := kinds(); !sameCounts(got, want) {
				t.Errorf("reminders %v, want %v", got, want)
			}
			l, err := w.db.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: crm.System, NextBefore: &now})
			must(t, err)
			if len(l.Items) != 2 {
				t.Errorf("next_before: %d follow-ups, want 2", len(l.Items))
			}

			for range 2 { // a second run (or instance) escalates nothing more
				must(t, svc.Escalate(ctx, now))
			}
			tasks, err := w.db.ListTasks(ctx, crm.TaskFilter{Viewer: crm.System, AssigneeID: &boss.ID})
			must(t, err)
			if len(tasks.Items) != 1 {
				t.Fatalf("manager has %d tasks, want 1 (the 5-day-late follow-up only)", len(tasks.Items))
			}

			// A later follow-up on the customer answers the late one.
			must(t, w.db.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowVisit, At: now, UserID: w.rep.ID, Refs: onCust}))
			want[crm.RemindFollowUp] = 1
			if got := kinds(); !sameCounts(got, want) {
				t.Errorf("after the answer: reminders %v, want %v", got, want)
			}
		})
	}
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
