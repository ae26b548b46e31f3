package email

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Store is what the channel reads and writes: mailboxes and their cursors.
type Store interface {
	crm.MailboxStore
	// Cursor returns an adapter's saved position. ENOTFOUND before the first.
	Cursor(ctx context.Context, channel, account, name string) (crm.Cursor, error)
	// SaveCursor stores a folder's position once its messages are stored.
	SaveCursor(ctx context.Context, c crm.Cursor) error
}

// PollerConfig configures the pollers; zero values take the defaults.
type PollerConfig struct {
	Store      Store
	Ingester   crm.MessageIngester
	Deliveries crm.DeliveryReporter // bounces; nil: stored but not reported
	Blobs      crm.BlobStore
	Holder     string // this instance's name in the polling lease
	Logger     *slog.Logger
	Now        func() time.Time
	// Wait sleeps for d or until ctx ends; tests make it instant.
	Wait    func(ctx context.Context, d time.Duration) error
	Backoff func(failures int) time.Duration
	// LeaseTTL is how long a lease lasts unrenewed: it is renewed every
	// third, and an instance without it tries again every third, so that
	// another instance polls within about 1⅓ of it after a holder died.
	// Default 15 s.
	LeaseTTL time.Duration
	// IdleFor bounds one IDLE (servers drop IDLE after 30 minutes); then
	// the folders are checked again. PollEvery is the wait without IDLE.
	IdleFor, PollEvery time.Duration
	// IdleFolders bounds the folders watched by IDLE, one connection each
	// (servers limit connections per user); further ones are polled.
	IdleFolders    int
	Batch, Workers int
	// MaxFailures is how many times in a row one message may fail before
	// it is set aside (kept raw as a crm.FailedMail) so newer mail passes.
	MaxFailures int
	// InFlightBytes bounds the raw bytes fetched but not yet stored.
	InFlightBytes int64
	// ThreadWindow bounds threading by subject.
	ThreadWindow time.Duration
	HTTP         *http.Client // OAuth2 token requests
}

func (c *PollerConfig) defaults() {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Wait == nil {
		c.Wait = sleep
	}
	if c.Backoff == nil {
		c.Backoff = backoff
	}
	c.LeaseTTL = orDuration(c.LeaseTTL, 15*time.Second)
	c.IdleFor = orDuration(c.IdleFor, 25*time.Minute)
	c.PollEvery = orDuration(c.PollEvery, time.Minute)
	c.ThreadWindow = orDuration(c.ThreadWindow, 30*24*time.Hour)
	if c.Batch <= 0 {
		c.Batch = 1000
	}
	if c.Workers <= 0 {
		c.Workers = 64
	}
	if c.InFlightBytes <= 0 {
		c.InFlightBytes = 32 << 20
	}
	if c.IdleFolders <= 0 {
		c.IdleFolders = 5
	}
	if c.MaxFailures <= 0 {
		c.MaxFailures = 5
	}
	if c.Holder == "" {
		c.Holder = "rapport"
	}
}

func orDuration(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// backoff is the wait after failed sessions: 2 s doubling up to 5 minutes.
var backoff = crm.Backoff{First: 2 * time.Second, Max: 5 * time.Minute}.After

// Poller reads one mailbox into the Ingester, while it holds the lease.
type Poller struct {
	cfg     PollerConfig
	id      int64
	account string
	log     *slog.Logger
	status  pollStatus
	mu      sync.Mutex        // strikes and address, written by the ingest workers and the session
	strikes map[strikeKey]int // consecutive failures of a message
	address string            // the mailbox's own address, lower case: mail from it is ours
	// wake ends a wait for mail: the server announced some, or an admin
	// asked to retry set-aside messages.
	wake chan struct{}
}

// NewPoller returns the poller of mailbox id.
func NewPoller(cfg PollerConfig, id int64) *Poller {
	cfg.defaults()
	acct := strconv.FormatInt(id, 10)
	return &Poller{cfg: cfg, id: id, account: acct, log: cfg.Logger.With("mailbox", id),
		strikes: map[strikeKey]int{}, wake: make(chan struct{}, 1)}
}

// Run polls until ctx ends: take the lease, connect, sync, wait for mail;
// after any failure, back off and start again.
func (p *Poller) Run(ctx context.Context) error {
	failures := 0
	defer p.cfg.Store.ReleaseMailboxLease(context.WithoutCancel(ctx), p.id, p.cfg.Holder) //nolint:errcheck // expires anyway
	for ctx.Err() == nil {
		synced, err := p.leased(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case crm.IsNotFound(err):
			p.log.Info("mailbox removed; poller stops")
			return nil
		case err == nil:
			failures = 0
		default:
			if synced {
				failures = 0
			}
			failures++
			p.fail(ctx, err, failures)
		}
		if err := p.cfg.Wait(ctx, p.pause(err, failures)); err != nil {
			return nil
		}
	}
	return nil
}

// pause is how long to wait before the next attempt.
func (p *Poller) pause(err error, failures int) time.Duration {
	if err != nil {
		return p.cfg.Backoff(failures)
	}
	return p.cfg.LeaseTTL / 3 // another instance holds the lease, or the mailbox is off
}

func (p *Poller) fail(ctx context.Context, err error, failures int) {
	p.log.Warn("mailbox poll failed; retrying", "failures", failures, "err", err)
	p.status.failed(err)
	p.saveStatus(ctx)
}

// poke ends the current wait for mail.
func (p *Poller) poke() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

var errLeaseLost = errors.New("email: polling lease lost")
