package matcher_test

import (
	"fmt"
	"net/mail"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
)

// colleagueCases: co-recipients (To, Cc) at the matched customer's
// corporate domain become its contacts; no one else does.
func colleagueCases(hq, rep int64) []ruleCase {
	liLinks := []string{"contact:li email li.lei@huaqiang.example", "customer:huaqiang email li.lei@huaqiang.example"}
	return []ruleCase{
		{"a known contact copies a colleague: only the same-domain one becomes a contact",
			cc(email("li.lei@huaqiang.example", "李雷", "样品", "请看"), []string{"sales@rapport.example"},
				"王总 <wang.zong@HuaQiang.example>", "friend@qq.com", "Bob <bob.new@acme.example>", "boss@rapport.example", "not an address"),
			want{contact: "li", customer: "huaqiang", links: liLinks,
				colleagues: []string{"王总 <wang.zong@huaqiang.example> customer:huaqiang user:rep"}}},
		{"a new sender at the domain, copying the sender, an existing contact and a new one",
			cc(email("liu.qiang@huaqiang.example", "刘强", "样品", "请寄样品"), []string{"zhao.min@huaqiang.example"},
				"Li <LI.LEI@huaqiang.example>", "liu.qiang@huaqiang.example", "zhao.min@huaqiang.example"),
			want{customer: "huaqiang", links: []string{"customer:huaqiang domain huaqiang.example"},
				newContact: &crm.Contact{Name: "刘强", Emails: []string{"liu.qiang@huaqiang.example"},
					CustomerID: &hq, OwnerID: &rep},
				colleagues: []string{"zhao.min <zhao.min@huaqiang.example> customer:huaqiang user:rep"}}},
		{"a contact on free mail copies a colleague at the customer's domain",
			cc(email("hanmeimei@qq.com", "韩梅梅", "", "hi"), nil, "xu.jie@huaqiang.example", "her.friend@163.com"),
			want{contact: "han", customer: "huaqiang", links: []string{
				"contact:han email hanmeimei@qq.com", "customer:huaqiang email hanmeimei@qq.com"},
				colleagues: []string{"xu.jie <xu.jie@huaqiang.example> customer:huaqiang user:rep"}}},
		{"a customer without a domain: the sender's corporate domain stands for it",
			cc(email("carol@beta.example", "Carol", "", "hi"), nil, "Dave <dave@beta.example>"),
			want{contact: "carol", customer: "beta", links: []string{
				"contact:carol email carol@beta.example", "customer:beta email carol@beta.example"},
				colleagues: []string{"Dave <dave@beta.example> customer:beta user:rep"}}},
		{"an order names the customer: its domain's co-recipients count, the sender's other domain not",
			cc(email("new.guy@huaqiang.example", "New Guy", "HT2024002", "?"), nil, "ops@acme.example", "boss@huaqiang.example"),
			want{customer: "acme", links: []string{"order:HT2024002 order_number HT2024002",
				"customer:acme order_number HT2024002"},
				colleagues: []string{"ops <ops@acme.example> customer:acme none"}}},
		{"automated mail makes no contacts",
			cc(automated(email("li.lei@huaqiang.example", "李雷", "Out of office", "away")), nil, "wang.zong@huaqiang.example"),
			want{contact: "li", customer: "huaqiang", links: liLinks}},
		{"no customer: co-recipients are only recorded",
			cc(email("first.timer@gmail.com", "First", "hello", "hi"), nil, "li.new@huaqiang.example"),
			want{newLead: &crm.Lead{Name: "First", Email: "first.timer@gmail.com",
				Source: crm.LeadSource{Channel: crm.ChannelEmail}, Notes: "hello\n\nhi"}}},
		{"under review: co-recipients are only recorded",
			cc(email("info@acme.example", "Acme", "", "hello"), nil, "new.one@acme.example"),
			want{customer: "acme", links: []string{"customer:acme email info@acme.example"},
				review: []string{"contact:sales email", "contact:support email"}}},
		{"a mail to a whole company makes at most MaxColleagues contacts",
			cc(email("li.lei@huaqiang.example", "李雷", "通知", "各位好"), nil, staff(matcher.MaxColleagues+5)...),
			want{contact: "li", customer: "huaqiang", links: liLinks, colleagues: staffWant(matcher.MaxColleagues)}},
	}
}

// cc sets in's To and Cc from "Name <address>" strings (any other text is
// kept as the address, as a broken header would give it).
func cc(in *crm.Inbound, to []string, copies ...string) *crm.Inbound {
	in.To, in.Cc = addresses(to), addresses(copies)
	return in
}

func addresses(list []string) []crm.Address {
	out := make([]crm.Address, 0, len(list))
	for _, s := range list {
		a, err := mail.ParseAddress(s)
		if err != nil {
			out = append(out, crm.Address{Address: s})
			continue
		}
		out = append(out, crm.Address{Name: a.Name, Address: a.Address})
	}
	return out
}

func staff(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("staff%02d@huaqiang.example", i)
	}
	return out
}

func staffWant(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("staff%02d <staff%02d@huaqiang.example> customer:huaqiang user:rep", i, i)
	}
	return out
}

// checkColleagues compares the new contacts from co-recipients, in order,
// as "name <email> customer owner", and checks that each is valid.
func (f *fixture) checkColleagues(t *testing.T, got []*crm.Contact, want []string) {
	t.Helper()
	names := make([]string, 0, len(got))
	for _, c := range got {
		var cust, owner int64
		if c.CustomerID != nil {
			cust = *c.CustomerID
		}
		if c.OwnerID != nil {
			owner = *c.OwnerID
		}
		names = append(names, fmt.Sprintf("%s <%s> %s %s", c.Name, firstEmail(c), f.name(crm.RefCustomer, cust), f.name("user", owner)))
		if err := c.Normalize(crm.DefaultRegion); err != nil {
			t.Errorf("colleague %+v is not valid: %v", *c, err)
		}
	}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("colleagues:\n got  %q\n want %q", names, want)
	}
}

func firstEmail(c *crm.Contact) string {
	if len(c.Emails) == 0 {
		return ""
	}
	return c.Emails[0]
}
