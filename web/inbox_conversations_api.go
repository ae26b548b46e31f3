package web

import (
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// oldestFirstParams page the lists that read forward in time (a thread's
// messages, the review queue): after is the last id already seen.
var oldestFirstParams = []param{
	{Name: "limit", Type: "integer", Doc: "page size, 1–500 (default 50)"},
	{Name: "cursor", Type: "string", Doc: "the previous page's next: records with an id above it; oldest first"},
	afterAlias,
}

// getConversation returns a conversation the user may see: its assignee's
// (see crm.Viewer), or any unassigned one, which is the shared inbox.
func (s *Server) getConversation(r *http.Request) (*crm.Conversation, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.store.Conversation(r.Context(), viewerOf(r), id)
}

// listMessages returns a page of a visible conversation's messages, oldest
// first, each with its links and the rule and value behind each link.
func (s *Server) listMessages(r *http.Request) (crm.List[messageOut], error) {
	id, err := pathID(r)
	if err != nil {
		return crm.List[messageOut]{}, err
	}
	q := newQuery(r)
	p := q.page()
	if err := q.err(); err != nil {
		return crm.List[messageOut]{}, err
	}
	l, err := s.store.Messages(r.Context(), viewerOf(r), id, p)
	return crm.List[messageOut]{Items: messagesOut(l.Items), Next: l.Next}, err
}
