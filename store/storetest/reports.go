package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunReports checks the reports' figures on a small company whose sums are
// worked out by hand below, for each role.
func RunReports(t *testing.T, open Opener) {
	for _, tt := range []struct {
		name string
		fn   func(t *testing.T, r *reportWorld)
	}{
		{"Sales", testSalesReport},
		{"SalesPeriods", testSalesPeriods},
		{"Receivables", testReceivablesReport},
		{"Workload", testWorkloadReport},
		{"Funnel", testFunnelReport},
		{"Service", testServiceReport},
		{"BadQueries", testReportBadQueries},
		{"AuditQueue", testAuditQueue},
		{"RollupFollowsChanges", testRollupFollowsChanges},
		{"OrdersBehindFigures", testOrdersBehindFigures},
		{"ServiceSatisfaction", testServiceSatisfaction},
		{"LeadsBehindFigures", testLeadsBehindFigures},
		{"WorkloadListsBehindFigures", testWorkloadListsBehindFigures},
		{"WorkloadDrillLists", testWorkloadDrillLists},
		{"ReceivablesDrillLists", testReceivablesDrillLists},
		{"FunnelFirstOrderLists", testFunnelFirstOrderLists},
	} {
		t.Run("Reports/"+tt.name, func(t *testing.T) {
			s := open(t)
			rs, ok := s.(crm.ReportStore)
			if !ok {
				t.Fatal("the store does not implement crm.ReportStore")
			}
			tt.fn(t, seedReports(t, s, rs))
		})
	}
}

type reportWorld struct {
	*world
	s          crm.Store
	rs         crm.ReportStore
	cA, cB, d  *crm.Customer
	p1, p2     *crm.Product
	o1, o2, o3 *crm.Order
}

func day(m, d int) crm.Date { return crm.Date{Year: 2026, Month: m, Day: d} }

// seedReports: team A's rep a1 sells to customer A, team B's rep b to B.
//
//	O1 a1 03-02  P1 2×100 (cost 60) + "服务" 1×50   = 250, margin 80 on 200
//	O2 a1 03-20  P2 1×310 (no cost), via dealer D  = 310
//	O3 b  03-10  P1 1×100 (cost 60)                = 100, margin 40 on 100
//	O4 b  02-15  500 · O5 a1 03-05 cancelled 999 · O6 a1 2025-03-10 70
func seedReports(t *testing.T, s crm.Store, rs crm.ReportStore) *reportWorld {
	t.Helper()
	r := &reportWorld{world: newWorld(t, s), s: s, rs: rs}
	ps := productStore(t, s)
	cost := crm.Money(60)
	r.p1 = &crm.Product{SKU: "P1", Name: "传感器", Category: "sensors", ListPrice: 100, Cost: &cost, Active: true}
	r.p2 = &crm.Product{SKU: "P2", Name: "线缆", Category: "cables", ListPrice: 310, Active: true}
	must(t, ps.CreateProduct(ctx, r.p1))
	must(t, ps.CreateProduct(ctx, r.p2))
	r.cA = &crm.Customer{Name: "甲公司", OwnerID: ptr(r.repA1.ID), Region: "华南", Level: "A"}
	r.cB = &crm.Customer{Name: "乙公司", OwnerID: ptr(r.repB.ID), Region: "华东", Level: "B"}
	r.d = &crm.Customer{Name: "经销商丁", Kind: crm.KindDealer}
	for _, c := range []*crm.Customer{r.cA, r.cB, r.d} {
		must(t, s.CreateCustomer(ctx, c))
	}
	order := func(n string, c *crm.Customer, owner *crm.User, d crm.Date, status string, amount crm.Money, items ...crm.LineItem) *crm.Order {
		o := &crm.Order{Number: n, CustomerID: c.ID, OwnerID: ptr(owner.ID), OrderDate: &d, Status: status,
			Amount: amount, Items: items}
		must(t, s.CreateOrder(ctx, o))
		return o
	}
	r.o1 = order("O1", r.cA, r.repA1, day(3, 2), crm.OrderActive, 0,
		crm.LineItem{ProductID: &r.p1.ID, Quantity: 2, UnitPrice: 100}, crm.LineItem{Product: "服务", Quantity: 1, UnitPrice: 50})
	r.o2 = &crm.Order{Number: "O2", CustomerID: r.cA.ID, OwnerID: ptr(r.repA1.ID), OrderDate: ptr(day(3, 20)),
		Status: crm.OrderCompleted, DealerID: &r.d.ID, Items: []crm.LineItem{{ProductID: &r.p2.ID, Quantity: 1, UnitPrice: 310}}}
	must(t, s.CreateOrder(ctx, r.o2))
	r.o3 = order("O3", r.cB, r.repB, day(3, 10), crm.OrderActive, 0, crm.LineItem{ProductID: &r.p1.ID, Quantity: 1, UnitPrice: 100})
	order("O4", r.cB, r.repB, day(2, 15), crm.OrderActive, 500)
	order("O5", r.cA, r.repA1, day(3, 5), crm.OrderCancelled, 999)
	order("O6", r.cA, r.repA1, crm.Date{Year: 2025, Month: 3, Day: 10}, crm.OrderActive, 70)
	// The suites read the figures from the rollup; RollupFollowsChanges
	// checks it against the orders.
	_, err := rs.RefreshReportRollups(ctx)
	must(t, err)
	return r
}

