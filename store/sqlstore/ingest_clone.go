package sqlstore

import (
	"slices"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// The overlay keeps its own copies: callers change what they are given.

// storedConversation is c as the database returns it after a write.
func storedConversation(c *crm.Conversation) *crm.Conversation {
	s := cloneConversation(c)
	s.LastMessageAt, s.CreatedAt = utc(s.LastMessageAt), utc(s.CreatedAt)
	s.SnoozedUntil, s.LastInboundAt = normTime(s.SnoozedUntil), normTime(s.LastInboundAt)
	if s.Labels == nil {
		s.Labels = []string{}
	}
	return s
}

func cloneConversation(c *crm.Conversation) *crm.Conversation {
	d := *c
	d.AssigneeID, d.TeamID = cloneID(c.AssigneeID), cloneID(c.TeamID)
	d.ContactID, d.CustomerID, d.LeadID = cloneID(c.ContactID), cloneID(c.CustomerID), cloneID(c.LeadID)
	d.Labels = slices.Clone(c.Labels)
	d.SnoozedUntil, d.LastInboundAt = cloneTime(c.SnoozedUntil), cloneTime(c.LastInboundAt)
	return &d
}

// storedMessage is m as MessageByExternalID returns it after a write.
func storedMessage(m *crm.Message) *crm.Message {
	s := cloneMessage(m)
	s.To, s.Cc = nonNil(s.To), nonNil(s.Cc)
	s.Links, s.Attachments = nonNil(s.Links), nonNil(s.Attachments)
	return s
}

func cloneMessage(m *crm.Message) *crm.Message {
	d := *m
	d.To, d.Cc = slices.Clone(m.To), slices.Clone(m.Cc)
	d.Links, d.Attachments = slices.Clone(m.Links), slices.Clone(m.Attachments)
	return &d
}

func cloneID(p *int64) *int64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneTime(p *time.Time) *time.Time {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
