package web_test

import (
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// An order's payment plans, payments and deliveries.
func TestOrderPlansPaymentsDeliveries(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var cust, order, plan, pay record
	e.call("rep1", "POST", "/api/v1/customers", record{"name": "华强"}, 201, &cust)
	e.call("rep1", "POST", "/api/v1/orders", record{"number": "SO-1", "customer_id": cust.id(), "amount": 10000}, 201, &order)
	e.fail("rep1", "POST", "/api/v1/orders", record{"number": "SO-1", "customer_id": cust.id()}, 409, "conflict")
	orderPath := fmt.Sprintf("/api/v1/orders/%d", order.id())

	e.call("rep1", "POST", orderPath+"/payment-plans", record{"instalment": 1, "due_date": "2026-04-01", "amount": 6000}, 201, &plan)
	e.call("rep1", "POST", orderPath+"/payment-plans", record{"instalment": 2, "due_date": "2026-05-01", "amount": 4000}, 201, nil)
	e.fail("rep1", "POST", orderPath+"/payment-plans", record{"instalment": 2, "due_date": "2026-06-01", "amount": 1}, 409, "conflict")
	ae := e.fail("rep1", "POST", orderPath+"/payment-plans", record{"instalment": 0}, 400, "invalid")
	if ae.Fields["instalment"] == "" || ae.Fields["amount"] == "" || ae.Fields["due_date"] == "" {
		t.Errorf("fields %v", ae.Fields)
	}

	e.call("rep1", "POST", "/api/v1/payments", record{"order_id": order.id(), "plan_id": plan.id(), "amount": 6000,
		"method": "alipay", "paid_at": "2026-03-30T10:00:00+08:00"}, 201, &pay)
	if int64(pay["handler_id"].(float64)) != e.id("rep1") {
		t.Errorf("payment handler %v, want the rep who recorded it", pay["handler_id"])
	}
	ae = e.fail("rep1", "POST", "/api/v1/payments", record{"order_id": order.id(), "plan_id": 999999, "amount": 1, "method": "cash"}, 400, "invalid")
	if ae.Fields["plan_id"] == "" {
		t.Errorf("fields %v do not name plan_id", ae.Fields)
	}
	var plans list
	e.call("rep1", "GET", orderPath+"/payment-plans", nil, 200, &plans)
	if len(plans.Items) != 2 || plans.Items[0]["status"] != "paid" || plans.Items[0]["paid"].(float64) != 6000 {
		t.Errorf("plans %v, want the first paid", plans.Items)
	}

	e.call("rep1", "POST", orderPath+"/deliveries", record{"date": "2026-03-10", "carrier": "顺丰", "tracking_no": "SF123"}, 201, nil)
	ae = e.fail("rep1", "POST", orderPath+"/deliveries", record{"carrier": "顺丰"}, 400, "invalid")
	if ae.Fields["date"] == "" {
		t.Errorf("fields %v do not name date", ae.Fields)
	}
	var ds list
	e.call("rep1", "GET", orderPath+"/deliveries", nil, 200, &ds)
	if len(ds.Items) != 1 || ds.Items[0]["tracking_no"] != "SF123" {
		t.Errorf("deliveries %v", ds.Items)
	}

	// Another team's rep sees none of it.
	e.call("rep3", "GET", orderPath, nil, 404, nil)
	e.call("rep3", "GET", orderPath+"/payment-plans", nil, 404, nil)
	e.call("rep3", "GET", orderPath+"/deliveries", nil, 404, nil)
	e.call("rep3", "POST", orderPath+"/deliveries", record{"date": "2026-03-10"}, 404, nil)
	e.call("rep3", "GET", fmt.Sprintf("/api/v1/payments/%d", pay.id()), nil, 404, nil)
	ae = e.fail("rep3", "POST", "/api/v1/payments", record{"order_id": order.id(), "amount": 1, "method": "cash"}, 400, "invalid")
	if ae.Fields["order_id"] == "" {
		t.Errorf("fields %v do not name order_id", ae.Fields)
	}
	var pays list
	e.call("rep3", "GET", "/api/v1/payments", nil, 200, &pays)
	if len(pays.Items) != 0 {
		t.Errorf("rep3 lists payments %v", pays.Items)
	}
}

// Claiming a pool lead: the first rep gets it, the second is told it's taken.
func TestClaimLead(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var lead, claimed record
	e.call("admin", "POST", "/api/v1/leads", record{"name": "王芳", "owner_id": nil}, 201, &lead)
	path := fmt.Sprintf("/api/v1/leads/%d/claim", lead.id())
	e.call("rep1", "POST", path, nil, 200, &claimed)
	if int64(claimed["owner_id"].(float64)) != e.id("rep1") || claimed["claimed_at"] == nil {
		t.Errorf("claimed lead %v", claimed)
	}
	// rep2 no longer sees it (it is rep1's now); rep3 neither.
	e.fail("rep2", "POST", path, nil, 404, "not_found")
	e.fail("manager", "POST", path, nil, 409, "conflict")
	e.fail("rep1", "POST", "/api/v1/leads/999999/claim", nil, 404, "not_found")
}

// Keyset pagination walks a list newest first without gaps or repeats.
func TestPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	for i := range 5 {
		e.call("rep1", "POST", "/api/v1/customers", record{"name": fmt.Sprintf("c%d", i)}, 201, nil)
	}
	var names []string
	after := int64(0)
	for pages := 0; ; pages++ {
		var l list
		e.call("rep1", "GET", fmt.Sprintf("/api/v1/customers?limit=2&after=%d", after), nil, 200, &l)
		for _, it := range l.Items {
			names = append(names, it["name"].(string))
		}
		if l.Next == 0 {
			break
		}
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		after = l.Next
	}
	if fmt.Sprint(names) != "[c4 c3 c2 c1 c0]" {
		t.Errorf("pages gave %v", names)
	}
}
