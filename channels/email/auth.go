package email

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"github.com/rapport-crm/rapport/crm"
)

// authFunc logs an IMAP connection in.
type authFunc func(ctx context.Context, c *imapclient.Client) error

// xoauth2 is the XOAUTH2 SASL mechanism of Gmail and Microsoft 365; go-sasl
// ships only OAUTHBEARER.
type xoauth2 struct{ user, token string }

var _ sasl.Client = xoauth2{}

func (x xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

// Next answers the server's error challenge (a JSON status) with an empty
// response, after which the server fails the command with its reason.
// SMTP only: see imapXOAuth2.
func (x xoauth2) Next([]byte) ([]byte, error) { return []byte{}, nil }

// imapXOAuth2 ends an IMAP XOAUTH2 exchange at the server's error
// challenge: go-imap (beta.8) would send the empty response as "=", valid
// only as an initial response (RFC 4959), which Dovecot answers with BAD
// and a hang-up. The caller closes the connection instead.
type imapXOAuth2 struct{ xoauth2 }

func (x imapXOAuth2) Next(challenge []byte) ([]byte, error) {
	return nil, &tokenRefusedError{challenge: string(challenge[:min(len(challenge), 200)])}
}

// tokenRefusedError is a server's refusal of an OAuth2 access token; its
// challenge is a JSON status such as {"status":"401","schemes":"bearer"}.
type tokenRefusedError struct{ challenge string }

func (e *tokenRefusedError) Error() string {
	return "the server refused the OAuth2 access token: " + e.challenge
}

// credentials gives a mailbox's IMAP and SMTP logins, fetching OAuth2
// access tokens from a refresh token when one is configured. Fetched
// tokens are saved with the mailbox, so that sessions and replies reuse
// them until they expire, and a refresh token the provider rotates
// replaces the old one (RFC 6749 §6).
type credentials struct {
	m    *crm.Mailbox
	http *http.Client
	now  func() time.Time
	save tokenSaver // nil: fetched tokens are kept in memory only

	mu      sync.Mutex
	token   string
	expires time.Time // zero: unknown
	refresh string
	fresh   bool // token was fetched here, not stored
}

// tokenSaver stores a fetched access token of mailbox id with its expiry
// and, when the provider issued one, the new refresh token.
type tokenSaver func(ctx context.Context, id int64, token crm.Secret, expires time.Time, refresh crm.Secret) error

func newCredentials(m *crm.Mailbox, hc *http.Client, now func() time.Time, save tokenSaver) *credentials {
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &credentials{m: m, http: hc, now: now, save: save, token: m.OAuthToken.Reveal(),
		expires: m.OAuthTokenExpires, refresh: m.OAuthRefreshToken.Reveal()}
}

// imapAuth logs in with a password or XOAUTH2.
func (cr *credentials) imapAuth(ctx context.Context, c *imapclient.Client) error {
	if cr.m.Auth != crm.AuthXOAuth2 {
		if err := c.Login(cr.m.Username, cr.m.Password.Reveal()).Wait(); err != nil {
			return fmt.Errorf("imap login as %s: %w", cr.m.Username, err)
		}
		return nil
	}
	tok, err := cr.accessToken(ctx)
	if err != nil {
		return err
	}
	if err := c.Authenticate(imapXOAuth2{xoauth2{cr.m.Username, tok}}); err != nil {
		return &oauthLoginError{fmt.Errorf("imap xoauth2 as %s: %w", cr.m.Username, err)}
	}
	return nil
}

// oauthLoginError is a failed XOAUTH2 login (not a failed token fetch).
type oauthLoginError struct{ err error }

func (e *oauthLoginError) Error() string { return e.err.Error() }
func (e *oauthLoginError) Unwrap() error { return e.err }

// dial connects to the mailbox's IMAP server and logs in; when a stored
// access token is refused, once more with a new one.
func (cr *credentials) dial(ctx context.Context, onMail func()) (*conn, error) {
	cn, err := dialIMAP(ctx, cr.m, cr.imapAuth, onMail)
	if _, ok := errors.AsType[*oauthLoginError](err); ok && cr.forget() {
		cn, err = dialIMAP(ctx, cr.m, cr.imapAuth, onMail)
	}
	return cn, err
}

// canRefresh reports whether access tokens can be fetched.
func (cr *credentials) canRefresh() bool { return cr.m.OAuthTokenURL != "" && cr.refresh != "" }

// forget drops a stored access token that a server refused before it
// expired (revoked, or its expiry unknown), and reports whether a retry
// would fetch a new one: not when the refused token was just fetched.
func (cr *credentials) forget() bool {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if cr.fresh || !cr.canRefresh() {
		return false
	}
	cr.token = ""
	return true
}

// accessToken returns the access token: the stored or last fetched one
// until a minute before it expires, else a new one fetched with the
// refresh token. Without a refresh token, the stored one, whatever its age.
func (cr *credentials) accessToken(ctx context.Context) (string, error) {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if !cr.canRefresh() {
		return cr.token, nil
	}
	if cr.token != "" && (cr.expires.IsZero() || cr.now().Before(cr.expires.Add(-time.Minute))) {
		return cr.token, nil
	}
	g, err := fetchToken(ctx, cr.http, cr.m, cr.refresh)
	if err != nil {
		return "", err
	}
	cr.token, cr.fresh = g.AccessToken, true
	cr.expires = cr.now().Add(time.Duration(g.ExpiresIn) * time.Second)
	if g.RefreshToken != "" {
		cr.refresh = g.RefreshToken
	}
	if cr.save != nil {
		if err := cr.save(ctx, cr.m.ID, crm.Secret(cr.token), cr.expires, crm.Secret(g.RefreshToken)); err != nil {
			return "", fmt.Errorf("oauth2 token not saved: %w", err)
		}
	}
	return cr.token, nil
}
