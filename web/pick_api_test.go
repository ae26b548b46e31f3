package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// TestPickersFindByNameOnlyWhatTheUserMaySee searches each picker as rep1
// (team A) and rep3 (team B): rep1 finds her customer, its contact, order
// and instalment by name; rep3 finds none of them, and a plan picker
// pointed at rep1's order answers 404.
func TestPickersFindByNameOnlyWhatTheUserMaySee(t *testing.T) {
	e := newEnv(t, web.Config{})
	ctx := context.Background()
	rep1 := ptr(e.id("rep1"))
	cu := &crm.Customer{Name: "华强电子有限公司", OwnerID: rep1}
	mustDo(t, e.db.CreateCustomer(ctx, cu))
	k := &crm.Contact{Name: "王芳", CustomerID: &cu.ID, OwnerID: rep1, Emails: []string{"wang@huaqiang.example"}}
	mustDo(t, e.db.CreateContact(ctx, k))
	o := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-2026-07", CustomerID: cu.ID, OwnerID: rep1, Currency: "CNY"}
	mustDo(t, e.db.CreateOrder(ctx, o))
	pl := &crm.PaymentPlan{OrderID: o.ID, Instalment: 1, DueDate: crm.Date{Year: 2026, Month: 3, Day: 1}, Amount: 100000}
	mustDo(t, e.db.CreatePaymentPlan(ctx, crm.System, pl))
	l := &crm.Lead{Name: "李强", Company: "华强贸易", OwnerID: rep1}
	mustDo(t, e.db.CreateLead(ctx, l))

	cases := []struct{ kind, q, scope string }{
		{"customers", "华强", ""}, {"contacts", "王", "customer_id=" + strconv.FormatInt(cu.ID, 10)},
		{"orders", "HT-2026", ""}, {"leads", "华强", ""}, {"users", "rep", ""},
	}
	for _, c := range cases {
		path := "/api/v1/pick/" + c.kind + "?q=" + url.QueryEscape(c.q) + "&" + c.scope
		var mine, theirs []web.PickItem
		e.call("rep1", "GET", path, nil, http.StatusOK, &mine)
		e.call("rep3", "GET", path, nil, http.StatusOK, &theirs)
		if len(mine) == 0 || mine[0].Label == "" {
			t.Errorf("%s: rep1 found %+v", c.kind, mine)
		}
		if c.kind != "users" && len(theirs) != 0 {
			t.Errorf("%s: rep3 (team B) found %+v", c.kind, theirs)
		}
	}
	plans := "/api/v1/pick/plans?order_id=" + strconv.FormatInt(o.ID, 10)
	var items []web.PickItem
	e.call("rep1", "GET", plans, nil, http.StatusOK, &items)
	if len(items) != 1 || items[0].ID != pl.ID || items[0].Label != "HT-2026-07 · 1" {
		t.Errorf("plans: %+v", items)
	}
	e.fail("rep3", "GET", plans, nil, http.StatusNotFound, crm.ENOTFOUND)
	e.fail("rep1", "GET", "/api/v1/pick/plans", nil, http.StatusBadRequest, crm.EINVALID)
	e.fail("rep1", "GET", "/api/v1/pick/secrets?q=x", nil, http.StatusNotFound, crm.ENOTFOUND)
}

// TestOrderFormShowsNamesNotNumbers opens an order's edit form and detail
// page: its customer and signer show by name, the pickers carry the ids.
func TestOrderFormShowsNamesNotNumbers(t *testing.T) {
	p := newPager(t)
	ctx := context.Background()
	rep1 := ptr(p.id("rep1"))
	cu := &crm.Customer{Name: "华强电子有限公司", OwnerID: rep1}
	mustDo(t, p.db.CreateCustomer(ctx, cu))
	k := &crm.Contact{Name: "王芳", CustomerID: &cu.ID, OwnerID: rep1}
	mustDo(t, p.db.CreateContact(ctx, k))
	o := &crm.Order{Kind: crm.OrderKindOrder, Number: "SO-9", CustomerID: cu.ID, CustomerSignerID: &k.ID,
		OwnerID: rep1, Currency: "CNY"}
	mustDo(t, p.db.CreateOrder(ctx, o))
	id := strconv.FormatInt(o.ID, 10)
	form := p.mustPage("rep1", "/orders/"+id+"/edit")
	contains(t, "edit form", form, `data-pick="contacts"`, `data-scope="customer_id"`,
		`value="王芳"`, `name="customer_signer_id" value="`+strconv.FormatInt(k.ID, 10)+`"`, "/picker.")
	show := p.mustPage("rep1", "/orders/"+id)
	contains(t, "detail", show, "华强电子有限公司", "王芳")
}
