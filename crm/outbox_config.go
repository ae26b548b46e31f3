package crm

import (
	"log/slog"
	"time"
)

// EventMessageUpdated tells live views that a message changed: an outbound
// message was queued, sent, delivered or failed.
const EventMessageUpdated = "message.updated"

// OutboxConfig configures an Outbox.
type OutboxConfig struct {
	Store   OutboxStore
	Senders map[string]Sender // by channel
	Events  Publisher         // nil: publish nothing
	Now     func() time.Time
	Logger  *slog.Logger
	// MaxAttempts bounds the tries of a message with temporary failures
	// before it is marked failed. Default 8.
	MaxAttempts int
	// Backoff is the wait before try n+1 after n temporary failures.
	// Default: 30 s doubling, at most one hour.
	Backoff func(n int) time.Duration
	// Lease is how long a claimed message is withheld from other
	// instances while it is being sent. Default 2 minutes.
	Lease time.Duration
	// Poll is how often the worker looks for due messages when nothing wakes
	// it (retries, messages queued by other instances). Default 5 s.
	Poll time.Duration
	// AutoReplyCap bounds automatic answers to one address per day, so that
	// two robots cannot answer each other for ever. Default 3.
	AutoReplyCap int
	// AutoReplyCaps overrides AutoReplyCap per channel. A WeChat follower
	// is a person on WeChat's own client, never a robot that answers
	// back, and the bot answers only what they send, once each: the cap
	// only bounds a flood. Default 200 a day.
	AutoReplyCaps map[string]int
}

// Outbox queues outbound messages durably and sends them through their
// channel's Sender: retried with back-off, marked sent exactly once, and
// failures kept with the channel's reason for the rep to see.
type Outbox struct {
	cfg  OutboxConfig
	wake chan struct{}
}

// NewOutbox returns an Outbox; call Run to start its worker.
func NewOutbox(cfg OutboxConfig) *Outbox {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 8
	}
	if cfg.Backoff == nil {
		cfg.Backoff = defaultBackoff
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Minute
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 5 * time.Second
	}
	if cfg.AutoReplyCap <= 0 {
		cfg.AutoReplyCap = 3
	}
	if cfg.AutoReplyCaps == nil {
		cfg.AutoReplyCaps = map[string]int{ChannelWeChat: 200}
	}
	return &Outbox{cfg: cfg, wake: make(chan struct{}, 1)}
}

// defaultBackoff waits 30 s after a message's first temporary failure,
// doubling up to an hour.
var defaultBackoff = Backoff{First: 30 * time.Second, Max: time.Hour}.After
