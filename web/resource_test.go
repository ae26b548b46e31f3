package web_test

import (
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// record is any record as JSON.
type record map[string]any

func (r record) id() int64 { return int64(r["id"].(float64)) }

type list struct {
	Items []record `json:"items"`
	Next  int64    `json:"next"`
}

// Every resource can be created, read, updated (only the fields sent) and
// listed over the API.
func TestResourcesCRUD(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	ids := map[string]int64{}
	tests := []struct {
		name, path string
		create     func() record
		patch      record
		kept       string        // a field create set that the patch must keep
		filter     func() string // a list query that finds just the record
	}{
		{"customers", "/api/v1/customers",
			func() record {
				return record{"name": "深圳华强电子有限公司", "tags": []string{"vip"}, "domain": "huaqiang.example"}
			},
			record{"level": "A"}, "name", func() string { return "?q=华强&status=potential" }},
		{"contacts", "/api/v1/contacts",
			func() record {
				return record{"name": "李伟", "customer_id": ids["customers"], "emails": []string{"Li.Wei@HuaQiang.example"},
					"phones": []string{"138 0013 8000"}, "birthday": "1990-05-01"}
			},
			record{"title": "采购经理"}, "emails", func() string { return fmt.Sprintf("?q=li.wei&customer_id=%d", ids["customers"]) }},
		{"leads", "/api/v1/leads",
			func() record {
				return record{"name": "王芳", "company": "星河贸易", "phone": "+86 139 0000 1111",
					"source": record{"channel": "webform", "utm_source": "baidu"}, "custom": record{"budget": "50万"}}
			},
			record{"status": "contacted"}, "company", func() string { return "?q=星河&channel=webform" }},
		{"orders", "/api/v1/orders",
			func() record {
				return record{"kind": "contract", "number": "HT-2026-001", "customer_id": ids["customers"], "title": "年度供货合同",
					"items": []record{{"product": "传感器", "quantity": 3, "unit_price": 1999}}, "start_date": "2026-03-01"}
			},
			record{"status": "active"}, "amount", func() string { return "?kind=contract&q=HT-2026" }},
		{"payments", "/api/v1/payments",
			func() record {
				return record{"order_id": ids["orders"], "amount": 3000, "method": "bank", "paid_at": "2026-03-02T10:00:00+08:00"}
			},
			record{"notes": "首付款"}, "amount", func() string { return fmt.Sprintf("?order_id=%d", ids["orders"]) }},
		{"tasks", "/api/v1/tasks",
			func() record {
				return record{"title": "寄送样品", "due_at": "2026-03-05T18:00:00+08:00",
					"refs": []record{{"kind": "customer", "id": ids["customers"]}}}
			},
			record{"status": "done"}, "title", func() string { return fmt.Sprintf("?status=done&ref_kind=customer&ref_id=%d", ids["customers"]) }},
		{"follow-ups", "/api/v1/follow-ups",
			func() record {
				return record{"method": "call", "result": "有意向", "refs": []record{{"kind": "lead", "id": ids["leads"]}}}
			},
			record{"next_step": "发报价"}, "result", func() string { return fmt.Sprintf("?user_id=%d&ref_kind=lead&ref_id=%d", e.id("rep1"), ids["leads"]) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var created, got, patched record
			e.call("rep1", "POST", tt.path, tt.create(), 201, &created)
			id := created.id()
			ids[tt.name] = id
			path := fmt.Sprintf("%s/%d", tt.path, id)
			e.call("rep1", "GET", path, nil, 200, &got)
			if fmt.Sprint(got) != fmt.Sprint(created) {
				t.Errorf("GET differs from the POST answer:\n got  %v\n want %v", got, created)
			}
			e.call("rep1", "PATCH", path, tt.patch, 200, &patched)
			for k, v := range tt.patch {
				if fmt.Sprint(patched[k]) != fmt.Sprint(v) {
					t.Errorf("after PATCH %s = %v, want %v", k, patched[k], v)
				}
			}
			if fmt.Sprint(patched[tt.kept]) != fmt.Sprint(created[tt.kept]) {
				t.Errorf("PATCH changed %s: %v → %v", tt.kept, created[tt.kept], patched[tt.kept])
			}
			e.call("rep1", "GET", path, nil, 200, &got)
			if fmt.Sprint(got) != fmt.Sprint(patched) {
				t.Errorf("GET after PATCH differs:\n got  %v\n want %v", got, patched)
			}
			var l list
			e.call("rep1", "GET", tt.path+tt.filter(), nil, 200, &l)
			if len(l.Items) != 1 || l.Items[0].id() != id {
				t.Errorf("list %s: %v, want just %d", tt.filter(), l.Items, id)
			}
		})
	}
}
