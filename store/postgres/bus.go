package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgxlisten"

	"github.com/rapport-crm/rapport/crm"
)

// notifyLimit is how many bytes of events one NOTIFY carries: PostgreSQL
// refuses payloads of 8000 bytes or more; the rest is the envelope's.
const notifyLimit = 7800

// BusConfig configures a Bus.
type BusConfig struct {
	URL    string // the database's postgres:// URL (its search_path names the channel)
	Logger *slog.Logger
	// ReconnectDelay is the wait before a dropped listener connects again;
	// 0: one second.
	ReconnectDelay time.Duration
}

// Bus is the crm.Bus of several instances on one PostgreSQL database.
// Publish hands an event to this process's subscribers at once and queues
// it for NOTIFY; the listener hands the other instances' events to the
// same subscribers. Events carry ids only, so a NOTIFY (under 8000
// bytes) holds dozens of them. When the listener's connection drops, it
// connects again and publishes crm.EventResync, so live views reload what
// they may have missed meanwhile.
type Bus struct {
	local   *crm.Broker // every instance's events
	own     *crm.Broker // this process's only
	pool    *pgxpool.Pool
	channel string
	origin  string // this process: its own NOTIFYs come back and are skipped
	out     chan crm.Event
	log     *slog.Logger
	delay   time.Duration
	url     string

	connects atomic.Int64
	dropped  atomic.Int64
}

// envelope is one NOTIFY's payload.
type envelope struct {
	Origin string      `json:"o"`
	Events []crm.Event `json:"e"`
}

// NewBus connects and learns the channel, "rapport_events_" and the
// schema's name, so that deployments (and tests) sharing a database in
// separate schemas do not hear each other. Run starts the traffic.
func NewBus(ctx context.Context, cfg BusConfig) (*Bus, error) {
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("postgres: the database URL is not valid")
	}
	pc.MaxConns = 2
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	var schema string
	if err := pool.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	channel := "rapport_events_" + schema
	if len(channel) > 63 { // an identifier's limit
		channel = channel[:63]
	}
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	b := &Bus{local: crm.NewBroker(), own: crm.NewBroker(), pool: pool, channel: channel, origin: hex.EncodeToString(id),
		out: make(chan crm.Event, 4096), log: cfg.Logger, delay: cfg.ReconnectDelay, url: cfg.URL}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.delay <= 0 {
		b.delay = time.Second
	}
	return b, nil
}

// Publish sends e to this process's subscribers and queues it for the
// other instances. It never blocks: when the queue is full (the database
// is unreachable), the event is dropped for the others, who resync when
// their listener notices.
func (b *Bus) Publish(e crm.Event) {
	b.local.Publish(e)
	b.own.Publish(e)
	select {
	case b.out <- e:
	default:
		b.dropped.Add(1)
	}
}

// Subscribe returns this process's and the other instances' events.
func (b *Bus) Subscribe(buffer int) (<-chan crm.Event, func()) { return b.local.Subscribe(buffer) }

// SubscribeOwn returns this process's events only: work that each
// instance does for what it committed (the bot's decisions) must not be
// done again by every other instance.
func (b *Bus) SubscribeOwn(buffer int) (<-chan crm.Event, func()) { return b.own.Subscribe(buffer) }

// Channel is the NOTIFY channel this bus uses.
func (b *Bus) Channel() string { return b.channel }

// Run listens and sends until ctx ends, then closes the pool.
func (b *Bus) Run(ctx context.Context) error {
	defer b.pool.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.send(ctx)
	}()
	l := &pgxlisten.Listener{
		Connect:        b.connect,
		ReconnectDelay: b.delay,
		LogError: func(ctx context.Context, err error) {
			if ctx.Err() == nil {
				b.log.Warn("events: listener", "err", err)
			}
		},
	}
	l.Handle(b.channel, b)
	err := l.Listen(ctx)
	<-done
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func (b *Bus) connect(ctx context.Context) (*pgx.Conn, error) {
	cc, err := pgx.ParseConfig(b.url)
	if err != nil {
		return nil, errors.New("the database URL is not valid")
	}
	// Named, so that an operator (and a test) can find the listener.
	cc.RuntimeParams["application_name"] = "rapport-events-" + b.origin
	return pgx.ConnectConfig(ctx, cc)
}

// HandleBacklog runs after each LISTEN: on a reconnect, events may have
// been missed while the link was down, so live views are told to reload.
func (b *Bus) HandleBacklog(context.Context, string, *pgx.Conn) error {
	if b.connects.Add(1) > 1 {
		b.log.Info("events: listener connected again; live views resync")
		b.local.Publish(crm.Event{Kind: crm.EventResync})
	}
	return nil
}

// HandleNotification hands another instance's events to this one's
// subscribers.
func (b *Bus) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	var env envelope
	if err := json.Unmarshal([]byte(n.Payload), &env); err != nil {
		return fmt.Errorf("events: payload: %w", err)
	}
	if env.Origin == b.origin {
		return nil
	}
	for _, e := range env.Events {
		b.local.Publish(e)
	}
	return nil
}

// send NOTIFYs queued events, as many as fit in one payload at a time, so
// a burst costs a few round trips rather than one per event.
func (b *Bus) send(ctx context.Context) {
	for {
		var first crm.Event
		select {
		case <-ctx.Done():
			return
		case first = <-b.out:
		}
		batch := []crm.Event{first}
	more:
		for len(batch) < 64 {
			select {
			case e := <-b.out:
				batch = append(batch, e)
			default:
				break more
			}
		}
		for _, payload := range pack(b.origin, batch) {
			b.notify(ctx, payload)
		}
	}
}

// notify sends one payload, trying again for a few seconds while the
// database is away.
func (b *Bus) notify(ctx context.Context, payload string) {
	wait := 100 * time.Millisecond
	for try := 0; ; try++ {
		_, err := b.pool.Exec(ctx, "SELECT pg_notify($1, $2)", b.channel, payload)
		if err == nil || ctx.Err() != nil {
			return
		}
		if try == 5 {
			b.dropped.Add(1)
			b.log.Warn("events: not sent to the other instances", "err", err)
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// pack splits events into payloads under notifyLimit.
func pack(origin string, events []crm.Event) []string {
	var out []string
	var cur []crm.Event
	size := 0
	flush := func() {
		if len(cur) > 0 {
			p, _ := json.Marshal(envelope{Origin: origin, Events: cur})
			out = append(out, string(p))
			cur, size = nil, 0
		}
	}
	for _, e := range events {
		j, _ := json.Marshal(e)
		if size+len(j)+1 > notifyLimit {
			flush()
		}
		cur = append(cur, e)
		size += len(j) + 1
	}
	flush()
	return out
}