func (r *reportWorld) run(t *testing.T, u *crm.User, q crm.ReportQuery) *crm.ReportTable {
	t.Helper()
	q.Viewer = crm.System
	if u != nil {
		q.Viewer = u.Viewer()
	}
	if q.From == (crm.Date{}) {
		q.From, q.To = day(3, 1), day(3, 31)
	}
	if q.Today == (crm.Date{}) {
		q.Today = day(3, 31)
	}
	tab, err := r.rs.Report(ctx, q)
	must(t, err)
	return tab
}

// figures is a table as "key label: v1 v2 …" lines, "-" for no value.
func figures(tab *crm.ReportTable) []string {
	out := []string{}
	for _, row := range append(tab.Rows, tab.Total) {
		line := row.Key + " " + row.Label + ":"
		for _, v := range row.Values {
			if v == nil {
				line += " -"
			} else {
				line += fmt.Sprintf(" %.4g", *v)
			}
		}
		out = append(out, line)
	}
	return out
}

func id(x int64) string { return fmt.Sprint(x) }

func testSalesReport(t *testing.T, r *reportWorld) {
	a1, b := id(r.repA1.ID), id(r.repB.ID)
	tab := r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: crm.ByRep})
	same(t, "columns", len(tab.Columns), 5)
	same(t, "by rep", figures(tab), []string{
		a1 + " rep.a1@rapport.example: 560 2 280 80 40",
		b + " rep.b@rapport.example: 100 1 100 40 40",
		"total : 660 3 220 120 40"})
	same(t, "rep a1 sees own", figures(r.run(t, r.repA1, crm.ReportQuery{Report: crm.ReportSales, By: crm.ByRep})),
		[]string{a1 + " rep.a1@rapport.example: 560 2 280 80 40", "total : 560 2 280 80 40"})
	same(t, "manager B sees team B", figures(r.run(t, r.mgrB, crm.ReportQuery{Report: crm.ReportSales, By: crm.ByRep})),
		[]string{b + " rep.b@rapport.example: 100 1 100 40 40", "total : 100 1 100 40 40"})
	same(t, "manager A by team", figures(r.run(t, r.mgrA, crm.ReportQuery{Report: crm.ReportSales, By: crm.ByTeam})),
		[]string{id(r.teamA.ID) + " 华南销售部: 560 2 280 80 40", "total : 560 2 280 80 40"})
	same(t, "by product", figures(r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: "product"})), []string{
		id(r.p2.ID) + " 线缆: 310 1 310 - -",
		id(r.p1.ID) + " 传感器: 300 2 150 120 40",
		" 服务: 50 1 50 - -",
		"total : 660 3 220 120 40"})
	same(t, "by category, top 1", figures(r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: "category", Top: 1})),
		[]string{"cables cables: 310 1 310 - -", "total : 660 3 220 120 40"})
	same(t, "by dealer", figures(r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: "dealer"})), []string{
		" : 350 2 175 120 40", id(r.d.ID) + " 经销商丁: 310 1 310 - -", "total : 660 3 220 120 40"})
	same(t, "by region", figures(r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: "region"})), []string{
		"华南 华南: 560 2 280 80 40", "华东 华东: 100 1 100 40 40", "total : 660 3 220 120 40"})
	same(t, "team filter", figures(r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: crm.ByCustomer,
		TeamID: &r.teamB.ID})), []string{id(r.cB.ID) + " 乙公司: 100 1 100 40 40", "total : 100 1 100 40 40"})
}

