package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// messageParams filter GET /api/v1/messages.
var messageParams = []param{
	{"message_id", "string", "an email's Message-ID, with or without <>: a hint, several messages may carry one"},
	{"conversation_id", "integer", "only this conversation's messages"},
	{"channel", "string", "email, wechat or webform"},
	{"direction", "string", "in (from customers) or out (ours)"},
	{"contact_id", "integer", "only messages of this contact's conversations"},
	{"customer_id", "integer", "only messages of this customer's conversations"},
	{"lead_id", "integer", "only messages of this lead's conversations"},
	{"since", "date-time", "sent at or after"},
	{"until", "date-time", "sent before"},
}

// messageRoutes read messages across conversations.
func (s *Server) messageRoutes() []route {
	return []route{
		apiRoute(get, "/api/v1/messages", "List messages across the conversations you can see, newest first, "+
			"filtered (look one up by its Message-ID with message_id)", s.findMessages).query(pageParams, messageParams),
		apiRoute(get, "/api/v1/messages/{id}", "Get a message of a conversation you can see, with its links and "+
			"attachments", s.getMessage),
	}
}

func (s *Server) findMessages(r *http.Request) (crm.List[messageOut], error) {
	q := newQuery(r)
	f := crm.MessageFilter{Viewer: viewerOf(r), MessageRef: q.str("message_id"),
		ConversationID: q.id("conversation_id"), Channel: q.str("channel"), Direction: q.str("direction"),
		ContactID: q.id("contact_id"), CustomerID: q.id("customer_id"), LeadID: q.id("lead_id"),
		Since: q.time("since"), Until: q.time("until"), Page: q.page()}
	if err := q.err(); err != nil {
		return crm.List[messageOut]{}, err
	}
	l, err := s.store.FindMessages(r.Context(), f)
	return crm.List[messageOut]{Items: messagesOut(l.Items), Next: l.Next}, err
}

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
