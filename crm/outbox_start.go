package crm

import (
	"context"
	"strings"
)

// ConversationStarter is what Start needs of the outbox's store beyond
// OutboxStore: a new conversation and its first message are written in
// one transaction, so that a refused message leaves no empty conversation.
type ConversationStarter interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	CreateConversation(ctx context.Context, c *Conversation) error
}

// Start begins a conversation with a record (c carries its contact,
// customer or lead) by an outbound message d through d's channel and
// account (an email from a mailbox): the conversation, assigned to the rep
// who starts it, and the message queued in the outbox are stored together.
// EINVALID (no channel, no recipient, a channel that cannot send),
// ENOTIMPLEMENTED (a store that cannot start conversations).
func (o *Outbox) Start(ctx context.Context, v Viewer, c *Conversation, d Draft) (*Message, error) {
	st, ok := o.cfg.Store.(ConversationStarter)
	if !ok {
		return nil, Errorf(ENOTIMPLEMENTED, "this server cannot start conversations")
	}
	p := Problems{}
	if d.Channel == "" {
		p.Add("channel", "is required")
	}
	p.OneOf("channel", d.Channel, ChannelEmail, ChannelWeChat)
	if len(d.To) == 0 {
		p.Add("to", "is required")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if err := requireAccount(&d); err != nil {
		return nil, err
	}
	if _, ok := o.cfg.Senders[d.Channel]; !ok {
		return nil, Errorf(EINVALID, "replies through %s are not set up on this server", d.Channel)
	}
	now := o.cfg.Now()
	c.Channel, c.Account, c.Status = d.Channel, d.Account, ConvOpen
	c.Subject = strings.TrimSpace(d.Subject)
	c.CreatedAt, c.LastMessageAt = now, now
	if v.UserID != 0 {
		id := v.UserID
		c.AssigneeID = &id
	}
	var m *Message
	err := st.WithTx(ctx, func(ctx context.Context) error {
		if err := st.CreateConversation(ctx, c); err != nil {
			return err
		}
		d.ConversationID, d.Channel, d.Account = c.ID, "", ""
		var out *Outgoing
		var err error
		if m, out, err = o.Prepare(ctx, v, d); err != nil {
			return err
		}
		return o.cfg.Store.QueueOutbound(ctx, m, out, m.CreatedAt)
	})
	if err != nil {
		return nil, err
	}
	o.Queued(m)
	return m, nil
}
