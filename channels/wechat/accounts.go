package wechat

import (
	"context"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// accountTTL is how long an account read from the store is trusted: pushes
// then cost no read, and an edit through the API shows within seconds.
const accountTTL = 10 * time.Second

type cachedAccount struct {
	a    *crm.WeChatAccount
	read time.Time
}

type accountCache struct {
	store crm.WeChatStore
	mu    sync.Mutex
	m     map[string]cachedAccount
}

func newAccountCache(s crm.WeChatStore) *accountCache {
	return &accountCache{store: s, m: map[string]cachedAccount{}}
}

// get returns the account with this AppID. ENOTFOUND.
func (c *accountCache) get(ctx context.Context, appID string) (*crm.WeChatAccount, error) {
	now := time.Now() // wall time on purpose: tests move the injected clock by days
	c.mu.Lock()
	ca, ok := c.m[appID]
	c.mu.Unlock()
	if ok && now.Sub(ca.read) < accountTTL {
		return ca.a, nil
	}
	a, err := c.store.WeChatAccount(ctx, appID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.m[appID] = cachedAccount{a: a, read: now}
	c.mu.Unlock()
	return a, nil
}

// apiBase is where the account's API calls go.
func apiBase(a *crm.WeChatAccount) string {
	if a.APIBase != "" {
		return a.APIBase
	}
	return "https://api.weixin.qq.com"
}
