package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// rollupCases are the sales queries whose figures the rollup serves, for
// every role, plus by customer (read from the orders).
func (r *reportWorld) rollupCases(t *testing.T) map[string]func() []string {
	out := map[string]func() []string{}
	for _, by := range []string{crm.ByPeriod, crm.ByRep, crm.ByTeam, crm.ByCustomer, "region", "level", "dealer", "product", "category"} {
		for _, u := range []*crm.User{nil, r.mgrA, r.mgrB, r.repA1, r.repB} {
			who := "admin"
			if u != nil {
				who = u.Email
			}
			out[by+" as "+who] = func() []string {
				return figures(r.run(t, u, crm.ReportQuery{Report: crm.ReportSales, By: by, Compare: crm.CompareYear}))
			}
			// Whole February from the months, March's first days from the days.
			out[by+" as "+who+", part of a month"] = func() []string {
				return figures(r.run(t, u, crm.ReportQuery{Report: crm.ReportSales, By: by, From: day(2, 1), To: day(3, 15)}))
			}
		}
	}
	// The receivables rollup, and the workload's money read from it, in
	// Beijing time (payments count on their local day).
	for _, c := range []struct{ report, by string }{{crm.ReportReceivables, crm.ByPeriod}, {crm.ReportReceivables, crm.ByRep},
		{crm.ReportReceivables, "aging"}, {crm.ReportWorkload, crm.ByRep}, {crm.ReportWorkload, crm.ByTeam},
		{crm.ReportWorkload, crm.ByPeriod}} {
		for _, u := range []*crm.User{nil, r.mgrA, r.repA1, r.repB} {
			who := "admin"
			if u != nil {
				who = u.Email
			}
			out[c.report+" by "+c.by+" as "+who] = func() []string {
				return figures(r.run(t, u, crm.ReportQuery{Report: c.report, By: c.by, From: day(1, 1), To: day(3, 31), Offset: 480}))
			}
		}
	}
	return out
}

// addReceivables gives O2 and O3 instalments and payments, one paid at
// 07:00 in Beijing on March 1 (February 28 in UTC).
func (r *reportWorld) addReceivables(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	for i, o := range []*crm.Order{r.o2, r.o3} {
		pl := &crm.PaymentPlan{OrderID: o.ID, Instalment: 1, DueDate: day(2, 10+i), Amount: 200}
		must(t, r.s.CreatePaymentPlan(ctx, crm.System, pl))
		must(t, r.s.CreatePaymentPlan(ctx, crm.System, &crm.PaymentPlan{OrderID: o.ID, Instalment: 2, DueDate: day(3, 20), Amount: 100}))
		must(t, r.s.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: o.ID, PlanID: &pl.ID, Amount: 150,
			Method: crm.MethodBank, PaidAt: time.Date(2026, 3, 1, 7+i, 0, 0, 0, cst)}))
	}
}

// snapshot is every case's figures.
func snapshot(cases map[string]func() []string) map[string][]string {
	out := map[string][]string{}
	for name, fn := range cases {
		out[name] = fn()
	}
	return out
}

// checkRollup: the figures read with dirty days (the orders for those
// days), after the refresh (the rollup alone) and after every day is made
// stale (the orders alone) are the same.
func (r *reportWorld) checkRollup(t *testing.T, step string) map[string][]string {
	t.Helper()
	cases := r.rollupCases(t)
	mixed := snapshot(cases)
	n, err := r.rs.RefreshReportRollups(ctx)
	must(t, err)
	if step != "seeded" && n == 0 {
		t.Fatalf("%s: the change left no day to refresh", step)
	}
	rolled := snapshot(cases)
	if n, err := r.rs.RefreshReportRollups(ctx); err != nil || n != 0 {
		t.Fatalf("%s: a second refresh rebuilt %d days (%v), want none", step, n, err)
	}
	must(t, r.rs.StaleReportRollups(ctx))
	plain := snapshot(cases)
	for name := range cases {
		same(t, step+": "+name+" with dirty days", mixed[name], plain[name])
		same(t, step+": "+name+" from the rollup", rolled[name], plain[name])
	}
	_, err = r.rs.RefreshReportRollups(ctx)
	must(t, err)
	return rolled
}

