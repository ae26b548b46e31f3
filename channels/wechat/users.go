package wechat

import (
	"context"
	"net/http"
	"net/url"
	"sync"

	"github.com/rapport-crm/rapport/crm"
)

// maxUserQueue bounds the users waiting for their info; past it new ones
// are dropped (their next message queues them again).
const maxUserQueue = 10000

type userKey struct{ appID, openID string }

// userQueue holds the users whose info to fetch, each once at a time.
type userQueue struct {
	mu      sync.Mutex
	pending map[userKey]bool
	order   []userKey
	wake    chan struct{}
}

func newUserQueue() *userQueue {
	return &userQueue{pending: map[userKey]bool{}, wake: make(chan struct{}, 1)}
}

func (q *userQueue) add(appID, openID string) {
	k := userKey{appID, openID}
	q.mu.Lock()
	if !q.pending[k] && len(q.order) < maxUserQueue {
		q.pending[k] = true
		q.order = append(q.order, k)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *userQueue) next() (userKey, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.order) == 0 {
		return userKey{}, false
	}
	k := q.order[0]
	q.order = q.order[1:]
	return k, true
}

func (q *userQueue) done(k userKey) {
	q.mu.Lock()
	delete(q.pending, k)
	q.mu.Unlock()
}

// RunUsers fetches the info (nickname, unionid) of users seen for the first
// time, after their push was answered, until ctx ends.
func (c *Channel) RunUsers(ctx context.Context) error {
	for {
		k, ok := c.users.next()
		if !ok {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-c.users.wake:
				continue
			}
		}
		if err := c.fetchUser(ctx, k); err != nil {
			c.cfg.Logger.Warn("wechat: user info not fetched", "app_id", k.appID, "openid", k.openID, "err", err)
		}
		c.users.done(k)
	}
}

func (c *Channel) fetchUser(ctx context.Context, k userKey) error {
	a, err := c.accounts.get(ctx, k.appID)
	if err != nil {
		return err
	}
	var out struct {
		Nickname string `json:"nickname"`
		UnionID  string `json:"unionid"`
	}
	q := url.Values{"openid": {k.openID}, "lang": {"zh_CN"}}
	if err := c.call(ctx, a, http.MethodGet, "/cgi-bin/user/info", q, nil, &out); err != nil {
		return err
	}
	now := c.cfg.Now()
	return c.cfg.Store.SaveWeChatUser(ctx, &crm.WeChatUser{AppID: k.appID, OpenID: k.openID,
		UnionID: out.UnionID, Nickname: out.Nickname, FetchedAt: &now})
}
