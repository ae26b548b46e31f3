package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestPoolPages: the rules editor adds a rule from its form (zh-CN and
// English), refuses a bad one naming the field, and the revisit page lists
// a lost customer and one overdue on its own rhythm, then files revisit
// tasks for their owners.
func TestPoolPages(t *testing.T) {
	p := newPager(t)
	if loc := p.saved("admin", "/pool/rules", url.Values{"kind": {"lead"}, "idle_days": {"15"}, "warn_days": {"3"}}); loc != "/pool" {
		t.Fatalf("adding a rule went to %q", loc)
	}
	res, body := p.post("admin", "/pool/rules", url.Values{"kind": {"lead"}, "idle_days": {"-1"}})
	if res.StatusCode != 400 {
		t.Errorf("a negative rule: status %d (%s)", res.StatusCode, body)
	}
	contains(t, "rules page", p.mustPage("admin", "/pool?lang=zh-CN"), "公海规则", "未跟进天数", "<td>15</td>")
	contains(t, "rules page (en)", p.mustPage("rep1", "/pool?lang=en"), "Pool rules", "Mine about to be reclaimed")

	var lost, regular record
	p.call("rep1", "POST", "/api/v1/customers", record{"name": "流失客户", "status": "lost"}, 201, &lost)
	p.call("rep1", "POST", "/api/v1/customers", record{"name": "月度采购客户"}, 201, &regular)
	for i := range 3 { // an order a day, the last one two days ago
		p.call("rep1", "POST", "/api/v1/orders", record{"number": fmt.Sprintf("SO-%d", i), "customer_id": regular.id(),
			"status": "completed", "items": []record{{"product": "灯带", "quantity": 1, "unit_price": 100}}}, 201, nil)
		p.clock.Add(24 * time.Hour)
	}
	p.clock.Add(24 * time.Hour) // (sessions last a week: the clock moves days, not months)
	page := p.mustPage("rep1", "/revisits?lang=zh-CN")
	contains(t, "revisits", page, "流失客户", "月度采购客户", "逾期未采购")
	loc := p.saved("rep1", "/revisits/tasks", url.Values{"customer_id": {fmt.Sprint(lost.id()), fmt.Sprint(regular.id())}})
	if !strings.HasSuffix(loc, "created=2") {
		t.Fatalf("bulk revisit went to %q", loc)
	}
	var tasks struct{ Items []record }
	p.call("rep1", "GET", "/api/v1/tasks?assignee_id="+fmt.Sprint(p.id("rep1")), nil, 200, &tasks)
	if len(tasks.Items) != 2 {
		t.Errorf("revisit tasks: %d, want 2", len(tasks.Items))
	}
}
