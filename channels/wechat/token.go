package wechat

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const (
	// tokenMargin: a token this close to expiry is renewed before use.
	tokenMargin = 5 * time.Minute
	// tokenLease bounds one instance's fetch; a dead holder frees it then.
	tokenLease = 30 * time.Second
)

// token returns the account's access token, shared by every instance
// through the store. A new one is fetched only when the stored one is
// missing, near expiry or was rejected, and only by the instance holding
// the lease: fetching a token invalidates the others' copies.
func (c *Channel) token(ctx context.Context, a *crm.WeChatAccount, rejected string) (string, error) {
	for wait := 20 * time.Millisecond; ; wait = min(2*wait, 500*time.Millisecond) {
		t, err := c.cfg.Store.WeChatToken(ctx, a.AppID)
		if err != nil {
			return "", err
		}
		now := c.cfg.Now()
		if t.Token != "" && t.Token != rejected && now.Before(t.ExpiresAt.Add(-tokenMargin)) {
			return t.Token, nil
		}
		won, err := c.cfg.Store.LeaseWeChatToken(ctx, a.AppID, t.Token, c.cfg.Instance, now, now.Add(tokenLease))
		if err != nil {
			return "", err
		}
		if won {
			return c.fetchToken(ctx, a)
		}
		// Another instance is fetching: wait for its token.
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(wait):
		}
	}
}

func (c *Channel) fetchToken(ctx context.Context, a *crm.WeChatAccount) (string, error) {
	q := url.Values{"grant_type": {"client_credential"}, "appid": {a.AppID}, "secret": {a.AppSecret}}
	var out struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := c.do(ctx, http.MethodGet, apiURL(a, "/cgi-bin/token", q, ""), nil, &out); err != nil {
		return "", err
	}
	t := &crm.WeChatToken{AppID: a.AppID, Token: out.AccessToken,
		ExpiresAt: c.cfg.Now().Add(time.Duration(out.ExpiresIn) * time.Second)}
	if err := c.cfg.Store.SaveWeChatToken(ctx, t, c.cfg.Instance); err != nil {
		return "", err
	}
	c.cfg.Logger.Info("wechat: fetched a new access token", "app_id", a.AppID, "expires_at", t.ExpiresAt)
	return t.Token, nil
}
