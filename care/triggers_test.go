package care_test

import (
	"testing"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
)

func day(y, m, d int) *crm.Date { return &crm.Date{Year: y, Month: m, Day: d} }

// Each trigger, previewed over 2027 from 1 January: the dates it fires.
func TestTriggersPreviewDates(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := newWorld(t, e, care.Config{})
			k := w.contact(t, "王小明", "1980-07-04")
			w.conv(t, k, crm.ChannelEmail, "1", local(2026, 12, 1, 9))
			order := func(kind, number string, signed, end *crm.Date, status string) *crm.Order {
				o := &crm.Order{Kind: kind, Number: number, CustomerID: w.cust.ID, Amount: 1000, Currency: "CNY",
					CustomerSignerID: &k.ID, Status: status, SignedDate: signed, EndDate: end}
				must(t, w.db.CreateOrder(ctx, o))
				return o
			}
			first := order(crm.OrderKindOrder, "SO-1", day(2025, 5, 20), nil, crm.OrderCompleted)
			order(crm.OrderKindOrder, "SO-2", day(2026, 11, 2), nil, crm.OrderCompleted)
			order(crm.OrderKindOrder, "SO-X", day(2026, 12, 30), nil, crm.OrderCancelled) // not a purchase
			c := order(crm.OrderKindContract, "HT-1", day(2026, 12, 15), day(2027, 6, 30), crm.OrderActive)
			must(t, w.db.CreatePaymentPlan(ctx, crm.System, &crm.PaymentPlan{OrderID: c.ID, Instalment: 1,
				DueDate: *day(2027, 3, 1), Amount: 500}))
			must(t, w.db.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: first.ID, Amount: 1000,
				Method: "bank", PaidAt: local(2027, 1, 3, 23)})) // 3 January in Shanghai, the 3rd 15:00 UTC
			for _, c := range []struct {
				trigger crm.CareTrigger
				want    []string
			}{
				{crm.CareTrigger{Kind: crm.CareBirthday}, []string{"2027-07-04"}},
				{crm.CareTrigger{Kind: crm.CareYearlyDate, Month: 10, Day: 1}, []string{"2027-10-01"}},
				{crm.CareTrigger{Kind: crm.CareSpringFestival}, []string{"2027-02-06"}},
				{crm.CareTrigger{Kind: crm.CareMidAutumn}, []string{"2027-09-15"}},
				{crm.CareTrigger{Kind: crm.CareFirstOrderDay}, []string{"2027-05-20"}},
				{crm.CareTrigger{Kind: crm.CareAfterSigned, Days: 30}, []string{"2027-01-14"}},
				{crm.CareTrigger{Kind: crm.CareAfterPayment, Days: 1}, []string{"2027-01-04"}},
				{crm.CareTrigger{Kind: crm.CareBeforeEnd, Days: 60}, []string{"2027-05-01"}},
				{crm.CareTrigger{Kind: crm.CareBeforeDue, Days: 7}, []string{"2027-02-22"}},
				{crm.CareTrigger{Kind: crm.CareNoOrder, Days: 180}, []string{"2027-06-13"}}, // the contract of 15 December was the last sale
			} {
				p := &crm.CarePlan{Name: c.trigger.Kind, Action: crm.CareActionSend, Trigger: c.trigger,
					Texts: map[string]crm.CareText{"zh-CN": {Text: "{{contact.name}} {{event.date}}"}}}
				items, err := w.care.Preview(ctx, p, 365)
				must(t, err)
				got := []string{}
				for _, it := range items {
					got = append(got, it.OccursOn.String())
				}
				if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
					t.Errorf("%s: %v, want %v", c.trigger.Kind, got, c.want)
				}
			}
		})
	}
}
