package web

import (
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// buildRouter turns the route table into a chi router.
func (s *Server) buildRouter(rs []route) chi.Router {
	r := chi.NewRouter()
	r.Use(s.measure, s.recoverer, securityHeaders, s.crossOrigin, s.authenticate)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, crm.Errorf(crm.ENOTFOUND, "No such page."))
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		// Not a crm error: the path exists, the method does not (chi has
		// set the Allow header already).
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{Code: "method_not_allowed",
			Message: "Method " + r.Method + " is not allowed here."})
	})
	for _, rt := range rs {
		r.Method(rt.Method, rt.Pattern, s.handler(rt))
	}
	return r
}

// handler wraps one route with its access check, query check and, for JSON
// routes, the writing of the result or the error.
func (s *Server) handler(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := allow(rt, r); err != nil {
			if rt.Page && crm.ErrorCode(err) == crm.EUNAUTHORIZED {
				redirectToLogin(w, r)
				return
			}
			s.writeError(w, r, err)
			return
		}
		if err := checkParams(r, rt.Params); err != nil {
			s.writeError(w, r, err)
			return
		}
		if rt.raw != nil {
			rt.raw(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		out, err := rt.api(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, rt.Status, out)
	})
}

// allow checks the route's access rule against the logged-in user.
func allow(rt route, r *http.Request) error {
	if rt.Access == public {
		return nil
	}
	a := authOf(r.Context())
	u := a.user
	switch {
	case a.err != nil:
		return a.err
	case u == nil:
		return errUnauthorized()
	case rt.Access == adminOnly && u.Role != crm.RoleAdmin:
		return errForbidden("Only an admin may do this.")
	}
	return nil
}

// checkParams refuses query parameters the route does not declare.
func checkParams(r *http.Request, ps []param) error {
	p := crm.Problems{}
	for name := range r.URL.Query() {
		if !hasParam(ps, name) {
			p.Add(name, "is not a known query parameter")
		}
	}
	return p.Err()
}

func hasParam(ps []param, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

// recoverer turns a panic into a logged 500 instead of a dropped connection.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				// A plain error is internal: writeError logs it once.
				s.writeError(w, r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response should carry.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}
