package metrics

import (
	"testing"
	"time"
)

// BenchmarkHTTP is what measuring one request costs (the middleware's
// own work besides wrapping the writer):
//
//	go test -run - -bench HTTP ./internal/metrics
func BenchmarkHTTP(b *testing.B) {
	m := New()
	for i := range b.N {
		m.HTTP("/f/{key}", "POST", 200+i%2, time.Millisecond)
	}
}

// TestNilMetricsRecordNothing: parts built without metrics call the same
// methods on a nil *Metrics.
func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.HTTP("/", "GET", 200, time.Second)
	m.IngestBatch(3, time.Second)
	m.Event("message.new")
	m.HookAttempt("lead.created", "sent", time.Second)
	m.Sweep("care", nil)
	m.Gauge("x", "y", nil, nil)
}
