package crm

import (
	"context"
	"sync"
	"time"
)

// Run is the worker: it sends due messages until ctx ends, woken at once
// by Queue and otherwise every Poll (or sooner when a retry falls due).
func (o *Outbox) Run(ctx context.Context) error {
	for {
		n, err := o.SendDue(ctx)
		if err != nil && ctx.Err() == nil {
			o.cfg.Logger.Warn("outbox: claim due messages", "err", err)
		}
		if n > 0 && err == nil {
			continue
		}
		t := time.NewTimer(o.idle(ctx))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-o.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// idle is how long the worker may sleep: until the next due retry, at most
// Poll.
func (o *Outbox) idle(ctx context.Context) time.Duration {
	next, err := o.cfg.Store.NextOutboundDue(ctx)
	if err != nil || next.IsZero() {
		return o.cfg.Poll
	}
	return max(min(next.Sub(o.cfg.Now()), o.cfg.Poll), 10*time.Millisecond)
}

// SendDue claims the messages due now and sends each once, returning how
// many it tried. Run calls it; tests call it after moving their clock. The
// batch is sent a few at a time and its outcomes recorded in one
// transaction: one write for sixteen answers, not sixteen, leaves the
// single SQLite writer to the ingest of the pushes that asked them.
func (o *Outbox) SendDue(ctx context.Context) (int, error) {
	now := o.cfg.Now()
	batch, err := o.cfg.Store.ClaimOutbound(ctx, now, now.Add(o.cfg.Lease), 16)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	done := make([]Finished, len(batch))
	sem := make(chan struct{}, sendersAtOnce)
	var wg sync.WaitGroup
	for i, m := range batch {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			done[i] = Finished{O: m, R: o.attempt(ctx, m)}
		})
	}
	wg.Wait()
	if err := o.cfg.Store.FinishOutbounds(ctx, done); err != nil {
		// The leases run out and the messages are tried again: a duplicate
		// is possible only if this write is lost after the channel took it.
		o.cfg.Logger.Error("outbox: record outcomes", "messages", len(done), "err", err)
		return len(batch), nil
	}
	for _, f := range done {
		if f.R.State != DeliverySent {
			o.cfg.Logger.Warn("outbox: send failed", "message_id", f.O.MessageID, "channel", f.O.Channel,
				"attempt", f.O.Attempt, "state", f.R.State, "reason", f.R.Reason)
		}
		o.publish(&Message{ID: f.O.MessageID, ConversationID: f.O.ConversationID})
	}
	return len(batch), nil
}

// sendersAtOnce bounds the sends of one batch in flight: a channel's API
// (WeChat's, a mail server) is not to be flooded by one instance.
const sendersAtOnce = 4

// attempt sends m through its channel once and says what came of it.
func (o *Outbox) attempt(ctx context.Context, m *Outgoing) SendOutcome {
	var r SendOutcome
	s, ok := o.cfg.Senders[m.Channel]
	if !ok {
		r = SendOutcome{State: DeliveryFailed, Reason: "no sender for " + m.Channel + " on this server"}
	} else {
		sctx, cancel := context.WithTimeout(ctx, o.cfg.Lease/2)
		res, err := s.Send(sctx, m)
		cancel()
		r = o.outcome(m, res, err)
	}
	r.At = o.cfg.Now()
	return r
}

// outcome turns a Sender's answer into what the outbox records: sent,
// retried after a back-off, or failed for good.
func (o *Outbox) outcome(m *Outgoing, res *SendResult, err error) SendOutcome {
	if err == nil {
		if res == nil {
			res = &SendResult{}
		}
		return SendOutcome{State: DeliverySent, ExternalID: res.ExternalID, MessageRef: res.MessageRef}
	}
	se := asSendError(err)
	if se.Permanent || m.Attempt >= o.cfg.MaxAttempts {
		return SendOutcome{State: DeliveryFailed, Reason: se.Reason}
	}
	wait := se.RetryAfter
	if wait <= 0 {
		wait = o.cfg.Backoff(m.Attempt)
	}
	return SendOutcome{State: DeliveryQueued, Reason: se.Reason, RetryAt: o.cfg.Now().Add(wait)}
}

// SetDelivery records a channel's later report on an outbound message (a
// bounce, a template job result) and tells live views. ENOTFOUND.
func (o *Outbox) SetDelivery(ctx context.Context, channel, account, externalID, state, reason string) error {
	m, err := o.cfg.Store.SetDelivery(ctx, channel, account, externalID, state, reason)
	if err != nil {
		return err
	}
	o.publish(m)
	return nil
}
