package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Outbox is the part of crm.Outbox the bot uses: it prepares an answer as
// a rep's reply would be, and the bot queues it with its decision.
type Outbox interface {
	Prepare(ctx context.Context, v crm.Viewer, d crm.Draft) (*crm.Message, *crm.Outgoing, error)
	Queued(m *crm.Message)
}

// Events is where the bot hears of committed messages.
type Events interface {
	Subscribe(buffer int) (<-chan crm.Event, func())
}

// Config configures a Bot.
type Config struct {
	Store  crm.BotStore
	Outbox Outbox
	Events Events // nil: only the catch-up sweep finds messages
	Now    func() time.Time
	Log    *slog.Logger
	// OwnDomains are our own mail domains: mail from them is never answered.
	OwnDomains []string
	// CatchUp is how far back the sweep looks for messages committed but
	// not decided (a crash between ingest and the bot). Default 15 minutes:
	// an answer later than that would surprise more than help.
	CatchUp time.Duration
}

// Bot decides about inbound messages.
type Bot struct {
	cfg Config
	mu  sync.Mutex
	c   *cache
}

// New returns a Bot; Run starts it.
func New(cfg Config) *Bot {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.CatchUp <= 0 {
		cfg.CatchUp = 15 * time.Minute
	}
	return &Bot{cfg: cfg}
}

func (b *Bot) ownDomain(addr string) bool {
	addr = strings.ToLower(addr)
	for _, d := range b.cfg.OwnDomains {
		if strings.HasSuffix(addr, "@"+strings.ToLower(d)) {
			return true
		}
	}
	return false
}

// Decide makes the one decision about inbound message id and queues its
// answer. Deciding a message again (a retry, another instance) does
// nothing: the store's unique key on the message says it was decided.
func (b *Bot) Decide(ctx context.Context, id int64) (*crm.BotDecision, error) {
	in, err := b.cfg.Store.BotInput(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.Message.Direction != crm.DirectionIn || in.Message.Channel == crm.ChannelNote {
		return nil, nil
	}
	c, err := b.cache(ctx)
	if err != nil {
		return nil, err
	}
	now := b.cfg.Now()
	ch := b.choose(in, c, now)
	d := &crm.BotDecision{MessageID: id, ConversationID: in.Message.ConversationID, Channel: in.Message.Channel,
		Account: in.Message.Account, Action: ch.action, Reason: ch.reason, RuleID: ch.ruleID, FAQID: ch.faqID,
		Score: ch.score, DecidedAt: now}
	var m *crm.Message
	var o *crm.Outgoing
	if ch.text != "" {
		m, o, err = b.cfg.Outbox.Prepare(ctx, crm.System, crm.Draft{ConversationID: d.ConversationID,
			Kind: crm.OutAuto, Text: ch.text})
		var ce *crm.Error
		switch {
		case errors.As(err, &ce) && (ce.Code == crm.ERATELIMITED || ce.Code == crm.EINVALID):
			// Over the per-sender cap, outside WeChat's window, no channel:
			// the decision stands, unsent, with the reason.
			d.Reason += "; not sent: " + ce.Message
			m, o = nil, nil
		case err != nil:
			return nil, err
		}
	}
	done, err := b.cfg.Store.RecordBotDecision(ctx, d, m, o)
	if err != nil || !done {
		return nil, err
	}
	if m != nil {
		b.cfg.Outbox.Queued(m)
	}
	b.cfg.Log.Debug("bot decided", "message", id, "action", d.Action, "reason", d.Reason)
	return d, nil
}

// Run decides each new inbound message as ingest commits it, until ctx
// ends. What it misses (a crash, a full event buffer, another instance's
// ingest) the Sweep finds: serve runs it every minute under the scheduler.
func (b *Bot) Run(ctx context.Context) error {
	if b.cfg.Events == nil {
		<-ctx.Done()
		return ctx.Err()
	}
	events, stop := b.cfg.Events.Subscribe(1024)
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case e, ok := <-events:
			if !ok {
				return nil
			}
			if e.Kind == crm.EventMessageNew && e.MessageID != 0 {
				if _, err := b.Decide(ctx, e.MessageID); err != nil {
					b.cfg.Log.Warn("bot decision failed; the sweep will retry", "message", e.MessageID, "err", err)
				}
			}
		}
	}
}

// Sweep decides the recent inbound messages that have no decision yet. It
// is safe to run on several instances at once.
func (b *Bot) Sweep(ctx context.Context, now time.Time) error {
	for {
		ids, err := b.cfg.Store.UndecidedMessages(ctx, now.Add(-b.cfg.CatchUp), 100)
		if err != nil || len(ids) == 0 {
			return err
		}
		for _, id := range ids {
			if _, err := b.Decide(ctx, id); err != nil {
				return err
			}
		}
		if len(ids) < 100 {
			return nil
		}
	}
}
