package main

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkPushesWithBot sends 3,000 safe-mode text pushes (500 followers,
// 16 at a time) through the real callback into SQLite, with the bot off
// and on, and reports pushes per second and the push latency's p99. The
// bot decides after the push's commit, so what it costs the push is the
// database and CPU time it takes beside ingest.
//
//	go test -run XXX -bench PushesWithBot -benchtime 1x ./cmd/rapport
func BenchmarkPushesWithBot(b *testing.B) {
	texts := []string{"请问包邮吗", "运费怎么算", "你好", "我的订单到哪了", "这个多少钱", "转人工"}
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("bot=%v", on), func(b *testing.B) {
			_, acc, srv := botPipeline(b, on)
			const n, workers = 3000, 16
			type push struct {
				path string
				body []byte
			}
			ps := make([]push, n)
			for i := range ps {
				body := fmt.Sprintf("<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content><MsgId>%d</MsgId>",
					texts[i%len(texts)], 800000+i)
				ps[i].path, ps[i].body = signedPush(b, acc, fmt.Sprintf("user%d", i%500), body, time.Now().Unix())
			}
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
			for range b.N {
				lat := make([]time.Duration, n)
				var next atomic.Int64
				var wg sync.WaitGroup
				start := time.Now()
				for range workers {
					wg.Go(func() {
						for {
							i := int(next.Add(1)) - 1
							if i >= n {
								return
							}
							t0 := time.Now()
							resp, err := client.Post(srv.URL+ps[i].path, "text/xml", strings.NewReader(string(ps[i].body)))
							if err != nil || resp.StatusCode != 200 {
								b.Errorf("push %d: %v %v", i, err, resp)
								return
							}
							resp.Body.Close()
							lat[i] = time.Since(t0)
						}
					})
				}
				wg.Wait()
				took := time.Since(start)
				slices.Sort(lat)
				b.ReportMetric(float64(n)/took.Seconds(), "pushes/s")
				b.ReportMetric(float64(lat[n*99/100].Microseconds())/1000, "p99-ms")
			}
		})
	}
}
