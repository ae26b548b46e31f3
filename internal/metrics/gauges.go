package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Sample is one value of a gauge read at scrape time, with its labels'
// values in the order the gauge declared them.
type Sample struct {
	Labels []string
	Value  float64
}

// readGauge is a gauge whose samples are read when scraped (queue depths,
// poller states): the database holds the truth, shared by all instances,
// so nothing is kept in memory to drift from it.
type readGauge struct {
	desc *prometheus.Desc
	read func(ctx context.Context) ([]Sample, error)
}

func (g readGauge) Describe(ch chan<- *prometheus.Desc) { ch <- g.desc }

func (g readGauge) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	samples, err := g.read(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(g.desc, err)
		return
	}
	for _, s := range samples {
		ch <- prometheus.MustNewConstMetric(g.desc, prometheus.GaugeValue, s.Value, s.Labels...)
	}
}

// Gauge registers a gauge read by read at each scrape. A read error shows
// as a failed scrape of that gauge, not as a zero.
func (m *Metrics) Gauge(name, help string, labels []string, read func(ctx context.Context) ([]Sample, error)) {
	if m == nil {
		return
	}
	m.reg.MustRegister(readGauge{desc: prometheus.NewDesc(name, help, labels, nil), read: read})
}
