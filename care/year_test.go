package care_test

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
)

// A year of a birthday plan, a post-delivery plan and a contract-end plan,
// swept every six hours: exactly the expected occurrences, on the expected
// local dates, each once.
func TestYearOfPlans(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := newWorld(t, e, care.Config{})
			mar := w.contact(t, "王小明", "1980-03-15")
			leap := w.contact(t, "李四", "1992-02-29")
			eve := w.contact(t, "张三", "1975-12-31")
			signer := w.contact(t, "赵六", "")
			for _, k := range []*crm.Contact{mar, leap, eve, signer} {
				w.conv(t, k, crm.ChannelEmail, "1", local(2026, 12, 1, 9))
			}
			order := &crm.Order{Kind: crm.OrderKindOrder, Number: "SO-2027-001", CustomerID: w.cust.ID, Amount: 100,
				Currency: "CNY", CustomerSignerID: &signer.ID, Status: crm.OrderActive}
			must(t, w.db.CreateOrder(ctx, order))
			must(t, w.db.CreateDelivery(ctx, crm.System, &crm.Delivery{OrderID: order.ID, Date: crm.Date{Year: 2027, Month: 4, Day: 10}}))
			end := crm.Date{Year: 2027, Month: 9, Day: 30}
			contract := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-2026-007", CustomerID: w.cust.ID,
				Amount: 100, Currency: "CNY", CustomerSignerID: &mar.ID, Status: crm.OrderActive, EndDate: &end}
			must(t, w.db.CreateOrder(ctx, contract))

			bday := w.plan(t, crm.CarePlan{Name: "生日关怀", Trigger: crm.CareTrigger{Kind: crm.CareBirthday}})
			after := w.plan(t, crm.CarePlan{Name: "到货回访", Trigger: crm.CareTrigger{Kind: crm.CareAfterDelivery, Days: 3}})
			renew := w.plan(t, crm.CarePlan{Name: "续约提醒", Trigger: crm.CareTrigger{Kind: crm.CareBeforeEnd, Days: 30},
				Action: crm.CareActionTask, Texts: map[string]crm.CareText{"zh-CN": {Subject: "{{contract.end_date}} 到期",
					Text: "请联系 {{contact.name}} 续签 {{order.number}}"}}})

			w.sweepUntil(t, local(2027, 12, 31, 23), 6*time.Hour)

			got := w.occurrences(t)
			want := map[string]string{
				key(bday, mar, "2027-03-15"):     crm.CareStateQueued,
				key(bday, leap, "2027-02-28"):    crm.CareStateQueued, // no 29 February in 2027
				key(bday, eve, "2027-12-31"):     crm.CareStateQueued,
				key(after, signer, "2027-04-13"): crm.CareStateQueued,
				key(renew, mar, "2027-08-31"):    crm.CareStateTask,
			}
			if len(got) != len(want) {
				t.Errorf("%d occurrences, want %d: %v", len(got), len(want), keys(got))
			}
			for k, state := range want {
				o := got[k]
				switch {
				case o == nil:
					t.Errorf("no occurrence %s", k)
				case o.State != state:
					t.Errorf("%s: state %s (%s), want %s", k, o.State, o.Reason, state)
				case o.FollowUpID == nil:
					t.Errorf("%s: no follow-up", k)
				case state == crm.CareStateQueued && (o.MessageID == nil || o.Channel != crm.ChannelEmail):
					t.Errorf("%s: message %v on %q", k, o.MessageID, o.Channel)
				case state == crm.CareStateTask && o.TaskID == nil:
					t.Errorf("%s: no task", k)
				}
			}
			task, err := w.db.Task(ctx, crm.System, *got[key(renew, mar, "2027-08-31")].TaskID)
			must(t, err)
			if task.Title != "2027-09-30 到期" || task.AssigneeID == nil || *task.AssigneeID != w.rep.ID {
				t.Errorf("task %q for %v", task.Title, task.AssigneeID)
			}
		})
	}
}

func keys(m map[string]*crm.CareOccurrence) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	return out
}