func testSalesPeriods(t *testing.T, r *reportWorld) {
	tab := r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: crm.ByPeriod, Grain: crm.GrainWeek})
	same(t, "weeks", figures(tab), []string{
		"2026-02-23 2026-02-23: 0 0 - - -", "2026-03-02 2026-03-02: 250 1 250 80 40",
		"2026-03-09 2026-03-09: 100 1 100 40 40", "2026-03-16 2026-03-16: 310 1 310 - -",
		"2026-03-23 2026-03-23: 0 0 - - -", "2026-03-30 2026-03-30: 0 0 - - -", "total : 660 3 220 120 40"})
	prev := r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: crm.ByPeriod, Compare: crm.ComparePrevious})
	same(t, "previous period", *prev.PrevFrom, day(2, 1))
	same(t, "february beside march", *prev.Rows[0].Previous[0], 500.0)
	yoy := r.run(t, nil, crm.ReportQuery{Report: crm.ReportSales, By: crm.ByRep, Compare: crm.CompareYear})
	same(t, "a year before", *yoy.Rows[0].Previous[0], 70.0)
	same(t, "b a year before", yoy.Rows[1].Previous, []*float64(nil))
}

func testReceivablesReport(t *testing.T, r *reportWorld) {
	plan := func(o *crm.Order, n int, due crm.Date, amount crm.Money) *crm.PaymentPlan {
		pl := &crm.PaymentPlan{OrderID: o.ID, Instalment: n, DueDate: due, Amount: amount}
		must(t, r.s.CreatePaymentPlan(ctx, crm.System, pl))
		return pl
	}
	pay := func(o *crm.Order, pl *crm.PaymentPlan, amount crm.Money, at time.Time) {
		must(t, r.s.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: o.ID, PlanID: &pl.ID, Amount: amount,
			Method: crm.MethodBank, PaidAt: at}))
	}
	cst := time.FixedZone("CST", 8*3600)
	pay(r.o1, plan(r.o1, 1, day(3, 10), 150), 150, time.Date(2026, 3, 11, 10, 0, 0, 0, cst))
	plan(r.o1, 2, day(4, 10), 100)
	pay(r.o3, plan(r.o3, 1, day(1, 15), 100), 30, time.Date(2026, 1, 20, 10, 0, 0, 0, cst))
	plan(r.o2, 1, day(3, 1), 310)
	// A payment at 07:00 in Beijing on April 1 is March 31 in UTC: with the
	// viewer's offset it counts in April, not in March.
	pay(r.o1, plan(r.o1, 3, day(4, 30), 10), 10, time.Date(2026, 4, 1, 7, 0, 0, 0, cst))

	q := crm.ReportQuery{Report: crm.ReportReceivables, By: crm.ByPeriod, Offset: 480}
	same(t, "march", figures(r.run(t, nil, q)), []string{"2026-03 2026-03: 460 150 310 310 2", "total : 460 150 310 310 2"})
	q.By = "aging"
	same(t, "aging", figures(r.run(t, nil, q)), []string{"0-30 0-30: 310 1", "31-60 31-60: 0 0",
		"61-90 61-90: 70 1", "90+ 90+: 0 0", "total : 380 2"})
	same(t, "rep a1's aging", figures(r.run(t, r.repA1, q))[0:3:3][2], "61-90 61-90: 0 0")
	q.By = crm.ByRep
	same(t, "by rep", figures(r.run(t, r.mgrA, q)), []string{id(r.repA1.ID) + " rep.a1@rapport.example: 460 150 310 310 2",
		"total : 460 150 310 310 2"})
}

