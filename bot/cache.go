package bot

import (
	"context"

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
	b.mu.Lock()
	b.c = c
	b.mu.Unlock()
	return c, nil
}

func buildCache(rev int64, rules []*crm.BotRule, faqs []*crm.FAQ) *cache {
	c := &cache{rev: rev, rules: map[scope][]*compiled{}, faqs: newFAQIndex(faqs)}
	for _, r := range rules {
		if r.Enabled {
			k := scope{r.Channel, r.Account}
			c.rules[k] = append(c.rules[k], compile(r))
		}
	}
	return c
}
