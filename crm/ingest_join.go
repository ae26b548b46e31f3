package crm

import (
	"context"
	"slices"
)

// joinSplit folds into c the conversations that are the same thread (mail
// that arrived out of order split it: a reply came before the message it
// answers, and the message that links them came last). c keeps its own
// records and takes those it lacks, the later times, every label, and the
// review flag of either.
func joinSplit(ctx context.Context, tx IngestTx, c *Conversation, ids []int64) error {
	if c.ID == 0 {
		return nil // a new conversation splits nothing
	}
	for _, id := range ids {
		if id == c.ID {
			continue
		}
		other, err := tx.Conversation(ctx, System, id)
		if IsNotFound(err) {
			continue // joined already
		} else if err != nil {
			return err
		}
		foldConversation(c, other)
		if err := tx.JoinConversations(ctx, c.ID, id); err != nil {
			return err
		}
	}
	return nil
}

func foldConversation(c, other *Conversation) {
	setIfUnset(&c.ContactID, derefID(other.ContactID))
	setIfUnset(&c.CustomerID, derefID(other.CustomerID))
	setIfUnset(&c.LeadID, derefID(other.LeadID))
	if c.AssigneeID == nil {
		c.AssigneeID = other.AssigneeID
	}
	c.NeedsReview = c.NeedsReview || other.NeedsReview
	if other.LastMessageAt.After(c.LastMessageAt) {
		c.LastMessageAt = other.LastMessageAt
	}
	if other.LastInboundAt != nil && (c.LastInboundAt == nil || other.LastInboundAt.After(*c.LastInboundAt)) {
		c.LastInboundAt = other.LastInboundAt
	}
	if other.CreatedAt.Before(c.CreatedAt) {
		c.Subject = other.Subject // the thread's first subject
	}
	for _, l := range other.Labels {
		if !slices.Contains(c.Labels, l) {
			c.Labels = append(c.Labels, l)
		}
	}
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
