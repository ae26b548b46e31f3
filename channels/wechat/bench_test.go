package wechat_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
)

// BenchmarkSafePush is safe-mode pushes through the real HTTP endpoint into
// SQLite, from 16 concurrent clients (WeChat pushes in parallel).
func BenchmarkSafePush(b *testing.B) {
	e := newEnv(b)
	bodies := pushes(b, e, b.N)
	var next atomic.Int64
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p := bodies[next.Add(1)-1]
			if status, _ := e.do(b, http.MethodPost, "/wechat/"+appID, p.q, p.body); status != 200 {
				b.Errorf("status %d", status)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pushes/s")
}

// BenchmarkSafePushPaced sends 200 pushes/s for 5 s and reports latency.
func BenchmarkSafePushPaced(b *testing.B) {
	e := newEnv(b)
	const rate, seconds = 200, 5
	bodies := pushes(b, e, rate*seconds)
	b.ResetTimer()
	for range b.N {
		lat := make([]time.Duration, len(bodies))
		var wg sync.WaitGroup
		tick := time.NewTicker(time.Second / rate)
		for i, p := range bodies {
			<-tick.C
			wg.Add(1)
			go func() {
				defer wg.Done()
				start := time.Now()
				if status, _ := e.do(b, http.MethodPost, "/wechat/"+appID, p.q, p.body); status != 200 {
					b.Errorf("status %d", status)
				}
				lat[i] = time.Since(start)
			}()
		}
		tick.Stop()
		wg.Wait()
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}

type signedPush struct {
	q    map[string][]string
	body []byte
}

func pushes(b *testing.B, e *env, n int) []signedPush {
	out := make([]signedPush, n)
	for i := range out {
		q, body, err := wechattest.SafePush(e.wxAccount(), text(fmt.Sprintf("user%d", i%500),
			fmt.Sprint(900000+i), "你好，请问价格", e.clock.Unix()), e.clock.Stamp(), "n")
		check(b, err)
		out[i] = signedPush{q, body}
	}
	return out
}
