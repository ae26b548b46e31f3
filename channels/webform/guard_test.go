package webform_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
)

func TestPreflight(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	tests := []struct {
		origin string
		want   int
		acao   string
	}{
		{"https://shop.example.com", http.StatusNoContent, "https://shop.example.com"},
		{"https://evil.example.net", http.StatusForbidden, ""},
		{"null", http.StatusForbidden, ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodOptions, h.url(), nil)
		resp := h.do(req, "Origin: "+tt.origin, "Access-Control-Request-Method: POST",
			"Access-Control-Request-Headers: content-type")
		wantStatus(t, resp, tt.want)
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.acao {
			t.Errorf("%s: Access-Control-Allow-Origin = %q, want %q", tt.origin, got, tt.acao)
		}
		if tt.acao != "" && !strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Content-Type") {
			t.Errorf("%s: allow headers = %q", tt.origin, resp.Header.Get("Access-Control-Allow-Headers"))
		}
	}
}

func TestOriginOnPost(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	ct, body := jsonBody(map[string]any{"full_name": "Evil", "email": "x@evil.example"})
	resp := h.post(ct, body, "Origin: https://evil.example.net")
	if b := wantStatus(t, resp, http.StatusForbidden); !strings.Contains(b, `"code":"forbidden"`) {
		t.Fatalf("body = %s", b)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("a refused origin must get no Access-Control-Allow-Origin")
	}
	ct, body = jsonBody(map[string]any{"full_name": "Good", "email": "good@shop.example"})
	resp = h.post(ct, body, "Origin: https://shop.example.com")
	wantStatus(t, resp, http.StatusOK)
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "https://shop.example.com" {
		t.Fatalf("Access-Control-Allow-Origin = %q", got)
	}
	if ls := h.leads(); len(ls) != 1 || ls[0].Name != "Good" {
		t.Fatalf("leads = %v, want only the allowed origin's", ls)
	}
}

func TestHoneypot(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	v := aSubmission("bot@spam.example")
	v.Set("_hp", "http://cheap-pills.example")
	ct, body := urlencoded(v)
	if b := wantStatus(t, h.post(ct, body, "Accept: application/json"), http.StatusOK); !strings.Contains(b, `"ok":true`) {
		t.Fatalf("body = %s, want the bot told ok", b)
	}
	if n := len(h.leads()); n != 0 || len(h.ing.all()) != 0 {
		t.Fatalf("leads = %d, messages = %d; want nothing stored", n, len(h.ing.all()))
	}
	if !strings.Contains(h.logs.String(), "honeypot") {
		t.Fatalf("log = %s, want the drop logged", h.logs.String())
	}
}

func TestRateLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		cfg       func(*webform.Config)
		otherIP   int // status for a new address once the first is limited
		retryWait string
	}{
		{"per address", func(c *webform.Config) { c.PerIP = webform.Limit{Rate: 1.0 / 60, Burst: 2} },
			http.StatusOK, "60"},
		{"per form", func(c *webform.Config) { c.PerForm = webform.Limit{Rate: 0.5, Burst: 2} },
			http.StatusTooManyRequests, "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, func(c *webform.Config, _ *crm.Form) { tt.cfg(c) })
			send := func(ip, email string) *http.Response {
				ct, body := urlencoded(aSubmission(email))
				return h.post(ct, body, "X-Test-IP: "+ip)
			}
			wantStatus(t, send("198.51.100.1", "a1@x.example"), http.StatusOK)
			wantStatus(t, send("198.51.100.1", "a2@x.example"), http.StatusOK)
			resp := send("198.51.100.1", "a3@x.example")
			wantStatus(t, resp, http.StatusTooManyRequests)
			if got := resp.Header.Get("Retry-After"); got != tt.retryWait {
				t.Fatalf("Retry-After = %q, want %q", got, tt.retryWait)
			}
			wantStatus(t, send("198.51.100.2", "b1@x.example"), tt.otherIP)
			h.clock.Add(time.Minute)
			wantStatus(t, send("198.51.100.1", "a4@x.example"), http.StatusOK)
		})
	}
}

// TestRateLimitIPv6PerSlash64: the addresses of one IPv6 /64 share one
// budget; another /64 has its own.
func TestRateLimitIPv6PerSlash64(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(c *webform.Config, _ *crm.Form) { c.PerIP = webform.Limit{Rate: 1.0 / 60, Burst: 2} })
	send := func(ip, email string) *http.Response {
		ct, body := urlencoded(aSubmission(email))
		return h.post(ct, body, "X-Test-IP: "+ip)
	}
	wantStatus(t, send("2001:db8:0:1::1", "a1@x.example"), http.StatusOK)
	wantStatus(t, send("2001:db8:0:1::2", "a2@x.example"), http.StatusOK)
	wantStatus(t, send("2001:db8:0:1:ffff::3", "a3@x.example"), http.StatusTooManyRequests)
	wantStatus(t, send("2001:db8:0:2::1", "b1@x.example"), http.StatusOK)
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(c *webform.Config, _ *crm.Form) { c.MaxBody = 1 << 10 })
	v := aSubmission("big@x.example")
	v.Set("msg", strings.Repeat("很", 1000))
	ct, body := urlencoded(v)
	b := wantStatus(t, h.post(ct, body), http.StatusRequestEntityTooLarge)
	if !strings.Contains(b, `"code":"too_large"`) {
		t.Fatalf("body = %s", b)
	}
	// Without a length up front (chunked), the limit still holds.
	ct, body = urlencoded(v)
	req, _ := http.NewRequest(http.MethodPost, h.url(), io.MultiReader(body))
	req.Header.Set("Content-Type", ct)
	wantStatus(t, h.do(req), http.StatusRequestEntityTooLarge)
	if len(h.leads()) != 0 {
		t.Fatal("an oversized form must store nothing")
	}
}
