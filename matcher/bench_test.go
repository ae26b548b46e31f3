package matcher_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
)

// BenchmarkMatch measures one decision (Match alone, inside an ingest
// transaction) on a seeded store, over a mix of messages that exercises
// every rule, and reports its p50 and p99. The store holds
// RAPPORT_BENCH_CONTACTS contacts (default 10,000: seeding a million here
// takes the store helper's bulk seeding, which is not exported).
func BenchmarkMatch(b *testing.B) {
	n := benchContacts(b)
	for _, e := range engines() {
		b.Run(fmt.Sprintf("%s/contacts=%d", e.name, n), func(b *testing.B) {
			db := e.open(b)
			seedScale(b, db, n)
			timeMatches(b, db, benchMessages(n))
		})
	}
}

// timeMatches runs b.N decisions over msgs in ingest transactions of 256
// (as crm.Ingester batches), timing each Match call alone.
func timeMatches(b *testing.B, db testStore, msgs []*crm.Inbound) {
	m := matcher.New(matcher.Config{})
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; {
		batch := min(b.N-i, 256)
		must(b, db.WithIngestTx(context.Background(), func(ctx context.Context, tx crm.IngestTx) error {
			for j := range batch {
				start := time.Now()
				if _, err := m.Match(ctx, tx, msgs[(i+j)%len(msgs)]); err != nil {
					return err
				}
				took = append(took, time.Since(start))
			}
			return nil
		}))
		i += batch
	}
	b.StopTimer()
	reportPercentiles(b, took)
}

func benchContacts(b *testing.B) int {
	n, err := strconv.Atoi(os.Getenv("RAPPORT_BENCH_CONTACTS"))
	if err != nil || n <= 0 {
		return 10_000
	}
	return n
}

func reportPercentiles(b *testing.B, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	at := func(p float64) float64 {
		return float64(took[int(p*float64(len(took)-1))].Microseconds())
	}
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}

// benchMessages is a mix: a known address, a WeChat identity, a phone in
// Chinese text, an order number, a new sender at a customer's domain, an
// unknown free-mail sender (the full duplicate check), a known lead's
// address, and a form with a company.
func benchMessages(n int) []*crm.Inbound {
	var out []*crm.Inbound
	for k := range 16 {
		i := (k*7919 + 13) % n
		out = append(out,
			email(benchEmail(i), "Known", "Re: 报价", "好的，谢谢"),
			wechat(benchOpenID(i), "", "你好"),
			email(fmt.Sprintf("nobody%d@gmail.com", k), "", "咨询", "我的电话是"+benchPhone(i)+"，谢谢"),
			email(fmt.Sprintf("buyer%d@163.com", k), "", "订单 "+benchOrder(i%max(n/10, 1)), "什么时候发货？"),
			email(fmt.Sprintf("new%d@%s", k, benchDomain(i%max(n/10, 1))), "New", "spec", "hi"),
			email(fmt.Sprintf("stranger%d@qq.com", k), "陌生人", "询价", "你好，想了解产品，电话 021-6888 1234"),
			email(benchLeadEmail(i%max(n/10, 1)), "Lead", "again", "hello"),
			form(crm.Person{Name: "表单", Email: fmt.Sprintf("f%d@126.com", k), Company: fmt.Sprintf("未知公司%d有限公司", k)}, "demo"),
		)
	}
	return out
}

func benchEmail(i int) string     { return fmt.Sprintf("contact%d@corp%d.example", i, i/10) }
func benchLeadEmail(i int) string { return fmt.Sprintf("lead%d@163.com", i) }
func benchOpenID(i int) string    { return fmt.Sprintf("oBench%07d", i) }
func benchOrder(i int) string     { return fmt.Sprintf("SO-%08d", i) }
func benchDomain(i int) string    { return fmt.Sprintf("corp%d.example", i) }

// benchPhone is a distinct valid Chinese mobile number per i.
func benchPhone(i int) string { return fmt.Sprintf("139%08d", i) }
