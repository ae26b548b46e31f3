package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// getInstalments is /instalments: the instalments due on due_from…due_to
// (of the owner's, team's or customer's orders; open or overdue), seen
// through their order as the receivables report counts them, with their
// count and sums; each opens its order.
func (s *Server) getInstalments(w http.ResponseWriter, r *http.Request) {
	q, err := s.figurePage(w, r, "instalments")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, c, ds, dr := q.d, q.c, q.ds, q.f.Drill
	inf := crm.InstalmentFilter{Viewer: q.v, DueFrom: dr.DueFrom, DueTo: dr.DueTo, OverdueOn: dr.OverdueBefore,
		OwnerID: q.owner, TeamID: dr.TeamID, CustomerID: dr.CustomerID, Open: dr.Open, Page: q.f.Page}
	l, err := ds.Instalments(r.Context(), inf)
	var sum crm.InstalmentTotals
	if err == nil {
		sum, err = ds.SumInstalments(r.Context(), inf)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Summary = fmt.Sprintf(d.T("figures.instalments_total"), sum.Count, moneyText(int64(sum.Planned)),
		moneyText(int64(sum.Outstanding)))
	for _, pl := range l.Items {
		order := strconv.FormatInt(pl.OrderID, 10)
		d.Rows = append(d.Rows, rowView{ID: pl.ID, URL: "/orders/" + order,
			Cells: []string{pl.DueDate.String(), c.order(order), strconv.Itoa(pl.Instalment), moneyText(int64(pl.Amount)),
				moneyText(int64(pl.Paid)), moneyText(int64(pl.Amount - pl.Paid)), c.selectOption("plan", pl.Status)}})
	}
	s.showFigureList(w, r, d, []string{"field.due_date", "field.order_id", "field.instalment", "field.amount",
		"figures.paid", "figures.outstanding", "field.status"}, l.Next, [2]string{"due_from", "due_to"})
}
