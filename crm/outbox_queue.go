package crm

import (
	"context"
	"crypto/rand"
	"strings"
	"time"
)

// Queue stores d as an outbound message of its conversation, queued for its
// channel, and wakes the worker. It returns the stored message. EINVALID
// (nothing to send, no one to send to, the channel cannot send now),
// ENOTFOUND (a conversation v cannot see), ERATELIMITED (automatic answers
// over the per-address cap).
func (o *Outbox) Queue(ctx context.Context, v Viewer, d Draft) (*Message, error) {
	m, out, err := o.Prepare(ctx, v, d)
	if err != nil {
		return nil, err
	}
	if err := o.cfg.Store.QueueOutbound(ctx, m, out, m.CreatedAt); err != nil {
		return nil, err
	}
	o.Queued(m)
	return m, nil
}

// Prepare checks d as Queue does and returns the message and outbox entry
// it would store, for a caller that queues them in a transaction of its
// own (the bot, with its decision) and then calls Queued.
func (o *Outbox) Prepare(ctx context.Context, v Viewer, d Draft) (*Message, *Outgoing, error) {
	if d.Kind == "" {
		d.Kind = OutReply
	}
	if err := d.validate(); err != nil {
		return nil, nil, err
	}
	c, err := o.cfg.Store.Conversation(ctx, v, d.ConversationID)
	if err != nil {
		return nil, nil, err
	}
	rc, err := o.cfg.Store.ReplyContext(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	if err := o.routeReply(c, &d, rc); err != nil {
		return nil, nil, err
	}
	if err := requireAccount(&d); err != nil {
		return nil, nil, err
	}
	out := outgoingFor(c, &d, rc)
	checked := d
	checked.To = out.To // the channel checks whom it would send to
	if err := o.check(ctx, c, &checked); err != nil {
		return nil, nil, err
	}
	if len(out.To) == 0 {
		return nil, nil, &Error{Code: EINVALID, Message: "there is no one to answer",
			Fields: map[string]string{"to": "is required: the conversation has no inbound sender"}}
	}
	if err := o.checkAutoCap(ctx, out); err != nil {
		return nil, nil, err
	}
	m := outboundMessage(v, out, o.cfg.Now())
	if m.From, err = o.fromAddress(ctx, out); err != nil {
		return nil, nil, err
	}
	return m, out, nil
}

// Queued wakes the sender and tells live views about m, once it is stored.
func (o *Outbox) Queued(m *Message) {
	o.poke()
	o.publish(m)
}

func (d *Draft) validate() error {
	p := Problems{}
	p.OneOf("kind", d.Kind, OutReply, OutCare, OutAuto)
	if strings.TrimSpace(d.Text) == "" && strings.TrimSpace(d.HTML) == "" && d.Template == "" && len(d.Attachments) == 0 {
		p.Add("text", "is required")
	}
	p.MaxLen("subject", d.Subject, 500)
	for _, a := range append(append([]Address{}, d.To...), d.Cc...) {
		if strings.TrimSpace(a.Address) == "" {
			p.Add("to", "has an empty address")
		}
	}
	return p.Err()
}

func outboundMessage(v Viewer, o *Outgoing, now time.Time) *Message {
	m := &Message{ConversationID: o.ConversationID, Channel: o.Channel, Account: o.Account,
		Direction: DirectionOut, ExternalID: "out-" + rand.Text(),
		To: o.To, Cc: o.Cc, Subject: o.Subject, Text: o.Text, HTML: o.HTML, Attachments: o.Attachments,
		Automated: o.Kind == OutAuto, SentAt: now, CreatedAt: now, Delivery: DeliveryQueued}
	if m.Text == "" && m.HTML == "" && o.Template != "" {
		m.Text = templateSummary(o)
	}
	if v.UserID != 0 {
		id := v.UserID
		m.AuthorID = &id
	}
	return m
}

// fromAddress is who an outbound message is shown to be from: the
// channel's own address when its Sender knows one, else the account.
func (o *Outbox) fromAddress(ctx context.Context, out *Outgoing) (Address, error) {
	if sa, ok := o.cfg.Senders[out.Channel].(SendAddresser); ok {
		return sa.FromAddress(ctx, out.Account)
	}
	return Address{Address: out.Account}, nil
}

func (o *Outbox) checkAutoCap(ctx context.Context, out *Outgoing) error {
	if out.Kind != OutAuto {
		return nil
	}
	n, err := o.cfg.Store.CountAutoSent(ctx, out.Channel, out.To[0].Address, o.cfg.Now().Add(-24*time.Hour))
	if err != nil {
		return err
	}
	limit := o.cfg.AutoReplyCap
	if c, ok := o.cfg.AutoReplyCaps[out.Channel]; ok {
		limit = c
	}
	if n >= limit {
		return Errorf(ERATELIMITED, "%d automatic answers to %s today already", n, out.To[0].Address)
	}
	return nil
}

func (o *Outbox) poke() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

func (o *Outbox) publish(m *Message) {
	if o.cfg.Events != nil {
		o.cfg.Events.Publish(Event{Kind: EventMessageUpdated, ConversationID: m.ConversationID, MessageID: m.ID})
	}
}

// CanSend reports whether conversation id may be answered now: nil, or an
// *Error saying why not (no sender for its channel, outside WeChat's
// window). The inbox shows it before the rep writes. ENOTFOUND.
func (o *Outbox) CanSend(ctx context.Context, v Viewer, id int64) error {
	c, err := o.cfg.Store.Conversation(ctx, v, id)
	if err != nil {
		return err
	}
	d := &Draft{ConversationID: id}
	// The check sees whom a reply would go to (WeChat refuses a follower
	// who unsubscribed), as Queue fills it in.
	rc, err := o.cfg.Store.ReplyContext(ctx, id)
	if err != nil {
		return err
	}
	if err := o.routeReply(c, d, rc); err != nil {
		return err
	}
	if last := rc.LastInbound; last != nil && last.Channel == c.Channel && last.From.Address != "" {
		d.To = []Address{last.From}
	}
	return o.check(ctx, c, d)
}

func (o *Outbox) check(ctx context.Context, c *Conversation, d *Draft) error {
	channel := c.Channel
	if d.Channel != "" {
		channel = d.Channel
	}
	s, ok := o.cfg.Senders[channel]
	if !ok {
		return Errorf(EINVALID, "replies through %s are not set up on this server", channel)
	}
	if chk, ok := s.(SendChecker); ok {
		return chk.CheckSend(ctx, c, d, o.cfg.Now())
	}
	return nil
}
