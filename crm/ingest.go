package crm

import (
	"context"
	"log/slog"
	"time"
)

// IngestConfig configures an Ingester.
type IngestConfig struct {
	Store   IngestStore
	Matcher MatchDecider
	Events  Publisher // nil: publish nothing
	Now     func() time.Time
	Logger  *slog.Logger
	// MaxBatch bounds how many queued messages share one transaction.
	MaxBatch int
	// LeadTeamID is the team whose round robin assigns new leads that no
	// customer owner claims; 0 leaves them in the pool.
	LeadTeamID int64
	// Observe, if set, is told of each committed batch: its size and how
	// long its transaction took (for /metrics).
	Observe func(n int, took time.Duration)
	// Surveys, if set, takes a customer's bare 1–5 reply to a waiting
	// satisfaction survey as its score: the conversation stays resolved and
	// the bot leaves the reply alone.
	Surveys SurveyReplies
}

// IngestResult tells an adapter what became of its message.
type IngestResult struct {
	MessageID       int64 `json:"message_id"`
	ConversationID  int64 `json:"conversation_id"`
	Duplicate       bool  `json:"duplicate"` // stored before; nothing changed
	NewConversation bool  `json:"new_conversation"`
	ContactID       int64 `json:"contact_id"`
	CustomerID      int64 `json:"customer_id"`
	LeadID          int64 `json:"lead_id"`
	NewLead         bool  `json:"new_lead"`
	NeedsReview     bool  `json:"needs_review"`
	// Skipped: an aside (Inbound.Aside) of a sender with no conversation;
	// nothing was stored.
	Skipped bool   `json:"skipped,omitempty"`
	Links   []Link `json:"links"`
}

// Ingester is the one door for inbound messages. A single writer commits
// the queued messages in batches (group commit): each caller waits until its
// message is durable, and a transaction's fixed cost is shared by the batch.
// Matching runs inside the batch's transaction, so two copies of one message,
// or two messages from one new sender, can never race each other.
type Ingester struct {
	cfg   IngestConfig
	queue chan *ingestReq
}

type ingestReq struct {
	in   *Inbound
	cur  *Cursor
	done chan ingestDone
}

type ingestDone struct {
	res *IngestResult
	err error
}

// NewIngester returns an Ingester; call Run to start its writer.
func NewIngester(cfg IngestConfig) *Ingester {
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = 256
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Ingester{cfg: cfg, queue: make(chan *ingestReq, cfg.MaxBatch*4)}
}

// Ingest stores in (and cur, the adapter's position, in the same
// transaction) and returns once it is durable. The same message ingested
// again returns the first result with Duplicate set.
func (g *Ingester) Ingest(ctx context.Context, in *Inbound, cur *Cursor) (*IngestResult, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	req := &ingestReq{in: in, cur: cur, done: make(chan ingestDone, 1)}
	select {
	case g.queue <- req:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case d := <-req.done:
		return d.res, d.err
	case <-ctx.Done():
		// The message may still commit; its adapter's retry will find it.
		return nil, ctx.Err()
	}
}

// Queued is how many messages wait for the writer (for metrics, and for
// tests that fill a batch before the writer runs).
func (g *Ingester) Queued() int { return len(g.queue) }

// Run is the writer: it commits queued messages until ctx ends.
func (g *Ingester) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case first := <-g.queue:
			g.commit(context.WithoutCancel(ctx), g.collect(first))
		}
	}
}

// collect takes what is queued now, up to MaxBatch; it never waits for more.
func (g *Ingester) collect(first *ingestReq) []*ingestReq {
	batch := []*ingestReq{first}
	for len(batch) < g.cfg.MaxBatch {
		select {
		case r := <-g.queue:
			batch = append(batch, r)
		default:
			return batch
		}
	}
	return batch
}

func (g *Ingester) publish(channel string, res *IngestResult) {
	if g.cfg.Events == nil || res.Duplicate || res.Skipped {
		return
	}
	if res.NewConversation {
		g.cfg.Events.Publish(Event{Kind: EventConversationNew, ConversationID: res.ConversationID})
	}
	g.cfg.Events.Publish(Event{Kind: EventMessageNew, ConversationID: res.ConversationID, MessageID: res.MessageID,
		Channel: channel})
	if res.NewLead {
		g.cfg.Events.Publish(Event{Kind: EventLeadNew, ConversationID: res.ConversationID, LeadID: res.LeadID})
	}
	if res.NeedsReview {
		g.cfg.Events.Publish(Event{Kind: EventReview, ConversationID: res.ConversationID})
	}
}
