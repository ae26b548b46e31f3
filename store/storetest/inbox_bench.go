package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// InboxBenchOpener returns a store seeded with the inbox data set (seeding
// is not timed; engines cache the seeded database):
//   - users 1…10, reps without a team;
//   - conversations 1…InboxBenchConversations: channel by i%3 (email,
//     wechat, webform), status by i%5 (pending, resolved, resolved, open,
//     open), assignee i%11 (none when 0), labelled VIP when i%20 = 0,
//     last message at base+i seconds, waiting (customer wrote last) when i
//     is even, subject "订单<i> inquiry";
//   - 10 messages each (1M in all), message j's text one of 10 bilingual
//     phrases (j%10) and " #<j>", every tenth ours;
//   - conversation InboxBenchConversations+1, in the pool, with 500 messages.
type InboxBenchOpener = func(b *testing.B) crm.Store

// The inbox data set's size.
const (
	InboxBenchConversations = 100_000
	InboxBenchPerConv       = 10
	InboxBenchLongThread    = 500
)

// InboxBenchPhrases are the seeded message texts, by j%10.
var InboxBenchPhrases = []string{
	"好的，我们已经安排发货 shipped today",
	"您好，请问激光打印机的报价是多少？ price for laser printer",
	"我们需要开具增值税专用发票 VAT invoice please",
	"货物已经收到，谢谢 received the goods",
	"请问保修期是多久？ warranty period",
	"能否提供样品 can you send a sample",
	"付款方式有哪些 payment terms",
	"合同已经签好了 contract signed",
	"包装破损，需要退换 damaged package return",
	"请尽快回复 please reply soon",
}

// BenchInbox times the inbox list under its usual filters, counts, search
// and a 500-message thread, reporting each case's 95th percentile.
func BenchInbox(b *testing.B, open InboxBenchOpener) {
	s := open(b)
	ib := s.(crm.InboxStore)
	rep := crm.Viewer{UserID: 3, Role: crm.RoleRep}
	q := func(v crm.Viewer, f func(*crm.InboxQuery)) crm.InboxQuery {
		iq := crm.InboxQuery{Viewer: v, Status: crm.ConvOpen, Limit: 50}
		f(&iq)
		return iq
	}
	first, err := ib.Inbox(ctx, q(rep, func(*crm.InboxQuery) {}))
	if err != nil || first.Next == "" {
		b.Fatalf("first page: %v %+v", err, first.Next)
	}
	cases := []struct {
		name string
		q    crm.InboxQuery
	}{
		{"rep/open/newest", q(rep, func(*crm.InboxQuery) {})},
		{"rep/open/page2", q(rep, func(q *crm.InboxQuery) { q.Cursor = first.Next })},
		{"rep/mine", q(rep, func(q *crm.InboxQuery) { q.View = crm.ViewMine })},
		{"rep/unassigned", q(rep, func(q *crm.InboxQuery) { q.View = crm.ViewUnassigned })},
		{"rep/waiting", q(rep, func(q *crm.InboxQuery) { q.Sort = crm.SortWaiting })},
		{"rep/wechat", q(rep, func(q *crm.InboxQuery) { q.Channel = crm.ChannelWeChat })},
		{"admin/any-status", q(crm.System, func(q *crm.InboxQuery) { q.Status = "" })},
		{"admin/label", q(crm.System, func(q *crm.InboxQuery) { q.Label = "VIP" })},
		{"rep/search-order-number", q(rep, func(q *crm.InboxQuery) { q.Status, q.Search = "", "订单12345" })},
		{"rep/search-rare-zh", q(rep, func(q *crm.InboxQuery) { q.Status, q.Search = "", "#777777" })},
		{"rep/search-common-zh", q(rep, func(q *crm.InboxQuery) { q.Search = "激光打印机" })},
		{"rep/search-common-en", q(rep, func(q *crm.InboxQuery) { q.Search = "warranty" })},
	}
	for _, c := range cases {
		b.Run("list/"+c.name, func(b *testing.B) {
			timeP95(b, func() error { _, err := ib.Inbox(ctx, c.q); return err })
		})
	}
	b.Run("counts/rep", func(b *testing.B) {
		timeP95(b, func() error { _, err := ib.InboxCounts(ctx, q(rep, func(*crm.InboxQuery) {})); return err })
	})
	long := int64(InboxBenchConversations + 1)
	b.Run("thread/500", func(b *testing.B) {
		timeP95(b, func() error {
			l, err := s.Messages(ctx, rep, long, crm.Page{Limit: InboxBenchLongThread})
			if err == nil && len(l.Items) != InboxBenchLongThread {
				b.Fatalf("%d messages", len(l.Items))
			}
			return err
		})
	})
}

// timeP95 runs fn b.N times and reports the 95th percentile in ms.
func timeP95(b *testing.B, fn func() error) {
	ds := make([]time.Duration, 0, b.N)
	for b.Loop() {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	if len(ds) > 0 {
		b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
	}
}
