package webhook_test

import (
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/webhook"
)

// BenchmarkDeliver measures deliveries a second to a fast receiver on
// 127.0.0.1, claims and bookkeeping on SQLite included:
//
//	go test -run - -bench Deliver -benchtime 2000x ./webhook
func BenchmarkDeliver(b *testing.B) {
	rc := newReceiver(b)
	w := newWorld(b, rc.URL, webhook.Config{Batch: 100}, crm.HookLeadCreated)
	for i := range b.N {
		id := fmt.Sprintf("lead.created:%d", i)
		if _, err := w.db.QueueHookEvent(ctx, crm.HookEvent{ID: id, Type: crm.HookLeadCreated, At: w.clock.Now(),
			Payload: []byte(`{"id":"` + id + `","type":"lead.created","data":{"lead":{"id":1,"name":"王芳"}}}`)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for done := 0; done < b.N; {
		n, err := w.deliv.DeliverDue(ctx)
		if err != nil || n == 0 {
			b.Fatalf("delivered %d: %v", n, err)
		}
		done += n
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deliveries/s")
}
