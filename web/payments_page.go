package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

func (s *Server) paymentPages() *recordKind[crm.Payment] {
	method := field{Name: "method", Type: "select", Need: true, Options: []string{crm.MethodBank,
		crm.MethodAlipay, crm.MethodWeChat, crm.MethodCash, crm.MethodCheque, crm.MethodOther}}
	return &recordKind[crm.Payment]{
		path: "payments", one: "rec.payment", res: s.payments,
		fields: []field{{Name: "order_id", Type: "id", Need: true, Pick: "orders"},
			{Name: "plan_id", Type: "id", Pick: "plans", Scope: "order_id"},
			{Name: "amount", Type: "money", Need: true}, method, {Name: "paid_at", Type: "datetime"},
			{Name: "handler_id", Type: "user"}, {Name: "account"}, notesField},
		columns: []column[crm.Payment]{
			{"field.paid_at", func(_ *cells, p *crm.Payment) string { return p.PaidAt.In(time.Local).Format("2006-01-02") }},
			{"field.order_id", func(c *cells, p *crm.Payment) string { return c.order(strconv.FormatInt(p.OrderID, 10)) }},
			{"field.amount", func(_ *cells, p *crm.Payment) string { return moneyText(int64(p.Amount)) }},
			{"field.method", func(c *cells, p *crm.Payment) string { return c.selectOption("method", p.Method) }},
			{"field.handler_id", func(c *cells, p *crm.Payment) string { return c.user(idString(p.HandlerID)) }},
		},
		query: func(r *http.Request, f listFilter) listQuery[crm.Payment] {
			v := viewerOf(r)
			owner, _ := f.ownerID(v)
			pf := crm.PaymentFilter{Viewer: v, OwnerID: owner, TeamID: f.Drill.TeamID, CustomerID: f.Drill.CustomerID, Page: f.Page}
			_, off := s.today()
			pf.PaidFrom, pf.PaidTo = f.Drill.localDays(off)
			return bindList(r, pf, func(f *crm.PaymentFilter, p crm.Page) { f.Page = p }, s.store.ListPayments,
				countBy(s, crm.ListCounter.CountPayments))
		},
		title: func(p *crm.Payment) string { return moneyText(int64(p.Amount)) },
	}
}