func testWorkloadReport(t *testing.T, r *reportWorld) {
	cst := time.FixedZone("CST", 8*3600)
	follow := func(u *crm.User, method string, at time.Time) {
		must(t, r.s.CreateFollowUp(ctx, &crm.FollowUp{Method: method, At: at, UserID: u.ID,
			Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: r.cA.ID}}}))
	}
	follow(r.repA1, crm.FollowCall, time.Date(2026, 3, 3, 9, 0, 0, 0, cst))
	follow(r.repA1, crm.FollowVisit, time.Date(2026, 3, 4, 9, 0, 0, 0, cst))
	follow(r.repA1, crm.FollowCall, time.Date(2026, 4, 1, 7, 0, 0, 0, cst)) // April in Beijing
	follow(r.repB, crm.FollowCall, time.Date(2026, 3, 5, 9, 0, 0, 0, cst))
	due := time.Date(2026, 3, 20, 9, 0, 0, 0, cst)
	must(t, r.s.CreateTask(ctx, &crm.Task{Title: "回访", DueAt: &due, AssigneeID: ptr(r.repA1.ID), Status: crm.TaskOpen}))
	tab := r.run(t, nil, crm.ReportQuery{Report: crm.ReportWorkload, By: crm.ByRep, Offset: 480})
	col := map[string]int{}
	for i, c := range tab.Columns {
		col[c.Key] = i
	}
	a1 := tab.Rows[0]
	same(t, "a1 first", a1.Key, id(r.repA1.ID))
	for key, want := range map[string]float64{"followups": 2, "followups_call": 1, "followups_visit": 1,
		"tasks_overdue": 1, "orders": 2, "amount": 560} {
		same(t, "a1 "+key, *a1.Values[col[key]], want)
	}
	same(t, "total follow-ups", *tab.Total.Values[col["followups"]], 3.0)
	rep := r.run(t, r.repB, crm.ReportQuery{Report: crm.ReportWorkload, By: crm.ByRep, Offset: 480})
	same(t, "rep b's rows", len(rep.Rows), 1)
	same(t, "rep b's follow-ups", *rep.Total.Values[col["followups"]], 1.0)
}

func testFunnelReport(t *testing.T, r *reportWorld) {
	lc, ok := r.s.(crm.LeadConverter)
	if !ok {
		t.Fatal("the store does not convert leads")
	}
	lead := func(owner *crm.User, src crm.LeadSource) *crm.Lead {
		l := &crm.Lead{Name: "线索", Source: src, OwnerID: ptr(owner.ID)}
		must(t, r.s.CreateLead(ctx, l))
		return l
	}
	l1 := lead(r.repA1, crm.LeadSource{Channel: "webform", Form: "contact", UTMCampaign: "spring"})
	lead(r.repA1, crm.LeadSource{Channel: "wechat", Campaign: "expo"})
	l3 := lead(r.repB, crm.LeadSource{Channel: "webform", Form: "contact"})
	_, err := lc.ConvertLead(ctx, r.repA1.Viewer(), l1.ID, crm.LeadConversion{CustomerID: &r.cA.ID})
	must(t, err)
	_, err = lc.ConvertLead(ctx, crm.System, l3.ID, crm.LeadConversion{CustomerID: &r.cB.ID})
	must(t, err)
	_, err = lc.ConvertLead(ctx, crm.System, l3.ID, crm.LeadConversion{CustomerID: &r.cB.ID})
	wantCode(t, err, crm.ECONFLICT)
	_, err = lc.ConvertLead(ctx, r.repA1.Viewer(), l3.ID, crm.LeadConversion{CustomerID: &r.cA.ID})
	wantCode(t, err, crm.ENOTFOUND)
	today := crm.DateOf(time.Now().UTC())
	q := crm.ReportQuery{Report: crm.ReportFunnel, From: today, To: today, Today: today}
	tab := r.run(t, nil, q)
	// First orders: A's is O6 (70, 2025), B's is O4 (500).
	rows := figures(tab)
	same(t, "webform", rows[0][:len("webform webform: 2 2 100 2 570 ")], "webform webform: 2 2 100 2 570 ")
	same(t, "wechat", rows[1], "wechat wechat: 1 0 0 0 0 -")
	q.By = "qr_scene"
	same(t, "qr scene", figures(r.run(t, nil, q))[1], "expo expo: 1 0 0 0 0 -")
	q.By, q.Channel = "form", "webform"
	same(t, "rep a1's form", figures(r.run(t, r.repA1, q))[0][:27], "contact contact: 1 1 100 1 ")
}

