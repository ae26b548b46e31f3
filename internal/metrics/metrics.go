// Package metrics is Rapport's Prometheus instrumentation: the metric
// families, the methods that record into them (all safe on a nil
// *Metrics, so that parts built without metrics need no checks), gauges
// read from the database when scraped, and the /metrics handler. Labels
// are route patterns, channels, states and names an admin chose, never
// ids, addresses, bodies or secrets, so that a scrape is small and safe.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the registry and the families Rapport records into.
type Metrics struct {
	reg          *prometheus.Registry
	httpDuration *prometheus.HistogramVec
	ingestBatch  prometheus.Histogram
	ingestTime   prometheus.Histogram
	ingested     *prometheus.CounterVec
	hookAttempts *prometheus.CounterVec
	hookDuration prometheus.Histogram
	sweeps       *prometheus.CounterVec
}

// New returns metrics registered on a registry of their own, with the Go
// runtime's and the process's.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.httpDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "rapport_http_request_duration_seconds", Help: "HTTP requests by route pattern, method and status.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "method", "status"})
	m.ingestBatch = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "rapport_ingest_batch_size", Help: "Inbound messages committed per ingest transaction (group commit).",
		Buckets: []float64{1, 2, 4, 8, 16, 32, 64, 128, 256},
	})
	m.ingestTime = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "rapport_ingest_batch_duration_seconds", Help: "Time to commit one ingest batch.",
		Buckets: prometheus.DefBuckets,
	})
	m.ingested = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "rapport_events_total", Help: "Committed events by kind (message.new is an inbound message stored).",
	}, []string{"kind"})
	m.hookAttempts = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "rapport_webhook_attempts_total", Help: "Webhook delivery attempts by event and outcome (sent, retry, failed).",
	}, []string{"event", "outcome"})
	m.hookDuration = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "rapport_webhook_attempt_duration_seconds", Help: "Time from request to answer of webhook attempts.",
		Buckets: prometheus.DefBuckets,
	})
	m.sweeps = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "rapport_scheduler_sweeps_total", Help: "Scheduler sweep runs by sweep and result (ok, error).",
	}, []string{"sweep", "result"})
	m.reg.MustRegister(m.httpDuration, m.ingestBatch, m.ingestTime, m.ingested, m.hookAttempts, m.hookDuration,
		m.sweeps, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format (or
// OpenMetrics when the scraper asks for it).
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{EnableOpenMetrics: true, Timeout: 10 * time.Second})
}

// HTTP records one request; route is the matched pattern ("unmatched" for
// none), so that ids in paths do not make a series each.
func (m *Metrics) HTTP(route, method string, status int, d time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	m.httpDuration.WithLabelValues(route, method, strconv.Itoa(status)).Observe(d.Seconds())
}

// IngestBatch records one committed ingest batch of n messages.
func (m *Metrics) IngestBatch(n int, d time.Duration) {
	if m == nil {
		return
	}
	m.ingestBatch.Observe(float64(n))
	m.ingestTime.Observe(d.Seconds())
}

// Event counts one committed event by kind.
func (m *Metrics) Event(kind string) {
	if m != nil {
		m.ingested.WithLabelValues(kind).Inc()
	}
}

// HookAttempt records one webhook attempt and its outcome.
func (m *Metrics) HookAttempt(event, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.hookAttempts.WithLabelValues(event, outcome).Inc()
	m.hookDuration.Observe(d.Seconds())
}

// Sweep counts one scheduler sweep run.
func (m *Metrics) Sweep(name string, err error) {
	if m == nil {
		return
	}
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.sweeps.WithLabelValues(name, result).Inc()
}
