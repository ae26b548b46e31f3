package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRecordFormsRoundTrip(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	cust := p.customer("Huaqiang", "rep1")
	tests := []struct {
		kind         string
		create, edit url.Values
		wants        []string // on the detail page after the edit
		api          string   // a JSON fragment of the record after the edit
	}{
		{"customers", url.Values{"name": {"Minsheng Trading"}, "tags": {"vip, export"}, "owner_id": {""}},
			url.Values{"status": {"deal"}, "level": {"A"}},
			[]string{"Minsheng Trading", "Deal", "vip, export", "Pool (no owner)"}, `"status":"deal"`},
		{"contacts", url.Values{"name": {"Wang Fang"}, "customer_id": {fmt.Sprint(cust)},
			"emails": {"Wang@Example.com\nwf@example.com"}, "phones": {"138 0013 8000"}},
			url.Values{"title": {"Buyer"}, "birthday": {"1990-05-01"}},
			[]string{"Wang Fang", "Huaqiang", "wang@example.com, wf@example.com", "8613800138000", "1990-05-01"},
			`"title":"Buyer"`},
		{"leads", url.Values{"company": {"深圳光明"}, "phone": {"13900139000"}},
			url.Values{"status": {"qualified"}}, []string{"深圳光明", "Qualified"}, `"status":"qualified"`},
		{"orders", url.Values{"number": {"SO-7"}, "customer_id": {fmt.Sprint(cust)}, "kind": {"contract"},
			"items.product": {"Switch", "", "Cable"}, "items.quantity": {"3", "", "10"},
			"items.unit_price": {"99.90", "", "1.5"}},
			url.Values{"status": {"active"}, "start_date": {"2026-03-01"}, "end_date": {"2027-02-28"}},
			[]string{"SO-7", "Contract", "Active", "314.70", "Switch", "Cable", "2027-02-28"}, `"amount":31470`},
		{"tasks", url.Values{"title": {"Call back"}, "due_at": {"2026-03-05T10:30"}},
			url.Values{"status": {"done"}}, []string{"Call back", "2026-03-05 10:30", "Done"}, `"status":"done"`},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			loc := p.saved("rep1", "/"+tt.kind, tt.create)
			if !strings.HasPrefix(loc, "/"+tt.kind+"/") {
				t.Fatalf("created: redirect to %q", loc)
			}
			if next := p.saved("rep1", loc, tt.edit); next != loc {
				t.Errorf("edited: redirect to %q, want %q", next, loc)
			}
			contains(t, "detail", p.mustPage("rep1", loc+"?lang=en"), tt.wants...)
			contains(t, "API", string(p.call("rep1", "GET", "/api/v1"+loc, nil, 200, nil)), tt.api)
			contains(t, "edit form", p.mustPage("rep1", loc+"/edit"), tt.wants[0])
		})
	}
}

func TestRecordFormsPayments(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	var order record
	p.call("rep1", "POST", "/api/v1/orders", record{"number": "SO-9", "customer_id": p.customer("C", "rep1"),
		"amount": 500000}, 201, &order)
	op := fmt.Sprintf("/orders/%d", order.id())
	if loc := p.saved("rep1", op+"/plans", url.Values{"instalment": {"1"}, "due_date": {"2026-04-01"},
		"amount": {"2,000"}}); loc != op {
		t.Errorf("plan added: redirect to %q", loc)
	}
	loc := p.saved("rep1", "/payments", url.Values{"order_id": {fmt.Sprint(order.id())}, "amount": {"1500.5"},
		"method": {"alipay"}, "paid_at": {"2026-03-02T11:00"}, "next": {op}})
	if loc != op {
		t.Errorf("payment: redirect to %q, want back to %q", loc, op)
	}
	contains(t, "order", p.mustPage("rep1", op), "2026-04-01", "¥2,000.00", "¥1,500.50", "Alipay")
	for _, bad := range []struct {
		form  url.Values
		wants []string
	}{
		{url.Values{"instalment": {"2"}, "amount": {"-3"}}, []string{`id="e-amount"`, "must be an amount"}},
		{url.Values{"instalment": {"2"}, "amount": {"3"}}, []string{`id="e-due_date"`, "is required"}},
	} {
		res, page := p.post("rep1", op+"/plans", bad.form)
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("bad plan: status %d", res.StatusCode)
		}
		contains(t, "refused plan", page, bad.wants...)
	}
}

func TestRecordFormsValidation(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	tests := []struct {
		name, who, path, lang string
		form                  url.Values
		wants                 []string
	}{
		{"required", "rep1", "/customers", "en", url.Values{"name": {" "}, "level": {"B"}},
			[]string{`id="e-name"`, "is required", `aria-invalid="true"`, `value="B"`}},
		{"required zh", "rep1", "/customers", "zh-CN", url.Values{"name": {""}}, []string{"必填", "请修改标出的字段"}},
		{"domain", "rep1", "/customers", "en", url.Values{"name": {"X"}, "domain": {"not a domain"}},
			[]string{`id="e-domain"`, "is not a domain name"}},
		{"rep gives away", "rep1", "/customers", "en",
			url.Values{"name": {"X"}, "owner_id": {fmt.Sprint(p.id("rep2"))}},
			[]string{`id="e-owner_id"`, "may only be yourself or empty (the pool)"}},
		{"email", "rep1", "/contacts", "en", url.Values{"name": {"Y"}, "emails": {"nope"}},
			[]string{`id="e-emails"`, "is not a valid email address"}},
		{"amount", "rep1", "/orders", "en", url.Values{"number": {"N"}, "customer_id": {"1"}, "amount": {"12.345"}},
			[]string{`id="e-amount"`, "must be an amount like 1200.50"}},
		{"hidden customer", "rep3", "/contacts", "en",
			url.Values{"name": {"Z"}, "customer_id": {fmt.Sprint(p.customer("Secret", "rep1"))}},
			[]string{`id="e-customer_id"`, "does not exist"}},
		{"lead needs something", "rep1", "/leads", "zh-CN", url.Values{"name": {""}},
			[]string{"姓名、公司、电话或邮箱至少填写一项"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, page := p.post(tt.who, tt.path+"?lang="+tt.lang, tt.form)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400\n%s", res.StatusCode, page)
			}
			contains(t, "refused form", page, tt.wants...)
		})
	}
}

func TestRecordNewFormsStartFromTheAPIDefaults(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	rep1 := fmt.Sprint(p.id("rep1"))
	contains(t, "new customer", p.mustPage("rep1", "/customers/new"), `<option value="`+rep1+`" selected>`)
	contains(t, "new contact", p.mustPage("rep1", "/contacts/new?customer_id=7"), `name="customer_id" value="7"`)
	contains(t, "new payment", p.mustPage("rep1", "/payments/new"), `value="2026-03-02T09:00"`)
	loc := p.saved("rep1", "/customers", url.Values{"name": {"Default Owner"}, "owner_id": {rep1}})
	contains(t, "saved", string(p.call("rep1", "GET", "/api/v1"+loc, nil, 200, nil)), `"owner_id":`+rep1)
}
