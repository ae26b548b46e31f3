package storetest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// BenchIngest measures end-to-end crm.Ingest throughput as adapters drive
// it: many concurrent callers, each waiting until its message is durable.
// The store must hold the BenchOpener data set for `contacts` contacts. The mix per ten messages: six from known contacts,
// three from new senders (each a new lead after the duplicate check), one
// reply threaded by reference to an earlier message. Every message is sent
// to the mailbox's address; one in ten also copies the sender's colleague
// (another known contact at the same domain), so that the search for new
// colleagues runs on the known senders' messages.
func BenchIngest(b *testing.B, s crm.Store, m crm.MatchDecider, contacts int) {
	ctx, cancel := context.WithCancel(context.Background())
	ing := crm.NewIngester(crm.IngestConfig{Store: s, Matcher: m})
	done := make(chan struct{})
	go func() { ing.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	run := fmt.Sprintf("%d", time.Now().UnixNano()) // fresh ids on a reused database
	var seq atomic.Int64
	b.SetParallelism(16) // adapters mostly wait: many more callers than cores
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := ing.Ingest(ctx, benchInbound(run, seq.Add(1), contacts), nil); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

func benchInbound(run string, i int64, contacts int) *crm.Inbound {
	id := fmt.Sprintf("<%s.%d@bench.example>", run, i)
	in := &crm.Inbound{Channel: crm.ChannelEmail, Account: "bench@rapport.example", ExternalID: id,
		MessageRef: id, Subject: "询价 quote request", Text: "请报价，谢谢。Please send a quote.",
		To: []crm.Address{{Address: "bench@rapport.example"}}, ReceivedAt: time.Now(), Raw: []byte("Subject: bench\r\n\r\nbody")}
	switch k := i % 10; {
	case k < 6:
		in.From.Address = BenchEmail(int(i*7919)%contacts + 1)
		if k == 0 {
			in.Cc = []crm.Address{{Address: BenchEmail(int(i*6007)%contacts + 1)}}
		}
	case k < 9:
		in.From.Address = fmt.Sprintf("new.%s.%d@qq.com", run, i)
	default:
		in.From.Address = BenchEmail(int(i*104729)%contacts + 1)
		in.References = []string{fmt.Sprintf("<%s.%d@bench.example>", run, i-3)}
	}
	return in
}
