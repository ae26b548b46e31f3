package matcher

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// follower threads a message of a channel without thread headers (a
// WeChat follower's) by its sender: their conversation when it is still
// open, or resolved less than the reopen window before this message;
// otherwise a new one. The thread also remembers the lead made for them.
func (d *decision) follower(ctx context.Context) error {
	sender := d.sender()
	if sender == "" || d.out.ConversationID != 0 {
		return nil
	}
	st, err := d.r.(crm.SenderThreadStore).SenderThread(ctx, d.in.Channel, d.in.Account, sender)
	if crm.IsNotFound(err) {
		return nil
	} else if err != nil {
		return err
	}
	d.out.Thread = st
	cr, ok := d.r.(conversationReader)
	if !ok {
		return nil
	}
	c, err := cr.Conversation(ctx, crm.System, st.ConversationID)
	if err != nil || !joinable(c, d.in.ReceivedAt, d.m.reopen) {
		return err
	}
	d.out.ConversationID, d.conv = c.ID, c
	d.link(crm.RefConversation, c.ID, crm.RuleThread, sender, "")
	return nil
}

// sender is the identity a message threads by, or "" when it has thread
// headers (or no identity) and threads by them.
func (d *decision) sender() string {
	if _, ok := d.r.(crm.SenderThreadStore); !ok || !d.in.SenderThread || d.in.Identity == nil {
		return ""
	}
	return d.in.Identity.Value
}

// joinable: a conversation still being handled takes every message; a
// resolved one is reopened within the window after its last message.
func joinable(c *crm.Conversation, at time.Time, window time.Duration) bool {
	if c.Status != crm.ConvResolved {
		return true
	}
	return at.Sub(c.LastMessageAt) < window
}

// followerLead links the lead made for the sender before (the reason is
// their identity), so that a follower unknown otherwise has one lead.
func (d *decision) followerLead(ctx context.Context) (bool, error) {
	st := d.out.Thread
	if st == nil || st.LeadID == 0 {
		return false, nil
	}
	l, err := d.r.Lead(ctx, crm.System, st.LeadID)
	if crm.IsNotFound(err) {
		return false, nil // deleted: the sender is unknown again
	} else if err != nil {
		return false, err
	}
	d.out.LeadID = l.ID
	d.link(crm.RefLead, l.ID, crm.RuleIdentity, d.in.Identity.Value, firstOf(l.Name, l.Company, l.Email, l.Phone))
	return true, nil
}
