package web

import (
	"crypto/subtle"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/rapport-crm/rapport/crm"
)

// measure records each request's route pattern, method, status and
// duration in the metrics and, when on, the access log. It wraps the whole
// chain, so refusals and panics count too; the wrapped writer keeps
// http.Flusher for the live events stream. The log has the route pattern,
// never the path or query (ids, unsubscribe tokens) nor any body.
func (s *Server) measure(next http.Handler) http.Handler {
	if s.deps.Metrics == nil && !s.cfg.AccessLog {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		start := time.Now()
		next.ServeHTTP(ww, r)
		route := routePattern(r)
		status := ww.Status()
		if status == 0 {
			status = http.StatusOK
		}
		took := time.Since(start)
		s.deps.Metrics.HTTP(route, r.Method, status, took)
		if s.cfg.AccessLog {
			s.log.Info("http", "method", r.Method, "route", route, "status", status,
				"duration_ms", float64(took.Microseconds())/1000, "bytes", ww.BytesWritten())
		}
	})
}

// metricsScrape reports whether r is a scrape of /metrics with the
// configured bearer token: Prometheus has no session, and its token is
// not a user's API token.
func (s *Server) metricsScrape(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && s.cfg.MetricsToken != "" && r.URL.Path == "/metrics" &&
		subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.MetricsToken)) == 1
}

// getMetrics serves the metrics to a scraper with the token or an admin.
func (s *Server) getMetrics(w http.ResponseWriter, r *http.Request) {
	a := authOf(r.Context())
	switch {
	case s.deps.Metrics == nil:
		s.writeError(w, r, crm.Errorf(crm.ENOTFOUND, "Metrics are not available on this server."))
	case a.scrape || (a.user != nil && a.user.Role == crm.RoleAdmin):
		s.deps.Metrics.Handler().ServeHTTP(w, r)
	case a.user == nil:
		s.writeError(w, r, errUnauthorized())
	default:
		s.writeError(w, r, errForbidden("Only an admin or the metrics token may read the metrics."))
	}
}

// opsRoutes are /metrics and the Go profiler, for operators.
func (s *Server) opsRoutes() []route {
	const pp = "/debug/pprof"
	prof := func(name string) http.HandlerFunc { return pprof.Handler(name).ServeHTTP }
	return []route{
		rawRoute(get, "/metrics", "Prometheus metrics (an admin, or Authorization: Bearer RAPPORT_METRICS_TOKEN)",
			"text/plain", s.getMetrics).open().fails(http.StatusUnauthorized, http.StatusForbidden),
		rawRoute(get, pp+"/", "Go profiler index (admin)", html, pprof.Index).admin().query(pprofParams),
		rawRoute(get, pp+"/profile", "CPU profile (admin)", "application/octet-stream", pprof.Profile).admin().query(pprofParams),
		rawRoute(get, pp+"/trace", "Execution trace (admin)", "application/octet-stream", pprof.Trace).admin().query(pprofParams),
		rawRoute(get, pp+"/symbol", "Symbol lookup (admin)", "text/plain", pprof.Symbol).admin(),
		rawRoute(get, pp+"/cmdline", "Command line (admin)", "text/plain", pprof.Cmdline).admin(),
		rawRoute(get, pp+"/{name}", "A named profile: heap, goroutine, allocs, block, mutex, threadcreate (admin)",
			"application/octet-stream", func(w http.ResponseWriter, r *http.Request) {
				prof(chi.URLParam(r, "name"))(w, r)
			}).admin().query(pprofParams),
	}
}

var pprofParams = []param{{"seconds", "integer", "how long to profile or trace"},
	{"debug", "integer", "1 or 2: text instead of the binary format"}, {"gc", "integer", "1: collect garbage first (heap)"}}
