package web_test

import (
	"bufio"
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/metrics"
	"github.com/rapport-crm/rapport/web"
)

const scrapeToken = "scrape-token-0123456789"

func withMetrics(e *env) {
	s := web.New(web.Config{MetricsToken: scrapeToken}, web.Deps{Store: e.db, Metrics: metrics.New(), Now: e.clock.Now,
		Version: "test", Logger: slog.New(slog.NewTextHandler(e.logs, nil))})
	e.srv.Close()
	e.srv = httptest.NewServer(s)
	e.t.Cleanup(e.srv.Close)
}

// TestMetricsAccess: /metrics for admins and the scraper's token only,
// pprof for admins only.
func TestMetricsAccess(t *testing.T) {
	e := newEnv(t, web.Config{})
	withMetrics(e)
	tests := []struct {
		who, token, path string
		want             int
	}{
		{"", "", "/metrics", http.StatusUnauthorized},
		{"", "wrong-token", "/metrics", http.StatusUnauthorized},
		{"", scrapeToken, "/metrics", http.StatusOK},
		{"", scrapeToken, "/api/v1/me", http.StatusUnauthorized}, // the scrape token opens /metrics only
		{"rep1", "", "/metrics", http.StatusForbidden},
		{"admin", "", "/metrics", http.StatusOK},
		{"", "", "/debug/pprof/heap?debug=1", http.StatusUnauthorized},
		{"rep1", "", "/debug/pprof/heap?debug=1", http.StatusForbidden},
		{"admin", "", "/debug/pprof/heap?debug=1", http.StatusOK},
		{"admin", "", "/debug/pprof/", http.StatusOK},
		{"", scrapeToken, "/debug/pprof/goroutine?debug=1", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		req := e.request(tt.who, http.MethodGet, tt.path, nil)
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		if res, _ := e.send(req); res.StatusCode != tt.want {
			t.Errorf("%s as %q/%q: %d, want %d", tt.path, tt.who, tt.token, res.StatusCode, tt.want)
		}
	}
}

// TestMetricsParse makes requests, scrapes /metrics, parses it with the
// Prometheus text parser and finds each request under its route pattern,
// with no token or id in the text.
func TestMetricsParse(t *testing.T) {
	e := newEnv(t, web.Config{})
	withMetrics(e)
	e.call("rep1", http.MethodGet, "/api/v1/me", nil, http.StatusOK, nil)
	e.call("rep1", http.MethodGet, "/api/v1/customers/987654", nil, http.StatusNotFound, nil)
	e.call("rep1", http.MethodGet, "/api/v1/customers/987655", nil, http.StatusNotFound, nil)
	req := e.request("", http.MethodGet, "/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+scrapeToken)
	res, body := e.send(req)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("scrape: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the text parser refuses /metrics: %v", err)
	}
	h := fams["rapport_http_request_duration_seconds"]
	if h == nil {
		t.Fatal("no rapport_http_request_duration_seconds")
	}
	got := map[string]uint64{}
	for _, m := range h.GetMetric() {
		l := map[string]string{}
		for _, lp := range m.GetLabel() {
			l[lp.GetName()] = lp.GetValue()
		}
		got[l["method"]+" "+l["route"]+" "+l["status"]] = m.GetHistogram().GetSampleCount()
	}
	want := map[string]uint64{"GET /api/v1/me 200": 1, "GET /api/v1/customers/{id} 404": 2}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s counted %d, want %d (all: %v)", k, got[k], n, got)
		}
	}
	for _, secret := range []string{scrapeToken, e.tokens["rep1"], "987654"} {
		if bytes.Contains(body, []byte(secret)) {
			t.Errorf("/metrics shows %q", secret)
		}
	}
	if fams["go_goroutines"] == nil || fams["process_start_time_seconds"] == nil {
		t.Error("the Go runtime's and the process's metrics are missing")
	}
}

// TestMetricsKeepLiveEvents: the measuring writer still flushes, so the
// live events stream works with metrics on (as under serve).
func TestMetricsKeepLiveEvents(t *testing.T) {
	e := newEnv(t, web.Config{})
	s := web.New(web.Config{}, web.Deps{Store: e.db, Inbox: e.db, Events: crm.NewBroker(), Metrics: metrics.New(),
		Now: e.clock.Now, Version: "test", Logger: slog.New(slog.NewTextHandler(e.logs, nil))})
	e.srv.Close()
	e.srv = httptest.NewServer(s)
	t.Cleanup(e.srv.Close)
	res, err := http.DefaultClient.Do(e.request("rep1", http.MethodGet, "/events", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	line, err := bufio.NewReader(res.Body).ReadString('\n')
	if err != nil || res.StatusCode != http.StatusOK || line != "retry: 3000\n" {
		t.Fatalf("events stream: %d %q %v, want the first line flushed", res.StatusCode, line, err)
	}
}

// TestAccessLog: off by default; on, one line per request with the route
// pattern and status, never the path's id or the query.
func TestAccessLog(t *testing.T) {
	for _, on := range []bool{false, true} {
		e := newEnv(t, web.Config{})
		s := web.New(web.Config{AccessLog: on}, web.Deps{Store: e.db, Now: e.clock.Now, Version: "test",
			Logger: slog.New(slog.NewJSONHandler(e.logs, nil))})
		e.srv.Close()
		e.srv = httptest.NewServer(s)
		t.Cleanup(e.srv.Close)
		e.call("rep1", http.MethodGet, "/api/v1/customers/424242", nil, http.StatusNotFound, nil)
		e.send(e.request("", http.MethodGet, "/login?next=%2Fsecret-place", nil))
		logs := e.logs.String()
		logged := strings.Contains(logs, `"route":"/api/v1/customers/{id}","status":404`) &&
			strings.Contains(logs, `"route":"/login","status":200`)
		if logged != on || strings.Contains(logs, "424242") || strings.Contains(logs, "secret-place") {
			t.Errorf("access log %v: %s", on, logs)
		}
	}
}
