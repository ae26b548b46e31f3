package web

import (
	"context"
	"net/http"
	"time"
)

// health is the body of the health checks.
type health struct {
	Status  string `json:"status"`
	Version string `json:"version"`
}

// healthz answers as long as the process serves HTTP.
func (s *Server) healthz(r *http.Request) (health, error) {
	return health{Status: "ok", Version: s.version}, nil
}

// readyz answers 200 when the database answers, 503 otherwise, so that a
// load balancer sends traffic only to instances that can serve it.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.WarnContext(r.Context(), "not ready: database does not answer", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, health{Status: "unavailable", Version: s.version})
		return
	}
	writeJSON(w, http.StatusOK, health{Status: "ok", Version: s.version})
}

// getOpenAPI serves the API description built from the route table.
func (s *Server) getOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(s.openapi())
}