// testRollupFollowsChanges moves owners, classes, days and records under the
// rollup and checks it against the orders after each change, with the
// figures that must have moved checked by hand.
func testRollupFollowsChanges(t *testing.T, r *reportWorld) {
	r.addReceivables(t)
	r.checkRollup(t, "seeded")
	a1, b := id(r.repA1.ID), id(r.repB.ID)

	// Customer A passes to rep b (a transfer): b now sees A's orders too,
	// manager B's team view with them; they stay a1's by order owner.
	ps := r.s.(crm.PoolStore)
	move := func(to *int64, action string) {
		must(t, ps.MoveOwner(ctx, crm.OwnerMove{Ref: crm.Ref{Kind: crm.RefCustomer, ID: r.cA.ID}, Action: action,
			To: to, Reason: "test", At: time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)}))
	}
	move(&r.repB.ID, crm.MoveTransfer)
	got := r.checkRollup(t, "transfer")
	same(t, "b sees A's orders", got["rep as "+r.repB.Email], []string{
		a1 + " rep.a1@rapport.example: 560 2 280 80 40", b + " rep.b@rapport.example: 100 1 100 40 40",
		"total : 660 3 220 120 40"})

	// Customer A goes back to the pool (a reclaim): b no longer sees it.
	move(nil, crm.MoveReclaim)
	got = r.checkRollup(t, "reclaim")
	same(t, "b after the reclaim", got["rep as "+r.repB.Email], []string{
		b + " rep.b@rapport.example: 100 1 100 40 40", "total : 100 1 100 40 40"})

	// O3 backdated into February and given to a1; customer B re-classed.
	o3, err := r.s.Order(ctx, crm.System, r.o3.ID)
	must(t, err)
	o3.OrderDate, o3.OwnerID = ptr(day(2, 20)), &r.repA1.ID
	must(t, r.s.UpdateOrder(ctx, crm.System, o3))
	cB, err := r.s.Customer(ctx, crm.System, r.cB.ID)
	must(t, err)
	cB.Region, cB.Level = "华北", "C"
	must(t, r.s.UpdateCustomer(ctx, crm.System, cB))
	got = r.checkRollup(t, "backdated")
	same(t, "March without O3", got["rep as admin"], []string{
		a1 + " rep.a1@rapport.example: 560 2 280 80 40", "total : 560 2 280 80 40"})

	// P2 moves to the sensors category; O2 loses its line (a line deleted).
	p2 := *r.p2
	p2.Category = "sensors"
	must(t, productStore(t, r.s).UpdateProduct(ctx, &p2))
	got = r.checkRollup(t, "re-categorised")
	same(t, "sensors with P2", got["category as admin"], []string{
		"sensors sensors: 510 2 255 80 40", " : 50 1 50 - -", "total : 560 2 280 80 40"})

	// Customer B merged into A, then O1 deleted by undoing its import.
	_, err = r.s.(crm.ReviewStore).MergeCustomers(ctx, crm.System, crm.Merge{SurvivorID: r.cA.ID, MergedID: r.cB.ID})
	must(t, err)
	r.checkRollup(t, "merged")
	is := r.s.(crm.ImportStore)
	j := &crm.ImportJob{Kind: crm.ImportOrders, Status: crm.ImportUploaded, FileName: "orders.csv", FileSHA256: "x",
		FileSize: 1, Format: "csv", Options: crm.ImportOptions{Mode: crm.DupSkip}, CreatedBy: r.admin.ID}
	must(t, is.CreateImport(ctx, j))
	o1, err := r.s.Order(ctx, crm.System, r.o1.ID)
	must(t, err)
	must(t, is.AddImportRows(ctx, []crm.ImportRow{{JobID: j.ID, RowNo: 1, RecordKind: crm.RefOrder,
		Action: crm.RowCreated, RecordID: &o1.ID, Key: "O1", Stamp: &o1.UpdatedAt}}))
	must(t, is.UndoImport(ctx, j.ID))
	got = r.checkRollup(t, "deleted")
	same(t, "March without O1", got["rep as admin"], []string{
		a1 + " rep.a1@rapport.example: 310 1 310 - -", "total : 310 1 310 - -"})
}
