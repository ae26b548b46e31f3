package email

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
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
func (x xoauth2) Next([]byte) ([]byte, error) { return []byte{}, nil }

// credentials gives a mailbox's IMAP and SMTP logins, fetching OAuth2
// access tokens from a refresh token when one is configured.
type credentials struct {
	m    *crm.Mailbox
	http *http.Client
	now  func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

func newCredentials(m *crm.Mailbox, hc *http.Client, now func() time.Time) *credentials {
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &credentials{m: m, http: hc, now: now}
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
	if err := c.Authenticate(xoauth2{cr.m.Username, tok}); err != nil {
		return fmt.Errorf("imap xoauth2 as %s: %w", cr.m.Username, err)
	}
	return nil
}

// accessToken returns the configured access token, or one fetched with the
// refresh token and kept until a minute before it expires.
func (cr *credentials) accessToken(ctx context.Context) (string, error) {
	if cr.m.OAuthRefreshToken == "" || cr.m.OAuthTokenURL == "" {
		return cr.m.OAuthToken.Reveal(), nil
	}
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if cr.token != "" && cr.now().Before(cr.expires) {
		return cr.token, nil
	}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {cr.m.OAuthRefreshToken.Reveal()},
		"client_id": {cr.m.OAuthClientID}, "client_secret": {cr.m.OAuthClientSecret.Reveal()}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cr.m.OAuthTokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("oauth2 token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := cr.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("oauth2 token: %w", err)
	}
	defer res.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		Error       string `json:"error"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || body.AccessToken == "" {
		return "", fmt.Errorf("oauth2 token: status %d %s", res.StatusCode, body.Error)
	}
	cr.token = body.AccessToken
	cr.expires = cr.now().Add(time.Duration(body.ExpiresIn)*time.Second - time.Minute)
	return cr.token, nil
}
