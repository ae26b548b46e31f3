package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestReportDrillsByProductRegionLevel: sales by product, category, region
// and level link each figure to the order list behind it, and each list
// holds that figure's orders and not the others.
func TestReportDrillsByProductRegionLevel(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	var prod, south, east record
	p.call("manager", "POST", "/api/v1/products", record{"sku": "SEN-01", "name": "温度传感器", "list_price": 9900,
		"category": "传感器"}, 201, &prod)
	p.call("rep1", "POST", "/api/v1/customers", record{"name": "南方客户", "region": "华南", "level": "A"}, 201, &south)
	p.call("rep1", "POST", "/api/v1/customers", record{"name": "东方客户", "region": "华东", "level": "B"}, 201, &east)
	p.savedID("rep1", "/orders", url.Values{"number": {"SO-P"}, "customer_id": {fmt.Sprint(south.id())},
		"order_date": {"2026-03-02"}, "status": {"active"}, "items.product": {"SEN-01"}, "items.quantity": {"2"},
		"items.unit_price": {"90"}, "items.product_id": {""}, "items.unit_cost": {""}})
	p.call("rep1", "POST", "/api/v1/orders", record{"number": "SO-E", "customer_id": east.id(), "amount": 5000,
		"status": "active", "order_date": "2026-03-03"}, 201, nil)
	for _, c := range []struct{ by, param, value, in, out string }{
		{"product", "product_id", fmt.Sprint(prod.id()), "SO-P", "SO-E"},
		{"category", "category", "传感器", "SO-P", "SO-E"},
		{"region", "region", "华东", "SO-E", "SO-P"},
		{"level", "level", "A", "SO-P", "SO-E"},
	} {
		page := p.mustPage("manager", "/reports/sales?by="+c.by)
		v := url.Values{"from": {"2026-03-01"}, "to": {"2026-03-31"}, "sold": {"true"}, c.param: {c.value}}
		link := "/orders?" + strings.ReplaceAll(v.Encode(), "&", "&amp;")
		contains(t, "sales by "+c.by, page, link)
		list := p.mustPage("manager", strings.ReplaceAll(link, "&amp;", "&"))
		contains(t, c.by+" list", list, c.in)
		if strings.Contains(list, c.out) {
			t.Errorf("the list behind sales by %s holds %s", c.by, c.out)
		}
	}
}

// TestFunnelDrillsIntoLeads: the funnel's lead and conversion figures link
// to the lead list of that source and period, and the list holds those
// leads, only the ones the viewer may see.
func TestFunnelDrillsIntoLeads(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	p.call("rep1", "POST", "/api/v1/leads", record{"name": "展会线索", "source": record{"channel": "wechat", "campaign": "expo"}}, 201, nil)
	p.call("rep3", "POST", "/api/v1/leads", record{"name": "别组线索", "source": record{"channel": "wechat", "campaign": "expo"}}, 201, nil)
	page := p.mustPage("manager", "/reports/funnel?by=qr_scene&period=this_month")
	v := url.Values{"from": {"2026-03-01"}, "to": {"2026-03-31"}, "qr_scene": {"expo"}}
	link := "/leads?" + strings.ReplaceAll(v.Encode(), "&", "&amp;")
	contains(t, "funnel by scene", page, link)
	list := p.mustPage("manager", "/leads?"+v.Encode())
	contains(t, "drilled leads", list, "展会线索")
	if strings.Contains(list, "别组线索") {
		t.Error("the manager of team A sees team B's lead behind the funnel figure")
	}
	v.Set("converted", "true")
	if strings.Contains(p.mustPage("manager", "/leads?"+v.Encode()), "展会线索") {
		t.Error("an unconverted lead is listed behind the converted figure")
	}
}
