package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// apiTokenPrefix marks Rapport API tokens (crm.NewToken's prefix).
const apiTokenPrefix = "rpt_"

type authKey struct{}

// auth is who made a request and how.
type auth struct {
	user   *crm.User
	bearer bool  // authenticated by an API token, not a cookie
	scrape bool  // a /metrics scrape with the metrics token: no user
	err    error // the store failed: routes that need a user answer with it
}

// authenticate finds the user of a request: by bearer token when an
// Authorization header is present (never falling back to the cookie), else
// by session cookie.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := auth{}
		if s.metricsScrape(r) {
			a.scrape = true
		} else if h := r.Header.Get("Authorization"); h != "" {
			a = s.bearerAuth(r.Context(), h)
			if a.user == nil && a.err == nil {
				s.writeError(w, r, errUnauthorized())
				return
			}
		} else if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			a = s.sessionAuth(r.Context(), c.Value)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, a)))
	})
}

func (s *Server) bearerAuth(ctx context.Context, header string) auth {
	scheme, tok, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(tok, apiTokenPrefix) {
		return auth{bearer: true}
	}
	u, err := s.store.APITokenUser(ctx, crm.HashToken(tok))
	if crm.IsNotFound(err) {
		return auth{bearer: true}
	}
	return auth{user: u, bearer: true, err: err}
}

func (s *Server) sessionAuth(ctx context.Context, token string) auth {
	u, err := s.store.SessionUser(ctx, crm.HashToken(token))
	if crm.IsNotFound(err) {
		return auth{}
	}
	return auth{user: u, err: err}
}

// crossOrigin refuses cross-origin state-changing browser requests. Bearer
// requests are exempt: a browser never attaches an Authorization header on
// its own, so they cannot be forged by another site.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			if err := s.cop.Check(r); err != nil {
				s.writeError(w, r, errForbidden("Cross-origin request refused."))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func authOf(ctx context.Context) auth {
	a, _ := ctx.Value(authKey{}).(auth)
	return a
}

// userOf returns the logged-in user, or nil.
func userOf(ctx context.Context) *crm.User { return authOf(ctx).user }

// viewerOf returns the visibility scope of the logged-in user. Handlers
// behind a member route always have one.
func viewerOf(r *http.Request) crm.Viewer { return userOf(r.Context()).Viewer() }

// redirectToLogin sends a browser to the login page, back here afterwards.
func redirectToLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
}
