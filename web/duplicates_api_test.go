package web_test

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// 查重 finds leads, contacts and customers by each field, whoever owns them,
// and tells the rule, the value and a label of each.
func TestDuplicates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var cust, ct, lead record
	e.call("rep3", "POST", "/api/v1/customers", record{"name": "深圳市华强电子有限公司"}, 201, &cust)
	e.call("rep2", "POST", "/api/v1/contacts", record{"name": "李伟", "emails": []string{"li@huaqiang.example"},
		"phones": []string{"13800138000"}}, 201, &ct)
	e.call("rep1", "POST", "/api/v1/leads", record{"name": "Wang Fang", "company": "Acme Robotics Co., Ltd.",
		"phone": "+1 415-555-0134", "email": "wf@gmail.com"}, 201, &lead)
	tests := []struct {
		name  string
		query record
		kind  string
		id    int64
		rule  string
	}{
		{"company", record{"company": "华强电子（深圳）有限公司"}, crm.RefCustomer, cust.id(), crm.RuleCompany},
		{"phone", record{"phone": "+86 138 0013 8000"}, crm.RefContact, ct.id(), crm.RulePhone},
		{"email", record{"email": "LI@huaqiang.example"}, crm.RefContact, ct.id(), crm.RuleEmail},
		{"name", record{"name": "李伟"}, crm.RefContact, ct.id(), "name"},
		{"lead by phone", record{"phone": "+1 (415) 555 0134"}, crm.RefLead, lead.id(), crm.RulePhone},
		{"lead by company", record{"company": "ACME Robotics Inc."}, crm.RefLead, lead.id(), crm.RuleCompany},
		{"nothing", record{"name": "无此人", "email": "nobody@qq.com"}, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l struct {
				Items []crm.Candidate `json:"items"`
			}
			// rep1 sees none of the other reps' records, and still learns of them.
			e.call("rep1", "POST", "/api/v1/duplicates", tt.query, 200, &l)
			if tt.kind == "" {
				if len(l.Items) != 0 {
					t.Errorf("candidates %+v, want none", l.Items)
				}
				return
			}
			if len(l.Items) != 1 {
				t.Fatalf("candidates %+v, want %s %d", l.Items, tt.kind, tt.id)
			}
			c := l.Items[0]
			if c.Kind != tt.kind || c.ID != tt.id || c.Rule != tt.rule || c.Value == "" || c.Label == "" {
				t.Errorf("candidate %+v, want %s %d by %s with a value and a label", c, tt.kind, tt.id, tt.rule)
			}
		})
	}
}

func TestDuplicatesRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	tests := []struct {
		body  any
		field string
	}{
		{record{}, "name"},
		{record{"name": "  "}, "name"},
		{record{"phone": "12"}, "phone"},
		{record{"email": "not an address"}, "email"},
		{record{"company": "有限公司"}, "company"},
		{record{"name": "李伟", "owner_id": 3}, "owner_id"},
		{record{"phone": 13800138000}, "phone"},
	}
	for _, tt := range tests {
		ae := e.fail("rep1", "POST", "/api/v1/duplicates", tt.body, 400, "invalid")
		if ae.Fields[tt.field] == "" {
			t.Errorf("%v: fields %v do not name %s", tt.body, ae.Fields, tt.field)
		}
	}
	e.fail("rep1", "GET", "/api/v1/duplicates?phone=13800138000", nil, 405, "method_not_allowed")
	e.fail("", "POST", "/api/v1/duplicates", record{"name": "李伟"}, 401, "unauthorized")
}

// 查重 tells a rep that another team's customer exists and who owns it,
// masked; the owner sees it whole; the search box finds it by a fragment.
func TestDuplicatesMasked(t *testing.T) {
	e := newEnv(t, web.Config{})
	var cust record
	e.call("rep3", "POST", "/api/v1/customers", record{"name": "深圳市华强电子有限公司"}, 201, &cust)
	tests := []struct {
		who     string
		query   record
		visible bool
		label   string
	}{
		{"rep1", record{"company": "华强电子有限公司"}, false, "深圳*******公司"},
		{"rep1", record{"q": "华强电子"}, false, "深圳*******公司"},
		{"manager", record{"q": "华强"}, false, "深圳*******公司"},
		{"rep3", record{"q": "华强"}, true, "深圳市华强电子有限公司"},
	}
	for _, tt := range tests {
		var l struct {
			Items []crm.DupMatch `json:"items"`
		}
		b := e.call(tt.who, "POST", "/api/v1/duplicates", tt.query, 200, &l)
		if len(l.Items) != 1 {
			t.Fatalf("%s %v: %s, want one match", tt.who, tt.query, b)
		}
		m := l.Items[0]
		if m.ID != cust.id() || m.Visible != tt.visible || m.Label != tt.label || m.OwnerName != "Rep3" || m.InPool {
			t.Errorf("%s %v: %+v, want visible=%v, label %q, owned by Rep3", tt.who, tt.query, m, tt.visible, tt.label)
		}
		if !tt.visible && strings.Contains(string(b), "深圳市") {
			t.Errorf("%s: the answer shows the hidden name: %s", tt.who, b)
		}
	}
	e.fail("rep1", "POST", "/api/v1/duplicates", record{"q": "华"}, 400, "invalid")
}
