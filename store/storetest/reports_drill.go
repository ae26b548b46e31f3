package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// testOrdersBehindFigures: the order list filtered as a sales figure's
// drill-down (product, category, region, level) holds the orders that
// figure counts, for the viewer who saw it.
func testOrdersBehindFigures(t *testing.T, r *reportWorld) {
	march, end := day(3, 1), day(3, 31)
	numbers := func(u *crm.User, f crm.OrderFilter) []string {
		f.Viewer, f.Sold, f.From, f.To = u.Viewer(), true, &march, &end
		l, err := r.s.ListOrders(ctx, f)
		must(t, err)
		out := []string{}
		for _, o := range l.Items {
			out = append([]string{o.Number}, out...) // oldest first
		}
		return out
	}
	same(t, "product P1", numbers(r.admin, crm.OrderFilter{ProductID: &r.p1.ID}), []string{"O1", "O3"})
	same(t, "product P1 as rep a1", numbers(r.repA1, crm.OrderFilter{ProductID: &r.p1.ID}), []string{"O1"})
	same(t, "category cables", numbers(r.admin, crm.OrderFilter{Category: "cables"}), []string{"O2"})
	same(t, "region 华南", numbers(r.admin, crm.OrderFilter{Region: "华南"}), []string{"O1", "O2"})
	same(t, "region 华南 as manager B", numbers(r.mgrB, crm.OrderFilter{Region: "华南"}), []string{})
	same(t, "level B", numbers(r.admin, crm.OrderFilter{Level: "B"}), []string{"O3"})
}

// testLeadsBehindFigures: the lead list filtered as a funnel figure's
// drill-down (created in the period, by source, converted) holds the leads
// that figure counts, for the viewer who saw it.
func testLeadsBehindFigures(t *testing.T, r *reportWorld) {
	lead := func(name string, owner *crm.User, src crm.LeadSource) *crm.Lead {
		l := &crm.Lead{Name: name, Source: src, OwnerID: ptr(owner.ID)}
		must(t, r.s.CreateLead(ctx, l))
		return l
	}
	l1 := lead("L1", r.repA1, crm.LeadSource{Channel: "webform", Form: "contact", UTMCampaign: "spring"})
	lead("L2", r.repA1, crm.LeadSource{Channel: "wechat", Campaign: "expo"})
	lead("L3", r.repB, crm.LeadSource{Channel: "webform", Form: "contact"})
	_, err := r.s.(crm.LeadConverter).ConvertLead(ctx, crm.System, l1.ID, crm.LeadConversion{CustomerID: &r.cA.ID})
	must(t, err)
	now := time.Now()
	from, to := now.Add(-time.Hour), now.Add(time.Hour)
	names := func(u *crm.User, f crm.LeadFilter) []string {
		f.Viewer = u.Viewer()
		if f.CreatedFrom == nil {
			f.CreatedFrom, f.CreatedTo = &from, &to
		}
		l, err := r.s.ListLeads(ctx, f)
		must(t, err)
		out := []string{}
		for _, x := range l.Items {
			out = append([]string{x.Name}, out...)
		}
		return out
	}
	same(t, "webform", names(r.admin, crm.LeadFilter{Channel: "webform"}), []string{"L1", "L3"})
	same(t, "webform as rep a1", names(r.repA1, crm.LeadFilter{Channel: "webform"}), []string{"L1"})
	same(t, "form contact, converted", names(r.admin, crm.LeadFilter{Form: "contact", Converted: true}), []string{"L1"})
	same(t, "utm spring", names(r.admin, crm.LeadFilter{UTMCampaign: "spring"}), []string{"L1"})
	same(t, "qr scene expo", names(r.admin, crm.LeadFilter{QRScene: "expo"}), []string{"L2"})
	past := now.Add(-48 * time.Hour)
	same(t, "created before", names(r.admin, crm.LeadFilter{CreatedFrom: &past, CreatedTo: &from}), []string{})
}

// convsBehind counts the inbox list filtered as a service figure's drill
// (March, UTC days) for u, every status.
func (r *reportWorld) convsBehind(t *testing.T, u *crm.User, channel string, d crm.InboxDrill) int {
	t.Helper()
	from, to := day(3, 1).Time(), day(4, 1).Time()
	if d.From == nil {
		d.From, d.To = &from, &to
	}
	p, err := r.s.(crm.InboxStore).Inbox(ctx, crm.InboxQuery{Viewer: u.Viewer(), Channel: channel, Drill: d, Limit: 100})
	must(t, err)
	return len(p.Items)
}

