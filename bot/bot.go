package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
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
	// HandedOff, if set, is told of each hand-off once it is recorded
	// (crm.EventHandedOff, for the webhooks).
	HandedOff crm.Publisher
	// CatchUp is how far back the sweep looks for messages committed but
	// not decided (a crash between ingest and the bot). Default 15 minutes:
	// an answer later than that would surprise more than help.
	CatchUp time.Duration
	// Generative keeps the generative endpoint's settings and its daily
	// count; nil takes Store's when it has them (the SQL store does).
	Generative crm.GenerativeStore
	// HTTP calls the generative endpoint; nil: a client of its own.
	HTTP *http.Client
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
	if g, ok := cfg.Store.(crm.GenerativeStore); ok && cfg.Generative == nil {
		cfg.Generative = g
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{}
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
	ds, err := b.DecideMany(ctx, []int64{id})
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	return ds[0], nil
}

// DecideMany decides several messages and records the decisions in one
// transaction: a burst of pushes costs the database one write, not one
// per message. It returns the decisions that were new.
func (b *Bot) DecideMany(ctx context.Context, ids []int64) ([]*crm.BotDecision, error) {
	c, err := b.cache(ctx)
	if err != nil {
		return nil, err
	}
	ps := make([]*pending, 0, len(ids))
	for _, id := range ids {
		p, err := b.chooseFor(ctx, c, id)
		if err != nil {
			return nil, err
		}
		if p != nil {
			ps = append(ps, p)
		}
	}
	b.askAll(ctx, c, ps)
	var rs []crm.BotRecord
	for _, p := range ps {
		r, err := b.prepare(ctx, p)
		if err != nil {
			return nil, err
		}
		rs = append(rs, *r)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	done, err := b.cfg.Store.RecordBotDecisions(ctx, rs)
	if err != nil {
		return nil, err
	}
	var out []*crm.BotDecision
	for i, r := range rs {
		if !done[i] {
			continue
		}
		if r.M != nil {
			b.cfg.Outbox.Queued(r.M)
		}
		if r.D.Action == crm.BotHandoff && b.cfg.HandedOff != nil {
			b.cfg.HandedOff.Publish(crm.Event{Kind: crm.EventHandedOff, ConversationID: r.D.ConversationID, MessageID: r.D.MessageID})
		}
		b.cfg.Log.Debug("bot decided", "message", r.D.MessageID, "action", r.D.Action, "reason", r.D.Reason)
		out = append(out, r.D)
	}
	return out, nil
}

// pending is a message decided but not yet prepared: its generative
// question, if any, is asked between the two.
type pending struct {
	in  *crm.BotInput
	ch  choice
	now time.Time
}

// chooseFor decides about one message; nil for a message that is not the
// bot's to decide (ours, a note, a web form's).
func (b *Bot) chooseFor(ctx context.Context, c *cache, id int64) (*pending, error) {
	in, err := b.cfg.Store.BotInput(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.Message.Direction != crm.DirectionIn || !crm.BotDecides(in.Message.Channel) {
		return nil, nil
	}
	if in.Settings, err = c.settings(ctx, b.cfg.Store, in.Message.Channel, in.Message.Account); err != nil {
		return nil, err
	}
	now := b.cfg.Now()
	return &pending{in: in, ch: b.choose(in, c, now), now: now}, nil
}

// askAll asks the generative endpoint the burst's questions, a few at a
// time, outside any transaction: a slow endpoint delays the answers by at
// most its timeout, and a failure leaves the plain answer or the hand-off.
func (b *Bot) askAll(ctx context.Context, c *cache, ps []*pending) {
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, p := range ps {
		if p.ch.ask == nil {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			ans, err := b.generate(ctx, c, p.ch.ask)
			applyGenerated(&p.ch, p.ch.ask, c.gen.Model, ans, err)
		}()
	}
	wg.Wait()
}

// prepare records the decision and prepares its answer.
func (b *Bot) prepare(ctx context.Context, p *pending) (*crm.BotRecord, error) {
	in, ch, now := p.in, p.ch, p.now
	d := &crm.BotDecision{MessageID: in.Message.ID, ConversationID: in.Message.ConversationID, Channel: in.Message.Channel,
		Account: in.Message.Account, Action: ch.action, Reason: ch.reason, RuleID: ch.ruleID, FAQID: ch.faqID,
		Score: ch.score, DecidedAt: now, HandoffTeamID: in.Settings.HandoffTeamID}
	r := &crm.BotRecord{D: d}
	if ch.text == "" && len(ch.images) == 0 {
		return r, nil
	}
	var err error
	r.M, r.O, err = b.cfg.Outbox.Prepare(ctx, crm.System, crm.Draft{ConversationID: d.ConversationID,
		Kind: crm.OutAuto, Text: ch.text, Attachments: ch.images, Link: ch.link})
	var ce *crm.Error
	switch {
	case errors.As(err, &ce) && (ce.Code == crm.ERATELIMITED || ce.Code == crm.EINVALID):
		// Over the per-sender cap, outside WeChat's window, no channel:
		// the decision stands, unsent, with the reason.
		d.Reason += "; not sent: " + ce.Message
		r.M, r.O = nil, nil
	case err != nil:
		return nil, err
	}
	return r, nil
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
			ids := drain(events, e, 128)
			if len(ids) == 0 {
				continue
			}
			if _, err := b.DecideMany(ctx, ids); err != nil {
				b.cfg.Log.Warn("bot decisions failed; the sweep will retry", "messages", len(ids), "err", err)
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
		if _, err := b.DecideMany(ctx, ids); err != nil {
			return err
		}
		if len(ids) < 100 {
			return nil
		}
	}
}

// drain collects the new messages' ids of e and of the events already
// waiting, up to max, so that a burst is decided together. Messages of a
// channel the bot does not decide about (a web form's) are passed over
// unread.
func drain(events <-chan crm.Event, e crm.Event, max int) []int64 {
	var ids []int64
	for {
		if e.Kind == crm.EventMessageNew && e.MessageID != 0 && (e.Channel == "" || crm.BotDecides(e.Channel)) {
			ids = append(ids, e.MessageID)
		}
		if len(ids) >= max {
			return ids
		}
		select {
		case next, ok := <-events:
			if !ok {
				return ids
			}
			e = next
		default:
			return ids
		}
	}
}
