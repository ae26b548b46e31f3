package email

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// grant is a token endpoint's answer (RFC 6749 §5.1, §5.2).
type grant struct {
	AccessToken  string `json:"access_token"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"` // a rotated refresh token, if any
	Error        string `json:"error"`
	Description  string `json:"error_description"`
}

// fetchToken exchanges the refresh token for an access token at the
// mailbox's token URL. A refusal says the provider's error and its
// description (invalid_grant: the refresh token was revoked or expired).
func fetchToken(ctx context.Context, hc *http.Client, m *crm.Mailbox, refresh string) (*grant, error) {
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh},
		"client_id": {m.OAuthClientID}, "client_secret": {m.OAuthClientSecret.Reveal()}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.OAuthTokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("oauth2 token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	res, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("oauth2 token: %w", err)
	}
	defer res.Body.Close()
	var g grant
	err = json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&g)
	switch {
	case g.Error == "invalid_grant":
		return nil, fmt.Errorf("oauth2 token refresh refused by %s: %d %s: %s (sign in again and store a new refresh token)",
			req.URL.Host, res.StatusCode, g.Error, g.Description)
	case g.Error != "":
		return nil, fmt.Errorf("oauth2 token refresh refused by %s: %d %s: %s", req.URL.Host, res.StatusCode, g.Error, g.Description)
	case err != nil || res.StatusCode != http.StatusOK || g.AccessToken == "":
		return nil, fmt.Errorf("oauth2 token: %s answered status %d without an access token", req.URL.Host, res.StatusCode)
	}
	return &g, nil
}
