// Package webform is the web-form channel: the public capture endpoint
// (POST /f/{key}) that turns a website's enquiry into an inbound message,
// its CORS preflight, and the hosted form page (GET /f/{key}) for those
// without a website of their own.
package webform

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/ratelimit"
)

// Forms is what the handler reads and writes of form definitions.
type Forms interface {
	FormByKey(ctx context.Context, key string) (*crm.Form, error)
}

// Outbox queues the confirmation email (*crm.Outbox).
type Outbox interface {
	Queue(ctx context.Context, v crm.Viewer, d crm.Draft) (*crm.Message, error)
}

// Limit is a token bucket: Rate tokens a second, up to Burst at once.
type Limit struct {
	Rate  float64
	Burst int
}

// Config configures the Handler. Forms and Ingester are required.
type Config struct {
	Forms    Forms
	Ingester crm.MessageIngester
	Outbox   Outbox // nil: no confirmation emails
	// ClientIP returns the submitter's address, believing X-Forwarded-For
	// only from trusted proxies; nil: the peer's address.
	ClientIP func(*http.Request) string
	Now      func() time.Time
	Logger   *slog.Logger
	Region   string // phone numbers without a country code; empty: crm.DefaultRegion
	MaxBody  int64  // bytes; 0: 64 KiB
	PerIP    Limit  // zero: 20 a minute, burst 10
	PerForm  Limit  // zero: 100 a second, burst 200
	// Limits makes the two limiters; nil: in this process. On PostgreSQL
	// serve passes shared ones, so that several instances limit as one.
	Limits ratelimit.Maker
	// CacheTTL is how long a form definition is reused before it is read
	// again; 0: 5 s, negative: read every time.
	CacheTTL time.Duration
	// DedupeWindow: the same form filled in the same way again within it
	// (a double click, a reload) is one message; 0: 10 minutes.
	DedupeWindow time.Duration
}

// Handler serves /f/{key}.
type Handler struct {
	cfg    Config
	forms  *formCache
	perIP  ratelimit.Limiter
	byForm ratelimit.Limiter
	pages  *pageSet
}

// New returns the Handler for cfg.
func New(cfg Config) *Handler {
	cfg = withDefaults(cfg)
	return &Handler{cfg: cfg, forms: newFormCache(cfg.Forms, cfg.CacheTTL, cfg.Now),
		perIP:  cfg.Limits("form-ip", cfg.PerIP.Rate, cfg.PerIP.Burst),
		byForm: cfg.Limits("form", cfg.PerForm.Rate, cfg.PerForm.Burst), pages: mustParsePages()}
}

func withDefaults(cfg Config) Config {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.ClientIP == nil {
		cfg.ClientIP = peerIP
	}
	if cfg.Region == "" {
		cfg.Region = crm.DefaultRegion
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 64 << 10
	}
	if cfg.PerIP == (Limit{}) {
		cfg.PerIP = Limit{Rate: 20.0 / 60, Burst: 10}
	}
	if cfg.PerForm == (Limit{}) {
		cfg.PerForm = Limit{Rate: 100, Burst: 200}
	}
	if cfg.Limits == nil {
		cfg.Limits = ratelimit.InProcess
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = 5 * time.Second
	}
	if cfg.DedupeWindow <= 0 {
		cfg.DedupeWindow = 10 * time.Minute
	}
	return cfg
}

// ServeHTTP answers GET, POST and OPTIONS on /f/{key}; the key is the
// path's last segment, so the handler can be mounted under any router.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	f, err := h.forms.get(r.Context(), key)
	if err != nil {
		h.fail(w, r, nil, nil, err)
		return
	}
	switch r.Method {
	case http.MethodOptions:
		h.preflight(w, r, f)
	case http.MethodPost:
		h.submit(w, r, f)
	case http.MethodGet, http.MethodHead:
		h.page(w, r, f)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST, OPTIONS")
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{Code: "method_not_allowed",
			Message: "Method " + r.Method + " is not allowed here."})
	}
}

func peerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