// checkServiceDrills: each service figure of testServiceReport's world has
// as many conversations behind it as it counts.
func (r *reportWorld) checkServiceDrills(t *testing.T) {
	n := func(u *crm.User, channel string, d crm.InboxDrill) int { return r.convsBehind(t, u, channel, d) }
	march31 := day(3, 31).Time()
	same(t, "wechat conversations", n(r.admin, crm.ChannelWeChat, crm.InboxDrill{}), 2)
	same(t, "answered (first-response samples)", n(r.admin, "", crm.InboxDrill{Answered: true}), 3)
	same(t, "resolved (resolution samples)", n(r.admin, "", crm.InboxDrill{Resolved: true}), 2)
	same(t, "unanswered", n(r.admin, "", crm.InboxDrill{Waiting: true}), 1)
	same(t, "overdue", n(r.admin, "", crm.InboxDrill{WaitingBefore: &march31}), 1)
	same(t, "rep a1's", n(r.admin, "", crm.InboxDrill{AssigneeID: &r.repA1.ID}), 2)
	same(t, "team B's", n(r.admin, "", crm.InboxDrill{AssigneeTeamID: &r.teamB.ID}), 2)
	same(t, "rep a1 sees own", n(r.repA1, "", crm.InboxDrill{}), 2)
	same(t, "bot answers", n(r.admin, "", crm.InboxDrill{On: crm.DrillAnswer}), 2)
	same(t, "bot answers as rep a1", n(r.repA1, "", crm.InboxDrill{On: crm.DrillAnswer}), 1)
	same(t, "no hand-offs", n(r.admin, "", crm.InboxDrill{On: crm.DrillHandoff}), 0)
	april := day(4, 1).Time()
	same(t, "nothing opened in April", n(r.admin, "", crm.InboxDrill{From: &april, To: &april}), 0)
}

// testWorkloadListsBehindFigures: the customer, task and payment lists
// filtered as a workload figure's drill-down (created, completed or paid
// in the period, of the rep) hold the records that figure counts, for the
// viewer who saw it.
func testWorkloadListsBehindFigures(t *testing.T, r *reportWorld) {
	now := time.Now()
	from, to, past := now.Add(-time.Hour), now.Add(time.Hour), now.Add(-48*time.Hour)
	customers := func(f crm.CustomerFilter) int {
		f.Viewer = r.admin.Viewer()
		l, err := r.s.ListCustomers(ctx, f)
		must(t, err)
		return len(l.Items)
	}
	same(t, "customers of a1 created now", customers(crm.CustomerFilter{OwnerID: &r.repA1.ID, CreatedFrom: &from, CreatedTo: &to}) > 0, true)
	same(t, "customers created before", customers(crm.CustomerFilter{CreatedFrom: &past, CreatedTo: &from}), 0)

	done := &crm.Task{Title: "已办", AssigneeID: ptr(r.repA1.ID), Status: crm.TaskDone}
	must(t, r.s.CreateTask(ctx, done))
	must(t, r.s.CreateTask(ctx, &crm.Task{Title: "未办", AssigneeID: ptr(r.repA1.ID)}))
	tasks := func(u *crm.User, f crm.TaskFilter) int {
		f.Viewer = u.Viewer()
		l, err := r.s.ListTasks(ctx, f)
		must(t, err)
		return len(l.Items)
	}
	same(t, "tasks of a1 done now", tasks(r.admin, crm.TaskFilter{AssigneeID: &r.repA1.ID, CompletedFrom: &from, CompletedTo: &to}), 1)
	same(t, "tasks done now as manager B", tasks(r.mgrB, crm.TaskFilter{CompletedFrom: &from, CompletedTo: &to}), 0)
	same(t, "tasks done before", tasks(r.admin, crm.TaskFilter{CompletedFrom: &past, CompletedTo: &from}), 0)

	paid := func(order *crm.Order, at time.Time) {
		must(t, r.s.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: order.ID, Amount: 10, Method: crm.MethodBank, PaidAt: at}))
	}
	paid(r.o1, time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC))
	paid(r.o1, time.Date(2026, 2, 5, 10, 0, 0, 0, time.UTC))
	paid(r.o3, time.Date(2026, 3, 6, 10, 0, 0, 0, time.UTC))
	march, april := day(3, 1).Time(), day(4, 1).Time()
	payments := func(u *crm.User, owner *int64) int {
		l, err := r.s.ListPayments(ctx, crm.PaymentFilter{Viewer: u.Viewer(), OwnerID: owner, PaidFrom: &march, PaidTo: &april})
		must(t, err)
		return len(l.Items)
	}
	same(t, "payments of a1 in March", payments(r.admin, &r.repA1.ID), 1)
	same(t, "payments in March", payments(r.admin, nil), 2)
	same(t, "payments in March as manager B", payments(r.mgrB, nil), 1)
}
