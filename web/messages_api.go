package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// findMessages lists messages across the conversations the caller may see,
// newest first, with the query's filters.
func (s *Server) findMessages(r *http.Request) (crm.List[messageOut], error) {
	l, err := s.findStoredMessages(r)
	return crm.List[messageOut]{Items: messagesOut(l.Items), Next: l.Next}, err
}

// findStoredMessages is findMessages without the safe HTML, for an export.
func (s *Server) findStoredMessages(r *http.Request) (crm.List[*crm.Message], error) {
	q := newQuery(r)
	f := crm.MessageFilter{Viewer: viewerOf(r), MessageRef: q.str("message_id"),
		ConversationID: q.id("conversation_id"), Channel: q.str("channel"), Direction: q.str("direction"),
		ContactID: q.id("contact_id"), CustomerID: q.id("customer_id"), LeadID: q.id("lead_id"),
		Since: q.time("since"), Until: q.time("until"), Page: q.page()}
	if err := q.err(); err != nil {
		return crm.List[*crm.Message]{}, err
	}
	return s.store.FindMessages(r.Context(), f)
}

// getMessage returns one message of a conversation the caller may see.
func (s *Server) getMessage(r *http.Request) (messageOut, error) {
	id, err := pathID(r)
	if err != nil {
		return messageOut{}, err
	}
	ib, err := s.inbox()
	if err != nil {
		return messageOut{}, err
	}
	m, err := ib.InboxMessage(r.Context(), viewerOf(r), id)
	if err != nil {
		return messageOut{}, err
	}
	return toMessageOut(m), nil
}

// messageOut is a message as the API gives it: the stored message and its
// HTML made safe to show, so that no API client has to sanitize mail itself.
type messageOut struct {
	*crm.Message
	HTMLSafe string `json:"html_safe" doc:"html sanitized the way the inbox shows it: scripts, styles, forms, frames, event handlers and javascript: links removed, remote images emptied (tracking pixels), cid: images left pointing at the message's attachments; empty when the message has no HTML"`
}

// messagesOut gives each message its safe HTML.
func messagesOut(ms []*crm.Message) []messageOut {
	out := make([]messageOut, len(ms))
	for i, m := range ms {
		out[i] = toMessageOut(m)
	}
	return out
}

func toMessageOut(m *crm.Message) messageOut {
	o := messageOut{Message: m}
	if m.HTML != "" {
		o.HTMLSafe = sanitizeEmail(m.HTML, false)
	}
	return o
}
