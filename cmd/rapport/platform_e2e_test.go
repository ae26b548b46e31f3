package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestServeWebhooksAndMetrics runs rapport serve on each engine: an admin
// subscribes a receiver on 127.0.0.1 (allowed by
// RAPPORT_WEBHOOK_ALLOW_PRIVATE) through the API, creates a customer, and
// the receiver gets it, signed; /metrics, read with the scraper's token
// and parsed with the Prometheus text parser, counts the request and the
// delivery.
func TestServeWebhooksAndMetrics(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		type delivery struct {
			header http.Header
			body   []byte
		}
		got := make(chan delivery, 4)
		rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			got <- delivery{r.Header.Clone(), b}
		}))
		defer rc.Close()
		s := startServer(t, append(e.vars, "RAPPORT_WEBHOOK_ALLOW_PRIVATE=1", "RAPPORT_METRICS_TOKEN=scrape-me-0123",
			"RAPPORT_SECRET_KEY="+strings.Repeat("5a", 32))...) // the webhook secret is sealed
		_, email, pw := s.admin(t)
		cookie := login(t, s.url, email, pw)
		var hook struct {
			SigningSecret string `json:"signing_secret"`
		}
		apiCall(t, s.url, cookie, "POST", "/api/v1/webhooks",
			map[string]any{"url": rc.URL + "/in", "events": []string{"customer.created"}}, http.StatusCreated, &hook)
		apiCall(t, s.url, cookie, "POST", "/api/v1/customers", map[string]any{"name": "明远贸易"}, http.StatusCreated, nil)
		var d delivery
		select {
		case d = <-got:
		case <-time.After(30 * time.Second): // a bound on an asynchronous delivery, not a wait
			t.Fatalf("no delivery within 30s\nstderr:\n%s", s.stderr)
		}
		if !signedBy(hook.SigningSecret, d.header.Get("Rapport-Signature"), d.body) ||
			!strings.Contains(string(d.body), "明远贸易") || d.header.Get("Rapport-Event") != "customer.created" {
			t.Errorf("delivery %v %s: want the customer, signed", d.header, d.body)
		}
		want := map[string]bool{`rapport_webhook_attempts_total{event="customer.created",outcome="sent"}`: false,
			`rapport_http_request_duration_seconds{method="POST",route="/api/v1/customers",status="201"}`: false}
		deadline := time.Now().Add(30 * time.Second)
		for !all(want) && time.Now().Before(deadline) {
			scrape(t, s.url, want)
		}
		for k, ok := range want {
			if !ok {
				t.Errorf("/metrics has no %s", k)
			}
		}
	})
}

func all(m map[string]bool) bool {
	for _, ok := range m {
		if !ok {
			return false
		}
	}
	return true
}

// scrape reads /metrics with the token, parses it, and marks the series
// of want that it finds.
func scrape(t *testing.T, base string, want map[string]bool) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer scrape-me-0123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			var ls []string
			for _, l := range m.GetLabel() {
				ls = append(ls, l.GetName()+`="`+l.GetValue()+`"`)
			}
			key := f.GetName() + "{" + strings.Join(ls, ",") + "}"
			if _, ok := want[key]; ok {
				want[key] = true
			}
		}
	}
}

// signedBy checks Rapport-Signature as docs/webhooks.md tells a receiver to.
func signedBy(secret, header string, body []byte) bool {
	var ts, sig string
	for _, kv := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(kv, "=")
		if k == "t" {
			ts = v
		} else if k == "v1" {
			sig = v
		}
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "." + string(body)))
	return ts != "" && hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(sig))
}

// apiCall makes a JSON call with a session cookie and checks the status.
func apiCall(t *testing.T, base, cookie, method, path string, body any, want int, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: "rapport_session", Value: cookie})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, raw, want)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatal(err)
		}
	}
}
