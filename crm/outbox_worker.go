package crm

import (
	"context"
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
// many it tried. Run calls it; tests call it after moving their clock.
func (o *Outbox) SendDue(ctx context.Context) (int, error) {
	now := o.cfg.Now()
	batch, err := o.cfg.Store.ClaimOutbound(ctx, now, now.Add(o.cfg.Lease), 16)
	if err != nil {
		return 0, err
	}
	for _, m := range batch {
		o.sendOne(ctx, m)
	}
	return len(batch), nil
}

func (o *Outbox) sendOne(ctx context.Context, m *Outgoing) {
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
	if err := o.cfg.Store.FinishOutbound(ctx, m, r); err != nil {
		// The lease runs out and the message is tried again: a duplicate
		// is possible only if this write is lost after the channel took it.
		o.cfg.Logger.Error("outbox: record outcome", "message_id", m.MessageID, "state", r.State, "err", err)
		return
	}
	if r.State != DeliverySent {
		o.cfg.Logger.Warn("outbox: send failed", "message_id", m.MessageID, "channel", m.Channel,
			"attempt", m.Attempt, "state", r.State, "reason", r.Reason)
	}
	o.publish(&Message{ID: m.MessageID, ConversationID: m.ConversationID})
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
