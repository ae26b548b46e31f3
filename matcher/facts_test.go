package matcher

import (
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestFacts(t *testing.T) {
	m := New(Config{OwnDomains: []string{"rapport.example"}})
	in := &crm.Inbound{
		From:    crm.Address{Name: "Li Lei", Address: "Li.Lei@HuaQiang.example"},
		Subject: "关于 SO-20240001 和 T-123",
		Text:    "我的电话是13800138000，座机(0755) 8888-1234。订单号：13900139000\n> 旧的 13700137000",
		Person:  crm.Person{Email: "lilei@qq.com", Phone: "+86 138 0013 8000", Company: "深圳市华强电子有限公司"},
	}
	f := m.facts(in)
	check := func(name string, got, want any) {
		t.Helper()
		if !equal(got, want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("emails", f.emails, []string{"li.lei@huaqiang.example", "lilei@qq.com"})
	check("domain", f.domain, "huaqiang.example")
	check("stated", f.stated, "+8613800138000")
	// The stated phone is not repeated; the order number is not a phone;
	// the quoted line is not searched.
	check("phones", f.phones, []string{"+8675588881234"})
	check("orders", f.orders, []string{"SO-20240001", "13900139000"})
	check("tasks", f.tasks, []string{"T-123"})
	check("company", f.company, "华强电子")
	check("own", f.own, false)

	f = m.facts(&crm.Inbound{From: crm.Address{Address: "rep@rapport.example"}})
	check("own domain", f.own, true)
	check("own domain is no customer domain", f.domain, "")

	f = m.facts(&crm.Inbound{From: crm.Address{Address: "oWeChatOpenID123"}})
	check("openid is no email", len(f.emails), 0)
}

func equal(a, b any) bool {
	if x, ok := a.([]string); ok {
		y, _ := b.([]string)
		return slices.Equal(x, y)
	}
	return a == b
}

// TestCompanyKeysForDuplicates pins the company names the duplicate check
// treats as one company (crm.CompanyKey), as a form writes them.
func TestCompanyKeysForDuplicates(t *testing.T) {
	m := New(Config{})
	same := [][]string{
		{"深圳市华强电子有限公司", "华强电子（深圳）有限公司", "华强电子", " 华强电子股份有限公司 "},
		{"Acme Robotics Co., Ltd.", "ACME Robotics, Inc.", "acme robotics"},
	}
	for _, group := range same {
		want := m.facts(&crm.Inbound{Person: crm.Person{Company: group[0]}}).company
		if want == "" {
			t.Fatalf("%q has no key", group[0])
		}
		for _, name := range group[1:] {
			if got := m.facts(&crm.Inbound{Person: crm.Person{Company: name}}).company; got != want {
				t.Errorf("key(%q) = %q, want %q as for %q", name, got, want, group[0])
			}
		}
	}
	for _, name := range []string{"", "有限公司", "Inc.", "公司"} {
		if got := m.facts(&crm.Inbound{Person: crm.Person{Company: name}}).company; got != "" {
			t.Errorf("key(%q) = %q, want none (it must never match)", name, got)
		}
	}
}
