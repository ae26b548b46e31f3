package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// testReceivablesDrillLists: every receivables figure by month, rep and
// customer, and each aging bucket, equals the count or sum of the
// instalment list behind it, for each viewer; and the figures are the
// ones worked out by hand.
func testReceivablesDrillLists(t *testing.T, r *reportWorld) {
	seedWorkloadDrills(t, r)
	ds := r.s.(crm.DrillStore)
	today := day(3, 31)
	sum := func(f crm.InstalmentFilter) crm.InstalmentTotals {
		s, err := ds.SumInstalments(ctx, f)
		must(t, err)
		return s
	}
	for _, u := range []*crm.User{r.admin, r.mgrA, r.repA1, r.repB} {
		for _, by := range []string{crm.ByPeriod, crm.ByRep, crm.ByCustomer} {
			tab := r.run(t, u, crm.ReportQuery{Report: crm.ReportReceivables, By: by, Offset: 480})
			col := columnsOf(tab)
			for _, row := range append(tab.Rows, tab.Total) {
				f := crm.InstalmentFilter{Viewer: u.Viewer(), DueFrom: ptr(day(3, 1)), DueTo: ptr(day(3, 31))}
				switch {
				case row.Key == "total" || by == crm.ByPeriod:
				case row.Key == "":
					continue
				case by == crm.ByRep:
					f.OwnerID = ptr(parseKey(t, row.Key))
				default:
					f.CustomerID = ptr(parseKey(t, row.Key))
				}
				who := fmt.Sprintf("%s by %s, row %s", u.Email, by, row.Key)
				all := sum(f)
				same(t, who+" planned", float64(all.Planned), *row.Values[col["planned"]])
				same(t, who+" instalments", float64(all.Count), *row.Values[col["instalments"]])
				f.Open = true
				same(t, who+" outstanding", float64(sum(f).Outstanding), *row.Values[col["outstanding"]])
				f.Open, f.OverdueOn = false, &today
				same(t, who+" overdue", float64(sum(f).Outstanding), *row.Values[col["overdue"]])
				same(t, who+" received", float64(paidIn(t, r, u, f.OwnerID, f.CustomerID)), *row.Values[col["received"]])
			}
		}
		checkAgingLists(t, r, u, sum)
	}
	tab := r.run(t, r.admin, crm.ReportQuery{Report: crm.ReportReceivables, By: crm.ByPeriod, Offset: 480})
	same(t, "march", figures(tab)[0], "2026-03 2026-03: 460 180 310 310 2")
}

// checkAgingLists: each aging bucket's outstanding money and instalments
// are the sums of the overdue instalments due in its days.
func checkAgingLists(t *testing.T, r *reportWorld, u *crm.User, sum func(crm.InstalmentFilter) crm.InstalmentTotals) {
	today := day(3, 31)
	tab := r.run(t, u, crm.ReportQuery{Report: crm.ReportReceivables, By: "aging", Offset: 480})
	back := func(days int) *crm.Date { d := crm.DateOf(today.Time().AddDate(0, 0, -days)); return &d }
	ranges := map[string][2]*crm.Date{"0-30": {back(30), back(1)}, "31-60": {back(60), back(31)},
		"61-90": {back(90), back(61)}, "90+": {nil, back(91)}, "total": {nil, nil}}
	for _, row := range append(tab.Rows, tab.Total) {
		rg := ranges[row.Key]
		got := sum(crm.InstalmentFilter{Viewer: u.Viewer(), OverdueOn: &today, DueFrom: rg[0], DueTo: rg[1]})
		same(t, u.Email+" aging "+row.Key+" outstanding", float64(got.Outstanding), *row.Values[0])
		same(t, u.Email+" aging "+row.Key+" instalments", float64(got.Count), *row.Values[1])
	}
	if u == r.admin {
		same(t, "aging", figures(tab), []string{"0-30 0-30: 310 1", "31-60 31-60: 0 0", "61-90 61-90: 70 1",
			"90+ 90+: 0 0", "total : 380 2"})
	}
}

// paidIn sums the payments of March (UTC+8) the payment list gives for a
// receivables row's rep or customer: the list its received figure opens.
func paidIn(t *testing.T, r *reportWorld, u *crm.User, owner, customer *int64) crm.Money {
	cst := time.FixedZone("UTC+8", 8*3600)
	from, to := time.Date(2026, 3, 1, 0, 0, 0, 0, cst), time.Date(2026, 4, 1, 0, 0, 0, 0, cst)
	l, err := r.s.ListPayments(ctx, crm.PaymentFilter{Viewer: u.Viewer(), OwnerID: owner, CustomerID: customer,
		PaidFrom: &from, PaidTo: &to, Page: crm.Page{Limit: 500}})
	must(t, err)
	var paid crm.Money
	for _, p := range l.Items {
		paid += p.Amount
	}
	return paid
}
