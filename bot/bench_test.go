package bot

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// bigConfig is 1,000 FAQ entries (the evaluation FAQ's phrasings varied by
// product name) and 200 keyword rules of all three match modes.
func bigConfig(t testing.TB) ([]*crm.BotRule, []*crm.FAQ) {
	base := loadEvalFAQ(t)
	products := []string{"净化器", "加湿器", "风扇", "电暖器", "除湿机", "吸尘器", "扫地机", "空调扇"}
	var faqs []*crm.FAQ
	for i := 0; len(faqs) < 1000; i++ {
		b := base[i%len(base)]
		p := fmt.Sprintf("%s%d", products[i%len(products)], i)
		alts := []string{}
		for _, a := range b.Alternatives {
			alts = append(alts, p+a)
		}
		faqs = append(faqs, &crm.FAQ{ID: int64(i + 1), Question: p + b.Question, Alternatives: alts,
			Answer: b.Answer, Enabled: true})
	}
	var rules []*crm.BotRule
	modes := []string{crm.MatchExact, crm.MatchContains, crm.MatchRegex}
	for i := range 200 {
		k := fmt.Sprintf("关键词%d", i)
		if modes[i%3] == crm.MatchRegex {
			k = fmt.Sprintf(`^型号\s*%d号?$`, i)
		}
		rules = append(rules, &crm.BotRule{ID: int64(i + 1), Channel: crm.ChannelWeChat, Account: "wx1",
			Kind: crm.RuleKeyword, Match: modes[i%3], Keywords: []string{k, k + "x"}, Reply: "r", Enabled: true})
	}
	return rules, faqs
}

// BenchmarkDecision measures the decision (everything but the database
// reads and the write) with 1,000 FAQ entries and 200 keyword rules, over
// the evaluation messages, and reports its p50 and p99 (wall and the
// thread's CPU time) besides the mean:
//
//	go test -run XXX -bench Decision ./bot
func BenchmarkDecision(b *testing.B) {
	rules, faqs := bigConfig(b)
	c := buildCache(1, rules, faqs)
	bot := New(Config{})
	s := &crm.BotSettings{Enabled: true, FAQ: true}
	msgs := loadEvalMessages(b)
	r := rand.New(rand.NewPCG(1, 2))
	// The thread's CPU time besides the wall time: on a machine shared
	// with other work the wall p99 is mostly waiting for a core.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var ds, cpu []time.Duration
	for b.Loop() {
		ec := msgs[r.IntN(len(msgs))]
		in := &crm.BotInput{Settings: s, Message: &crm.Message{Channel: crm.ChannelWeChat, Account: "wx1",
			Direction: crm.DirectionIn, ExternalID: "1", Text: ec.text}}
		c0, ok := threadCPU()
		t0 := time.Now()
		bot.choose(in, c, t0)
		ds = append(ds, time.Since(t0))
		if c1, _ := threadCPU(); ok {
			cpu = append(cpu, c1-c0)
		}
	}
	b.ReportMetric(float64(percentile(ds, 50).Microseconds()), "p50-µs")
	b.ReportMetric(float64(percentile(ds, 99).Microseconds()), "p99-µs")
	if len(cpu) > 0 {
		b.ReportMetric(float64(percentile(cpu, 50).Microseconds()), "p50-cpu-µs")
		b.ReportMetric(float64(percentile(cpu, 99).Microseconds()), "p99-cpu-µs")
	}
}

func percentile(ds []time.Duration, p int) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)*p/100]
}

// BenchmarkIndexBuild is what an instance spends when an admin changes
// the FAQ or a rule: the 1,000-entry index is rebuilt on the next message.
func BenchmarkIndexBuild(b *testing.B) {
	rules, faqs := bigConfig(b)
	for b.Loop() {
		buildCache(1, rules, faqs)
	}
}
