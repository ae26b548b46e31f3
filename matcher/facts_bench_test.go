package matcher

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// BenchmarkFacts is the matcher's own work per message, without lookups:
// a 2 KB mixed Chinese and English email with a phone, an order number and
// a quoted reply.
func BenchmarkFacts(b *testing.B) {
	m := New(Config{})
	body := strings.Repeat("您好，关于上次的报价，我们需要再确认一下数量和交期。Please confirm the delivery date. ", 20) +
		"\n我的电话是13800138000，订单 SO-20240001。\n\nOn Mon, Jan 1, 2024 at 10:00 AM Rep <rep@x.example> wrote:\n> 旧的内容 13900139000"
	in := &crm.Inbound{From: crm.Address{Address: "li@huaqiang.example"}, Subject: "Re: 报价 2024-03-01", Text: body}
	b.ReportAllocs()
	for b.Loop() {
		m.facts(in)
	}
}
