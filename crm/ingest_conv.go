package crm

import (
	"time"
)

// fillConversation fills the conversation's record links where it has
// none (a thread keeps the links it was given), flags it for review,
// reopens it when the customer writes again, and moves its clock.
func fillConversation(c *Conversation, in *Inbound, m *Match, res *IngestResult) {
	setIfUnset(&c.ContactID, m.ContactID)
	setIfUnset(&c.CustomerID, m.CustomerID)
	setIfUnset(&c.LeadID, m.LeadID)
	if c.AssigneeID == nil && res.NewConversation {
		c.AssigneeID = newAssignee(m, res)
	}
	if m.NeedsReview {
		c.NeedsReview = true
	}
	fromThem := !in.Automated && !m.FromUs // the customer did something (not a machine, not us)
	if fromThem && !in.Aside && (c.Status == ConvResolved || c.Status == ConvSnoozed) {
		c.Status, c.SnoozedUntil = ConvOpen, nil
	}
	at := in.ReceivedAt.UTC()
	if at.After(c.LastMessageAt) {
		c.LastMessageAt = at
	}
	if fromThem && (c.LastInboundAt == nil || at.After(*c.LastInboundAt)) {
		c.LastInboundAt = &at
	}
}

// newAssignee is who answers a new conversation: the owner of its records,
// or of the lead it just created; nil leaves it in the shared inbox.
func newAssignee(m *Match, res *IngestResult) *int64 {
	if res.NewLead && m.NewLead.OwnerID != nil {
		return m.NewLead.OwnerID
	}
	if m.NeedsReview {
		return nil // whose it is is the open question
	}
	return m.OwnerID
}

func setIfUnset(dst **int64, id int64) {
	if *dst == nil && id != 0 {
		*dst = &id
	}
}

func newInboundMessage(in *Inbound, m *Match, convID int64, now time.Time) *Message {
	dir, delivery := DirectionIn, ""
	if m.FromUs {
		dir, delivery = DirectionOut, DeliverySent // a copy of mail that left
	}
	return &Message{
		ConversationID: convID, Channel: in.Channel, Account: in.Account,
		Direction: dir, ExternalID: in.ExternalID, From: in.From,
		To: in.To, Cc: in.Cc, Subject: in.Subject, Text: in.Text, HTML: in.HTML,
		Attachments: in.Attachments, Links: m.Links, Automated: in.Automated, AutomatedReason: in.AutomatedReason, MessageRef: in.MessageRef,
		SentAt: in.ReceivedAt.UTC(), CreatedAt: now, Delivery: delivery,
	}
}

// threadRefs are the references under which later messages find this
// conversation: the message's own reference and those it carried.
func threadRefs(in *Inbound) []string {
	refs := make([]string, 0, len(in.References)+1)
	if in.MessageRef != "" {
		refs = append(refs, in.MessageRef)
	}
	return append(refs, in.References...)
}
