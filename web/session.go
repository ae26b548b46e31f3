package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/ratelimit"
)

// sessionCookie holds the browser's session token; the store keeps its hash.
const sessionCookie = "rapport_session"

// loginFormLimit bounds the login form body.
const loginFormLimit = 16 << 10

// postLogin checks a password, then starts a session.
func (s *Server) postLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, loginFormLimit)
	d := s.pageData(w, r, "login.title")
	if err := r.ParseForm(); err != nil {
		d.Error = "login.bad_form"
		s.render(w, r, http.StatusBadRequest, "login", d)
		return
	}
	d.Email, d.Next = r.PostForm.Get("email"), safeNext(r.PostForm.Get("next"))
	email, _ := crm.NormalizeEmail(d.Email)
	try, wait := s.limits.begin(r.Context(), s.clientAddress(r), accountKey(d.Email), s.now())
	if try == nil {
		s.tooMany(w, r, d, wait)
		return
	}
	release, ok := s.hashes.enter(r.Context())
	if !ok {
		try.succeeded() // never tried: not a failure
		s.tooMany(w, r, d, hashBusyRetry)
		return
	}
	u, err := s.checkPassword(r.Context(), email, r.PostForm.Get("password"))
	release()
	if err == nil {
		try.succeeded()
		err = s.startSession(w, r, u)
	}
	switch crm.ErrorCode(err) {
	case "":
		http.Redirect(w, r, d.Next, http.StatusSeeOther)
	case crm.EUNAUTHORIZED:
		d.Error = "login.failed"
		s.render(w, r, http.StatusUnauthorized, "login", d)
	default:
		s.writeError(w, r, err)
	}
}

// tooMany answers 429 with the login page and when to come back.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, d pageData, wait time.Duration) {
	w.Header().Set("Retry-After", ratelimit.RetryAfter(wait))
	d.Error = "login.too_many"
	s.render(w, r, http.StatusTooManyRequests, "login", d)
}

// checkPassword returns the enabled user with this email and password, or
// EUNAUTHORIZED. It hashes even for unknown emails, so that the answer's
// timing does not tell which emails have accounts.
func (s *Server) checkPassword(ctx context.Context, email, password string) (*crm.User, error) {
	var u *crm.User
	if email != "" {
		var err error
		u, err = s.store.UserByEmail(ctx, email)
		if err != nil && !crm.IsNotFound(err) {
			return nil, err
		}
	}
	hash := s.dummyHash()
	if u != nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	ok := crm.CheckPassword(hash, password)
	if u == nil || !ok || u.Disabled || hash != u.PasswordHash {
		return nil, crm.Errorf(crm.EUNAUTHORIZED, "Wrong email or password.")
	}
	return u, nil
}

// startSession audits the login, stores the session's hash and sets the cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *crm.User) error {
	ctx := r.Context()
	err := s.store.Audit(ctx, &crm.AuditEntry{ActorID: &u.ID, Action: "user.login",
		Subject: crm.Ref{Kind: refUser, ID: u.ID}, Detail: "password login from " + s.clientAddress(r)})
	if err != nil {
		return err
	}
	token, hash, err := crm.NewToken("")
	if err != nil {
		return err
	}
	now := s.now()
	sess := &crm.Session{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.cfg.SessionTTL)}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return err
	}
	http.SetCookie(w, s.cookie(r, token, sess.ExpiresAt, int(s.cfg.SessionTTL/time.Second)))
	return nil
}

// postLogout ends the session and forgets the cookie.
func (s *Server) postLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.store.DeleteSession(r.Context(), crm.HashToken(c.Value)); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie(r, "", time.Unix(0, 0), -1))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *Server) cookie(r *http.Request, value string, expires time.Time, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", Expires: expires, MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureCookies(r),
	}
}

// accountKey names an account for rate limiting, valid address or not.
func accountKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	return next
}

// refUser is the audit subject kind for a user; crm's Ref kinds cover
// records, not users.
const refUser = "user"

// newDummyHash makes the hash that unknown emails are checked against.
func newDummyHash() string { return crm.UnmatchablePasswordHash() }
