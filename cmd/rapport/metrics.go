package main

import (
	"context"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/metrics"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// newMetrics builds serve's metrics with the gauges read from the database
// at each scrape: the database holds the queues and pollers' state for
// every instance, so any instance's /metrics tells the same.
func newMetrics(db *sqlstore.DB) *metrics.Metrics {
	m := metrics.New()
	m.Gauge("rapport_outbox_messages", "Outbound messages waiting (queued) or given up (failed), by channel.",
		[]string{"channel", "state"}, func(ctx context.Context) ([]metrics.Sample, error) {
			cs, err := db.OutboxCounts(ctx)
			out := make([]metrics.Sample, 0, len(cs))
			for _, c := range cs {
				out = append(out, metrics.Sample{Labels: []string{c.Channel, c.State}, Value: float64(c.N)})
			}
			return out, err
		})
	m.Gauge("rapport_webhook_deliveries_queued", "Webhook deliveries waiting for their next attempt.", nil,
		func(ctx context.Context) ([]metrics.Sample, error) {
			n, err := db.PendingHookDeliveries(ctx)
			return []metrics.Sample{{Value: float64(n)}}, err
		})
	m.Gauge("rapport_mailbox_up", "1 for each IMAP mailbox's current poller state (not_started, syncing, idle, error).",
		[]string{"mailbox", "state"}, mailboxSamples(db, func(mb *crm.Mailbox) (string, float64, bool) {
			return mb.Status.State, 1, true
		}))
	m.Gauge("rapport_mailbox_last_sync_timestamp_seconds", "When each IMAP mailbox last finished a sync.",
		[]string{"mailbox", "state"}, mailboxSamples(db, func(mb *crm.Mailbox) (string, float64, bool) {
			if mb.Status.LastSyncAt == nil {
				return "", 0, false
			}
			return mb.Status.State, float64(mb.Status.LastSyncAt.Unix()), true
		}))
	m.Gauge("rapport_mailbox_pending_messages", "Messages left to fetch in each IMAP mailbox's current sync.",
		[]string{"mailbox", "state"}, mailboxSamples(db, func(mb *crm.Mailbox) (string, float64, bool) {
			return mb.Status.State, float64(mb.Status.Pending), true
		}))
	m.Gauge("rapport_lease_until_timestamp_seconds",
		"When each named lease ends: for a scheduler sweep, when it is next due; for a poller, its holder's deadline.",
		[]string{"name"}, func(ctx context.Context) ([]metrics.Sample, error) {
			ls, err := db.LeaseEnds(ctx)
			out := make([]metrics.Sample, 0, len(ls))
			for name, at := range ls {
				out = append(out, metrics.Sample{Labels: []string{name}, Value: float64(at.Unix())})
			}
			return out, err
		})
	return m
}

// mailboxSamples reads one sample per mailbox, labelled with its id.
func mailboxSamples(db *sqlstore.DB, value func(*crm.Mailbox) (string, float64, bool)) func(context.Context) ([]metrics.Sample, error) {
	return func(ctx context.Context) ([]metrics.Sample, error) {
		mbs, err := db.Mailboxes(ctx)
		var out []metrics.Sample
		for _, mb := range mbs {
			state, v, ok := value(mb)
			if state == "" {
				state = crm.MailboxNotStarted
			}
			if ok {
				out = append(out, metrics.Sample{Labels: []string{strconv.FormatInt(mb.ID, 10), state}, Value: v})
			}
		}
		return out, err
	}
}

// eventCounter counts committed events by kind.
type eventCounter struct{ m *metrics.Metrics }

func (c eventCounter) Publish(e crm.Event) { c.m.Event(e.Kind) }

// measuredSweeps count each sweep's runs and failures.
func measuredSweeps(m *metrics.Metrics, sweeps []crm.Sweep) []crm.Sweep {
	out := make([]crm.Sweep, len(sweeps))
	for i, s := range sweeps {
		run := s.Run
		s.Run = func(ctx context.Context, now time.Time) error {
			err := run(ctx, now)
			m.Sweep(s.Name, err)
			return err
		}
		out[i] = s
	}
	return out
}

// hookObserver feeds webhook attempts to the metrics.
func hookObserver(m *metrics.Metrics) func(event string, a crm.HookAttempt, state string) {
	return func(event string, a crm.HookAttempt, state string) {
		outcome := state
		if state == crm.HookQueued {
			outcome = "retry"
		}
		m.HookAttempt(event, outcome, time.Duration(a.DurationMS)*time.Millisecond)
	}
}
