package bot

import (
	"context"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

type scope struct{ channel, account string }

// cache holds the rules and the FAQ index as of one store revision. Every
// decision reads the revision (one row); the index is rebuilt only when an
// admin changed something, on whichever instance.
type cache struct {
	rev   int64
	rules map[scope][]*compiled
	faqs  *faqIndex
	// gen and chat are the generative endpoint's settings and client; nil
	// while it is off.
	gen  *crm.GenerativeSettings
	chat *chatClient
	mu   sync.Mutex
	accs map[scope]*crm.BotSettings // read on first use
}

// settings returns an account's settings as of the cache's revision.
func (c *cache) settings(ctx context.Context, st crm.BotStore, channel, account string) (*crm.BotSettings, error) {
	k := scope{channel, account}
	c.mu.Lock()
	s, ok := c.accs[k]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := st.BotSettings(ctx, channel, account)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.accs[k] = s
	c.mu.Unlock()
	return s, nil
}

func (b *Bot) cache(ctx context.Context) (*cache, error) {
	rev, err := b.cfg.Store.BotRevision(ctx)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	c := b.c
	b.mu.Unlock()
	if c != nil && c.rev == rev {
		return c, nil
	}
	rules, err := b.cfg.Store.BotRules(ctx, "", "")
	if err != nil {
		return nil, err
	}
	faqs, err := b.cfg.Store.FAQs(ctx)
	if err != nil {
		return nil, err
	}
	c = buildCache(rev, rules, faqs)
	if err := b.useGenerative(ctx, c); err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.c = c
	b.mu.Unlock()
	return c, nil
}

func buildCache(rev int64, rules []*crm.BotRule, faqs []*crm.FAQ) *cache {
	c := &cache{rev: rev, rules: map[scope][]*compiled{}, faqs: newFAQIndex(faqs), accs: map[scope]*crm.BotSettings{}}
	for _, r := range rules {
		if r.Enabled {
			k := scope{r.Channel, r.Account}
			c.rules[k] = append(c.rules[k], compile(r))
		}
	}
	return c
}

// useGenerative reads the generative settings into the cache and makes
// its client when the endpoint is on.
func (b *Bot) useGenerative(ctx context.Context, c *cache) error {
	if b.cfg.Generative == nil {
		return nil
	}
	g, err := b.cfg.Generative.GenerativeSettings(ctx)
	if err != nil || !g.Enabled {
		return err
	}
	c.gen = g
	c.chat = &chatClient{http: b.cfg.HTTP, baseURL: g.BaseURL, model: g.Model, key: g.APIKey.Reveal(),
		timeout: time.Duration(g.TimeoutMS) * time.Millisecond}
	return nil
}
