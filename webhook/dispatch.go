package webhook

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Records are what payloads are read from, as an admin sees them.
type Records interface {
	Conversation(ctx context.Context, v crm.Viewer, id int64) (*crm.Conversation, error)
	InboxMessage(ctx context.Context, v crm.Viewer, id int64) (*crm.Message, error)
	Lead(ctx context.Context, v crm.Viewer, id int64) (*crm.Lead, error)
	Customer(ctx context.Context, v crm.Viewer, id int64) (*crm.Customer, error)
	Order(ctx context.Context, v crm.Viewer, id int64) (*crm.Order, error)
	Payment(ctx context.Context, v crm.Viewer, id int64) (*crm.Payment, error)
}

// DispatchConfig is what a Dispatcher needs; Store and Records are required.
type DispatchConfig struct {
	Store   crm.WebhookStore
	Records Records
	Now     func() time.Time
	Log     *slog.Logger
	Queued  func() // told when deliveries were queued: Deliverer.Wake
	Buffer  int    // events held while the queue writer is busy (default 10,000)
}

// Dispatcher queues a delivery for each committed event a webhook wants.
// It is a crm.Publisher, published to right after the commit; Publish
// never blocks the publisher (the ingest), so events wait in a buffer for
// Run to write them. The delivery row is therefore written right after
// the event's transaction, not in it: an instance that dies in between
// (milliseconds) loses that event's webhooks. Writing them in the same
// transaction would put every record-writing path of the store and the
// ingest behind the webhooks; the window is the price of keeping them
// apart, and it is logged (Dropped) when the buffer overflows.
type Dispatcher struct {
	cfg     DispatchConfig
	events  chan crm.Event
	dropped atomic.Int64

	mu      sync.Mutex
	wanted  []string // event types some enabled webhook wants
	checked time.Time
}

// NewDispatcher fills cfg's defaults.
func NewDispatcher(cfg DispatchConfig) *Dispatcher {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Buffer <= 0 {
		cfg.Buffer = 10000
	}
	return &Dispatcher{cfg: cfg, events: make(chan crm.Event, cfg.Buffer)}
}

// Publish takes an event for Run, without waiting.
func (d *Dispatcher) Publish(e crm.Event) {
	if hookType(e.Kind) == "" {
		return
	}
	select {
	case d.events <- e:
	default:
		d.dropped.Add(1)
		d.cfg.Log.Warn("webhooks: event buffer full, event not delivered", "kind", e.Kind)
	}
}

// Dropped counts the events lost to a full buffer.
func (d *Dispatcher) Dropped() int64 { return d.dropped.Load() }

// Run writes the buffered events' deliveries until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case e := <-d.events:
			if err := d.Handle(ctx, e); err != nil && ctx.Err() == nil {
				d.cfg.Log.Warn("webhooks: queue event", "kind", e.Kind, "err", err)
			}
		}
	}
}

// Handle queues e's deliveries now: the payload is read once and kept, so
// every attempt sends the same body.
func (d *Dispatcher) Handle(ctx context.Context, e crm.Event) error {
	typ := hookType(e.Kind)
	if typ == "" {
		return nil
	}
	if want, err := d.wants(ctx, typ); err != nil || !want {
		return err
	}
	he, err := d.event(ctx, typ, e)
	if err != nil {
		return err
	}
	n, err := d.cfg.Store.QueueHookEvent(ctx, he)
	if n > 0 && d.cfg.Queued != nil {
		d.cfg.Queued()
	}
	return err
}

// wants reports whether an enabled webhook wants typ, from a list kept a
// second, so that a busy ingest with no webhook reads no record for them.
func (d *Dispatcher) wants(ctx context.Context, typ string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if now := d.cfg.Now(); d.checked.IsZero() || now.Sub(d.checked) >= time.Second || now.Before(d.checked) {
		ws, err := d.cfg.Store.Webhooks(ctx)
		if err != nil {
			return false, err
		}
		d.wanted = d.wanted[:0]
		for _, w := range ws {
			if !w.Disabled {
				d.wanted = append(d.wanted, w.Events...)
			}
		}
		d.checked = now
	}
	return slices.Contains(d.wanted, typ), nil
}
