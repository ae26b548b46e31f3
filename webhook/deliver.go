package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Config is what a Deliverer needs; Store is required.
type Config struct {
	Store  crm.WebhookStore
	Client *http.Client // nil: Guard{}.Client(Timeout)
	Now    func() time.Time
	Log    *slog.Logger
	// Timeout bounds one attempt, connection to last byte (default 10 s).
	Timeout time.Duration
	// Backoff spaces the retries of a delivery (default 30 s doubling to
	// 1 h); MaxAttempts gives up on it (default 8: about 2 hours).
	Backoff     crm.Backoff
	MaxAttempts int
	// DisableAfter failed attempts in a row disable the webhook (default 20).
	DisableAfter int
	// Batch is how many deliveries one pass claims (default 20); Poll is how
	// often Run looks for due ones when not woken (default 5 s).
	Batch int
	Poll  time.Duration
	// Disabled, if set, is told of a webhook disabled after failures: it
	// tells the admins.
	Disabled func(ctx context.Context, webhookID int64)
	// Observe, if set, is told of every attempt (for /metrics).
	Observe func(event string, a crm.HookAttempt, state string)
}

// Deliverer POSTs due deliveries and records what came of them. Several
// instances may run one each: claims are leased.
type Deliverer struct {
	cfg  Config
	wake chan struct{}
}

// NewDeliverer fills cfg's defaults.
func NewDeliverer(cfg Config) *Deliverer {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.Client == nil {
		cfg.Client = Guard{}.Client(cfg.Timeout)
	}
	if cfg.Backoff.First <= 0 {
		cfg.Backoff = crm.Backoff{First: 30 * time.Second, Max: time.Hour}
	}
	cfg.MaxAttempts = cmp(cfg.MaxAttempts, 8)
	cfg.DisableAfter = cmp(cfg.DisableAfter, 20)
	cfg.Batch = cmp(cfg.Batch, 20)
	if cfg.Poll <= 0 {
		cfg.Poll = 5 * time.Second
	}
	return &Deliverer{cfg: cfg, wake: make(chan struct{}, 1)}
}

func cmp(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Wake makes Run look for due deliveries now (new ones were queued).
func (d *Deliverer) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends.
func (d *Deliverer) Run(ctx context.Context) error {
	for {
		if _, err := d.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			d.cfg.Log.Warn("webhooks: deliver", "err", err)
		}
		t := time.NewTimer(d.cfg.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-d.wake:
			t.Stop()
		case <-t.C:
		}
	}
}

// DeliverDue claims the deliveries due at Now() and attempts each once; it
// returns how many it attempted. Tests call it after moving the clock.
func (d *Deliverer) DeliverDue(ctx context.Context) (int, error) {
	now := d.cfg.Now()
	ds, err := d.cfg.Store.ClaimHookDeliveries(ctx, now, now.Add(d.cfg.Timeout+time.Minute), d.cfg.Batch)
	if err != nil {
		return 0, err
	}
	off := map[int64]bool{} // webhooks disabled during this pass: their claimed deliveries failed with them
	n := 0
	for _, del := range ds {
		if off[del.WebhookID] {
			continue
		}
		n++
		a := d.attempt(ctx, del)
		o := d.outcome(del, a)
		disabled, err := d.cfg.Store.FinishHookDelivery(ctx, del, o)
		if err != nil {
			return 0, err
		}
		if d.cfg.Observe != nil {
			d.cfg.Observe(del.Event, a, o.State)
		}
		off[del.WebhookID] = disabled
		if disabled && d.cfg.Disabled != nil {
			d.cfg.Log.Warn("webhooks: disabled after failures", "webhook", del.WebhookID, "err", a.Error)
			d.cfg.Disabled(ctx, del.WebhookID)
		}
	}
	return n, nil
}

// outcome decides what an attempt leads to: sent on 2xx, a retry after
// the back-off, or given up after MaxAttempts.
func (d *Deliverer) outcome(del *crm.HookDelivery, a crm.HookAttempt) crm.HookOutcome {
	o := crm.HookOutcome{Attempt: a, DisableAfter: d.cfg.DisableAfter}
	switch {
	case a.Status >= 200 && a.Status < 300:
		o.State = crm.HookSent
	case del.Attempts >= d.cfg.MaxAttempts:
		o.State = crm.HookFailed
	default:
		o.State, o.RetryAt = crm.HookQueued, d.cfg.Now().Add(d.cfg.Backoff.After(del.Attempts))
	}
	return o
}

// attempt POSTs one delivery, signed now, and reports the answer. The
// answer's body is drained (to reuse the connection) but never kept.
func (d *Deliverer) attempt(ctx context.Context, del *crm.HookDelivery) crm.HookAttempt {
	at := d.cfg.Now()
	a := crm.HookAttempt{At: at}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, del.URL, bytes.NewReader(del.Payload))
	if err != nil {
		a.Error = "bad URL: " + err.Error()
		return a
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Rapport-Webhooks/1")
	req.Header.Set(HeaderEvent, del.Event)
	req.Header.Set(HeaderDelivery, del.EventID)
	req.Header.Set(HeaderSignature, Sign(del.Secret.Reveal(), at, del.Payload))
	start := time.Now()
	resp, err := d.cfg.Client.Do(req)
	a.DurationMS = time.Since(start).Milliseconds()
	if err != nil {
		a.Error = describe(err, d.cfg.Timeout)
		return a
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	a.Status = resp.StatusCode
	if a.Status < 200 || a.Status > 299 {
		a.Error = fmt.Sprintf("HTTP %d", a.Status)
	}
	return a
}

// describe says why an attempt got no answer, in words for the log.
func describe(err error, timeout time.Duration) string {
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Sprintf("timed out after %s", timeout)
	}
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) {
		if inner := ue.Unwrap(); inner != nil {
			return inner.Error()
		}
	}
	return err.Error()
}
