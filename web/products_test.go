package web_test

import (
	"fmt"
	"net/url"
	"testing"
)

// TestProductsAndDealers: managers keep the catalogue, reps read it; an
// order line picks a product by SKU in the form; a dealer's page sums the
// orders sold through it and links each figure to its order list.
func TestProductsAndDealers(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	var prod, dealer, end, order record
	p.call("manager", "POST", "/api/v1/products", record{"sku": "SEN-01", "name": "温度传感器", "list_price": 9900,
		"cost": 6000, "category": "传感器"}, 201, &prod)
	p.fail("rep1", "POST", "/api/v1/products", record{"sku": "X", "name": "x"}, 403, "forbidden")
	p.call("rep1", "GET", fmt.Sprintf("/api/v1/products/%d", prod.id()), nil, 200, nil)
	p.call("rep1", "POST", "/api/v1/customers", record{"name": "华东经销商", "kind": "dealer"}, 201, &dealer)
	p.call("rep1", "POST", "/api/v1/customers", record{"name": "终端甲"}, 201, &end)
	p.fail("rep1", "POST", "/api/v1/orders", record{"number": "SO-0", "customer_id": dealer.id(), "dealer_id": end.id()},
		400, "invalid")

	form := url.Values{"number": {"SO-1"}, "customer_id": {fmt.Sprint(end.id())}, "dealer_id": {fmt.Sprint(dealer.id())},
		"order_date": {"2026-03-02"}, "items.product": {"SEN-01", "安装"}, "items.quantity": {"2", "1"},
		"items.unit_price": {"90", "5"}, "items.product_id": {"", ""}, "items.unit_cost": {"", ""}}
	_, id := p.savedID("rep1", "/orders", form)
	p.call("rep1", "GET", fmt.Sprintf("/api/v1/orders/%d", id), nil, 200, &order)
	items := order["items"].([]any)
	if line := items[0].(map[string]any); line["product"] != "温度传感器" || line["unit_cost"].(float64) != 6000 {
		t.Errorf("line 1 = %v, want the catalogue product with its cost", line)
	}
	edit := p.mustPage("rep1", fmt.Sprintf("/orders/%d/edit", id))
	contains(t, "order form", edit, `name="items.product_id" value="`+fmt.Sprint(prod.id())+`"`, `<datalist id="product-skus">`)

	page := p.mustPage("manager", fmt.Sprintf("/dealers/%d", dealer.id()))
	contains(t, "dealer page", page, "终端甲", "185.00", "<svg class=\"chart\"",
		fmt.Sprintf(`/orders?dealer_id=%d&amp;customer_id=%d`, dealer.id(), end.id()))
	list := p.mustPage("manager", fmt.Sprintf("/orders?dealer_id=%d&customer_id=%d", dealer.id(), end.id()))
	contains(t, "drilled list", list, "SO-1")
	if st, _ := p.page("rep3", fmt.Sprintf("/dealers/%d", dealer.id())); st != 404 {
		t.Errorf("rep3 opens another team's dealer: %d", st)
	}
	contains(t, "dealers list", p.mustPage("rep1", "/dealers"), "华东经销商", "185.00")
	contains(t, "products list", p.mustPage("rep2", "/products"), "SEN-01", "99.00")
}
