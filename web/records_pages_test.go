package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// seed makes one record of each kind owned in team A (rep1) and returns
// each kind's detail path with a text the page must show.
func (p *pager) seed() map[string][2]string {
	cust := p.customer("华强电子", "rep1")
	var contact, lead, order, plan, pay, task record
	p.call("rep1", "POST", "/api/v1/contacts", record{"name": "李伟", "customer_id": cust,
		"emails": []string{"li@huaqiang.example"}}, 201, &contact)
	p.call("rep1", "POST", "/api/v1/leads", record{"name": "Zhang Min", "company": "Minsheng"}, 201, &lead)
	p.call("rep1", "POST", "/api/v1/orders", record{"number": "SO-0042", "customer_id": cust,
		"items": []record{{"product": "Router", "quantity": 2, "unit_price": 150000}}}, 201, &order)
	p.call("rep1", "POST", fmt.Sprintf("/api/v1/orders/%d/payment-plans", order.id()),
		record{"instalment": 1, "due_date": "2026-03-01", "amount": 100000}, 201, &plan)
	p.call("rep1", "POST", "/api/v1/payments", record{"order_id": order.id(), "amount": 50000,
		"method": "bank", "plan_id": plan.id()}, 201, &pay)
	p.call("rep1", "POST", "/api/v1/tasks", record{"title": "Send the quote"}, 201, &task)
	path := func(kind string, id int64) string { return fmt.Sprintf("/%s/%d", kind, id) }
	return map[string][2]string{
		"customers": {path("customers", cust), "华强电子"},
		"contacts":  {path("contacts", contact.id()), "li@huaqiang.example"},
		"leads":     {path("leads", lead.id()), "Zhang Min"},
		"orders":    {path("orders", order.id()), "3,000.00"},
		"payments":  {path("payments", pay.id()), "500.00"},
		"tasks":     {path("tasks", task.id()), "Send the quote"},
	}
}

func TestRecordPagesRenderForEachRole(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	recs := p.seed()
	for kind, rec := range recs {
		for _, who := range []string{"admin", "manager", "rep1"} {
			t.Run(kind+"/"+who, func(t *testing.T) {
				list := p.mustPage(who, "/"+kind+"?lang=en")
				contains(t, "list", list, `href="`+rec[0]+`"`, `href="/`+kind+`/new"`)
				contains(t, "detail", p.mustPage(who, rec[0]), rec[1], `href="`+rec[0]+`/edit"`)
				contains(t, "form", p.mustPage(who, rec[0]+"/edit"), `action="`+rec[0]+`"`, `method="post"`)
				contains(t, "new form", p.mustPage(who, "/"+kind+"/new"), `action="/`+kind+`"`)
			})
		}
	}
	zh := p.mustPage("rep1", "/customers?lang=zh-CN")
	contains(t, "Chinese list", zh, `<html lang="zh-CN">`, "客户", "负责人", "公海", "搜索")
}

func TestRecordPagesHideOtherTeams(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	recs := p.seed()

	for kind, rec := range recs {
		t.Run(kind, func(t *testing.T) {
			for _, path := range []string{rec[0], rec[0] + "/edit"} {
				if st, page := p.page("rep3", path); st != http.StatusNotFound {
					t.Errorf("rep3 GET %s: status %d, want 404\n%s", path, st, page)
				}
			}
			if list := p.mustPage("rep3", "/"+kind); strings.Contains(list, `href="`+rec[0]+`"`) {
				t.Errorf("rep3's %s list shows %s", kind, rec[0])
			}
			if list := p.mustPage("rep2", "/"+kind); strings.Contains(list, `href="`+rec[0]+`"`) {
				t.Errorf("rep2 sees rep1's %s", rec[0])
			}
		})
	}
	res, _ := p.post("rep3", recs["customers"][0], map[string][]string{"name": {"taken"}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("rep3 updating rep1's customer: status %d, want 404", res.StatusCode)
	}
}