func testServiceReport(t *testing.T, r *reportWorld) {
	cw, ok := r.s.(convWriter)
	if !ok {
		t.Fatal("the store cannot write conversations")
	}
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	conv := func(owner *crm.User, channel, status string, in, reply, last time.Time) (c *crm.Conversation, inbound int64) {
		c = &crm.Conversation{Channel: channel, Account: "acct", Status: status, AssigneeID: ownerID(owner),
			LastMessageAt: last, LastInboundAt: &in, CreatedAt: in}
		must(t, cw.CreateConversation(ctx, c))
		msg := func(dir string, when time.Time, author *int64) int64 {
			m := &crm.Message{ConversationID: c.ID, Channel: channel, Account: "acct",
				Direction: dir, ExternalID: fmt.Sprint(c.ID, dir, when.Unix()), SentAt: when, CreatedAt: when,
				AuthorID: author}
			must(t, cw.CreateMessage(ctx, m, nil))
			return m.ID
		}
		inbound = msg(crm.DirectionIn, in, nil)
		if !reply.IsZero() {
			msg(crm.DirectionOut, reply, ptr(owner.ID))
		}
		return c, inbound
	}
	// The bot answered the first message of a1's first and b's first.
	answered := func(c *crm.Conversation, msg int64) {
		_, err := r.s.(crm.BotStore).RecordBotDecision(ctx, &crm.BotDecision{MessageID: msg, ConversationID: c.ID,
			Channel: c.Channel, Account: c.Account, Action: crm.BotAnswer, Reason: "test", DecidedAt: c.CreatedAt.Add(time.Minute)},
			nil, nil)
		must(t, err)
	}
	// Replies after 1 h, 3 h and 10 h; one waits since March 30, unanswered.
	answered(conv(r.repA1, "email", "resolved", at(2, 8), at(2, 9), at(2, 12)))
	conv(r.repA1, "email", "open", at(3, 8), at(3, 11), at(3, 11))
	answered(conv(r.repB, "wechat", "resolved", at(4, 8), at(4, 18), at(4, 20)))
	conv(r.repB, "wechat", "open", at(30, 8), time.Time{}, at(30, 8))
	tab := r.run(t, nil, crm.ReportQuery{Report: crm.ReportService, By: crm.ByChannel})
	same(t, "no survey answered: no score, not zero", tab.Total.Values[9], (*float64)(nil))
	same(t, "by channel", figures(tab), []string{
		"email email: 2 1 3 4 4 0 0 1 0 -", "wechat wechat: 2 10 10 12 12 1 1 1 0 -", "total : 4 3 10 4 12 1 1 2 0 -"})
	same(t, "rep a1", figures(r.run(t, r.repA1, crm.ReportQuery{Report: crm.ReportService, By: crm.ByRep}))[1],
		"total : 2 1 3 4 4 0 0 1 0 -")
	same(t, "manager B by team", figures(r.run(t, r.mgrB, crm.ReportQuery{Report: crm.ReportService, By: crm.ByTeam})),
		[]string{id(r.teamB.ID) + " " + r.teamB.Name + ": 2 10 10 12 12 1 1 1 0 -", "total : 2 10 10 12 12 1 1 1 0 -"})
	r.checkServiceDrills(t)
}

