package webform_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

var ctx = context.Background()

// recorder passes every message to the real Ingester and keeps its result,
// so that tests can see duplicates and conversations.
type recorder struct {
	g       *crm.Ingester
	mu      sync.Mutex
	results []*crm.IngestResult
}

func (r *recorder) Ingest(ctx context.Context, in *crm.Inbound, cur *crm.Cursor) (*crm.IngestResult, error) {
	res, err := r.g.Ingest(ctx, in, cur)
	if err == nil {
		r.mu.Lock()
		r.results = append(r.results, res)
		r.mu.Unlock()
	}
	return res, err
}

func (r *recorder) all() []*crm.IngestResult {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*crm.IngestResult(nil), r.results...)
}

// harness is the form channel over a real SQLite store, the real Ingester
// and matcher, served on 127.0.0.1 at /f/{key}.
type harness struct {
	t     testing.TB
	db    *sqlstore.DB
	clock *testkit.Clock
	ing   *recorder
	srv   *httptest.Server
	form  *crm.Form
	logs  *testkit.SyncBuffer
	box   *crm.Outbox
}

// newHarness starts everything on the shared test app (internal/testapp);
// change tunes the handler's config and the form before the server starts.
func newHarness(t testing.TB, change func(*webform.Config, *crm.Form)) *harness {
	t.Helper()
	return newHarnessOn(t, testapp.New(t, testapp.Options{Start: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}), change)
}

// newHarnessOn is newHarness on an app the caller made (on PostgreSQL, say).
func newHarnessOn(t testing.TB, app *testapp.App, change func(*webform.Config, *crm.Form)) *harness {
	t.Helper()
	h := &harness{t: t, db: app.DB, clock: app.Clock, logs: &testkit.SyncBuffer{}, ing: &recorder{g: app.Ingester}}
	h.form = testForm()
	cfg := webform.Config{Forms: app.DB, Ingester: h.ing, Now: app.Now,
		Logger:   slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		ClientIP: func(r *http.Request) string { return firstOf(r.Header.Get("X-Test-IP"), "192.0.2.1") }}
	if change != nil {
		change(&cfg, h.form)
	}
	if err := app.DB.CreateForm(ctx, h.form); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/f/{key}", webform.New(cfg))
	h.srv = httptest.NewServer(mux)
	t.Cleanup(h.srv.Close)
	return h
}

func testForm() *crm.Form {
	return &crm.Form{Name: "Contact us 联系我们", AllowedOrigins: []string{"https://shop.example.com"},
		Fields: []crm.FormField{
			{Name: "full_name", MapTo: crm.FieldName, Required: true},
			{Name: "email", MapTo: crm.FieldEmail},
			{Name: "mobile", MapTo: crm.FieldPhone},
			{Name: "company", MapTo: crm.FieldCompany},
			{Name: "msg", MapTo: crm.FieldMessage},
			{Name: "budget", Label: "Budget"},
		}, Tags: []string{"website"}}
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (h *harness) url() string { return h.srv.URL + "/f/" + h.form.Key }

// post sends body with a content type and extra headers ("Name: value").
func (h *harness) post(contentType string, body io.Reader, headers ...string) *http.Response {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.url(), body)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", "form-test/1.0")
	return h.do(req, headers...)
}

func (h *harness) do(req *http.Request, headers ...string) *http.Response {
	h.t.Helper()
	for _, hd := range headers {
		k, v, _ := strings.Cut(hd, ": ")
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func (h *harness) leads() []*crm.Lead {
	h.t.Helper()
	l, err := h.db.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System})
	if err != nil {
		h.t.Fatal(err)
	}
	return l.Items
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantStatus(t *testing.T, resp *http.Response, want int) string {
	t.Helper()
	body := readAll(t, resp)
	if resp.StatusCode != want {
		t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, want, body)
	}
	return body
}
