package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// statusOf is the one table from crm error codes to HTTP statuses.
var statusOf = map[string]int{
	crm.EINVALID:        http.StatusBadRequest,
	crm.EUNAUTHORIZED:   http.StatusUnauthorized,
	crm.EFORBIDDEN:      http.StatusForbidden,
	crm.ENOTFOUND:       http.StatusNotFound,
	crm.ECONFLICT:       http.StatusConflict,
	crm.ETOOLARGE:       http.StatusRequestEntityTooLarge,
	crm.ERATELIMITED:    http.StatusTooManyRequests,
	crm.EINTERNAL:       http.StatusInternalServerError,
	crm.ENOTIMPLEMENTED: http.StatusNotImplemented,
}

// errorBody is the JSON shape of every API error.
type errorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// Localized is the same error in the request's language (its cookie,
	// the user's setting, Accept-Language) when that is not English; the
	// fields above stay English whatever the language.
	Localized *localizedError `json:"localized,omitempty"`
}

// httpStatus returns the status for err's code.
func httpStatus(err error) int {
	if st, ok := statusOf[crm.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// writeError answers with err: JSON under /api, plain text elsewhere. A
// conversation folded into another is not an error: the request is sent on.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if crm.IsNotFound(err) && s.redirectFolded(w, r) {
		return
	}
	s.writeErrorBody(w, r, err)
}

// writeErrorBody writes err. Internal errors are logged here, once, and
// hidden from the client. The log names the route's pattern, not the path:
// a path can carry a secret (a care unsubscribe token is one).
func (s *Server) writeErrorBody(w http.ResponseWriter, r *http.Request, err error) {
	code := crm.ErrorCode(err)
	if code == crm.EINTERNAL {
		s.log.ErrorContext(r.Context(), "request failed",
			"method", r.Method, "route", routePattern(r), "err", err)
	}
	st := httpStatus(err)
	if !isAPI(r) {
		s.errorPage(w, r, st, err)
		return
	}
	body := errorBody{Code: code, Message: crm.ErrorMessage(err), Fields: crm.ErrorFields(err)}
	if lang := langOf(r); lang != "en" {
		body.Localized = localize(lang, err)
	}
	writeJSON(w, st, body)
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Our own types always marshal; this is a bug, not a client error.
		status = http.StatusInternalServerError
		b = []byte(`{"code":"internal","message":"Internal error."}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// isAPI reports whether r is an API call, answered in JSON.
func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/")
}

func errUnauthorized() error {
	return crm.Errorf(crm.EUNAUTHORIZED, "Log in or send a valid bearer token.")
}

func errForbidden(msg string) error { return crm.Errorf(crm.EFORBIDDEN, "%s", msg) }

// invalid returns an EINVALID error naming one field.
func invalid(field, msg string) error {
	p := crm.Problems{}
	p.Add(field, msg)
	return p.Err()
}

// routePattern is the pattern of the route r matched ("/care/unsubscribe/{token}"),
// or "unmatched".
func routePattern(r *http.Request) string {
	if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
		return rc.RoutePattern()
	}
	return "unmatched"
}