func testReportBadQueries(t *testing.T, r *reportWorld) {
	bad := func(u *crm.User, q crm.ReportQuery, code, field string) {
		t.Helper()
		q.Viewer = u.Viewer()
		if q.From == (crm.Date{}) {
			q.From, q.To = day(3, 1), day(3, 31)
		}
		_, err := r.rs.Report(ctx, q)
		wantCode(t, err, code)
		if crm.ErrorFields(err)[field] == "" {
			t.Errorf("%v does not name %s", err, field)
		}
	}
	bad(r.admin, crm.ReportQuery{Report: "profit"}, crm.EINVALID, "report")
	bad(r.admin, crm.ReportQuery{Report: crm.ReportSales, By: "colour"}, crm.EINVALID, "by")
	bad(r.admin, crm.ReportQuery{Report: crm.ReportSales, Grain: crm.GrainDay, From: day(1, 1), To: day(12, 31)}, crm.EINVALID, "to")
	bad(r.admin, crm.ReportQuery{Report: crm.ReportSales, From: day(3, 2), To: day(3, 1)}, crm.EINVALID, "to")
	bad(r.admin, crm.ReportQuery{Report: crm.ReportSales, Channel: "wechat"}, crm.EINVALID, "channel")
	bad(r.repA1, crm.ReportQuery{Report: crm.ReportSales, TeamID: &r.teamA.ID}, crm.EFORBIDDEN, "team_id")
	bad(r.repA1, crm.ReportQuery{Report: crm.ReportSales, UserID: &r.repA2.ID}, crm.EFORBIDDEN, "user_id")
	bad(r.mgrA, crm.ReportQuery{Report: crm.ReportSales, TeamID: &r.teamB.ID}, crm.EFORBIDDEN, "team_id")
	bad(r.mgrA, crm.ReportQuery{Report: crm.ReportSales, UserID: &r.repB.ID}, crm.EFORBIDDEN, "user_id")
}

func testAuditQueue(t *testing.T, r *reportWorld) {
	ar, ok := r.s.(crm.AuditReader)
	if !ok {
		t.Fatal("the store does not read the audit log")
	}
	cst := time.FixedZone("CST", 8*3600)
	var fs []*crm.FollowUp
	for i, u := range []*crm.User{r.repA1, r.repA2, r.repB} {
		f := &crm.FollowUp{Method: crm.FollowCall, At: time.Date(2026, 3, 3+i, 9, 0, 0, 0, cst), UserID: u.ID,
			Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: r.cA.ID}}}
		must(t, r.s.CreateFollowUp(ctx, f))
		fs = append(fs, f)
	}
	q := crm.ReportQuery{Viewer: r.mgrA.Viewer(), From: day(3, 1), To: day(3, 31), Offset: 480}
	got, err := ar.SampleFollowUps(ctx, q, 10)
	must(t, err)
	same(t, "team A's follow-ups", len(got), 2)
	must(t, ar.ReviewFollowUp(ctx, r.mgrA.Viewer(), &crm.FollowUpReview{FollowUpID: fs[0].ID, Verdict: crm.ReviewOK, Note: "核实"}))
	wantCode(t, ar.ReviewFollowUp(ctx, r.mgrA.Viewer(), &crm.FollowUpReview{FollowUpID: fs[0].ID, Verdict: crm.ReviewOK}), crm.ECONFLICT)
	wantCode(t, ar.ReviewFollowUp(ctx, r.mgrA.Viewer(), &crm.FollowUpReview{FollowUpID: fs[2].ID, Verdict: crm.ReviewOK}), crm.ENOTFOUND)
	got, err = ar.SampleFollowUps(ctx, q, 10)
	must(t, err)
	same(t, "unreviewed first", got[0].FollowUp.ID, fs[1].ID)
	same(t, "reviewed last", got[1].Review.Note, "核实")
	l, err := ar.ListAudit(ctx, r.mgrA.Viewer(), crm.AuditFilter{Action: "followup.review"})
	must(t, err)
	same(t, "audit entry", len(l.Items), 1)
	l, err = ar.ListAudit(ctx, r.mgrB.Viewer(), crm.AuditFilter{Action: "followup.review"})
	must(t, err)
	same(t, "another team's manager", len(l.Items), 0)
	l, err = ar.ListAudit(ctx, crm.System, crm.AuditFilter{Subject: &crm.Ref{Kind: "followup", ID: fs[0].ID}})
	must(t, err)
	same(t, "by record", len(l.Items), 1)
}
