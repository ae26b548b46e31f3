package web

import (
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// EventConversationUpdated tells live views that a conversation's
// assignment, status, labels or notes changed (published by the web layer).
const EventConversationUpdated = "conversation.updated"

// inbox returns the inbox store: Deps.Inbox, else the main store when it
// implements it (both SQL stores do).
func (s *Server) inbox() (crm.InboxStore, error) {
	if s.deps.Inbox != nil {
		return s.deps.Inbox, nil
	}
	if ib, ok := s.store.(crm.InboxStore); ok {
		return ib, nil
	}
	return nil, crm.Errorf(crm.EINTERNAL, "this server has no inbox store")
}

// publish tells live views, when there are any.
func (s *Server) publish(kind string, conversationID, messageID int64) {
	if s.deps.Events != nil {
		s.deps.Events.Publish(crm.Event{Kind: kind, ConversationID: conversationID, MessageID: messageID})
	}
}

// inboxQuery reads the list's filters from the URL.
func inboxQuery(r *http.Request) (crm.InboxQuery, error) {
	q := newQuery(r)
	iq := crm.InboxQuery{Viewer: viewerOf(r), View: q.str("view"), Channel: q.str("channel"),
		Status: q.str("status"), Label: q.str("label"), TeamID: q.id("team"), Search: q.str("q"),
		Sort: q.str("sort"), Cursor: q.str("cursor"), Limit: q.page().Limit, HandedOff: q.str("handed_off") == "true",
		Drill: readInboxDrill(q)}
	if err := q.err(); err != nil {
		return iq, err
	}
	return iq, iq.Validate()
}

func (s *Server) listInbox(r *http.Request) (crm.InboxPage, error) {
	ib, err := s.inbox()
	if err != nil {
		return crm.InboxPage{}, err
	}
	q, err := inboxQuery(r)
	if err != nil {
		return crm.InboxPage{}, err
	}
	return ib.Inbox(r.Context(), q)
}

func (s *Server) inboxCounts(r *http.Request) (*crm.InboxCounts, error) {
	ib, err := s.inbox()
	if err != nil {
		return nil, err
	}
	q, err := inboxQuery(r)
	if err != nil {
		return nil, err
	}
	return ib.InboxCounts(r.Context(), q)
}

// canSendAnswer says whether a conversation may be answered now.
type canSendAnswer struct {
	OK     bool   `json:"ok"`
	Reason string `json:"reason,omitempty"`
}

func (s *Server) canSend(r *http.Request) (canSendAnswer, error) {
	id, err := pathID(r)
	if err != nil {
		return canSendAnswer{}, err
	}
	return s.sendState(r, langOf(r), id)
}

// sendState asks the outbox; a refusal is an answer, not an error, in
// lang (the page's, which a ?lang= may have just changed).
func (s *Server) sendState(r *http.Request, lang string, id int64) (canSendAnswer, error) {
	if _, err := s.store.Conversation(r.Context(), viewerOf(r), id); err != nil {
		return canSendAnswer{}, err
	}
	if s.deps.Outbox == nil {
		return canSendAnswer{Reason: translate(lang, "conv.no_outbox")}, nil
	}
	err := s.deps.Outbox.CanSend(r.Context(), viewerOf(r), id)
	switch crm.ErrorCode(err) {
	case "":
		return canSendAnswer{OK: true}, nil
	case crm.EINVALID, crm.EFORBIDDEN:
		return canSendAnswer{Reason: problemText(lang, crm.ErrorMessage(err))}, nil
	}
	return canSendAnswer{}, err
}

type noteBody struct {
	Text string `json:"text"`
}

func (s *Server) postNote(r *http.Request) (*crm.Note, error) {
	ib, id, err := s.inboxAndID(r)
	if err != nil {
		return nil, err
	}
	var b noteBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	n := &crm.Note{ConversationID: id, Text: b.Text}
	if err := ib.AddNote(r.Context(), viewerOf(r), n); err != nil {
		return nil, err
	}
	s.publish(EventConversationUpdated, id, 0)
	return n, nil
}

func (s *Server) listNotes(r *http.Request) ([]*crm.Note, error) {
	ib, id, err := s.inboxAndID(r)
	if err != nil {
		return nil, err
	}
	return ib.Notes(r.Context(), viewerOf(r), id)
}

func (s *Server) inboxAndID(r *http.Request) (crm.InboxStore, int64, error) {
	ib, err := s.inbox()
	if err != nil {
		return nil, 0, err
	}
	id, err := pathID(r)
	return ib, id, err
}

func (s *Server) putAssignment(r *http.Request) (*crm.Conversation, error) {
	ib, id, err := s.inboxAndID(r)
	if err != nil {
		return nil, err
	}
	var a crm.Assignment
	if err := decodeNew(r, &a); err != nil {
		return nil, err
	}
	c, err := ib.Assign(r.Context(), viewerOf(r), id, a)
	if err == nil {
		s.publish(EventConversationUpdated, id, 0)
		s.hook(crm.Event{Kind: crm.EventAssigned, ConversationID: id})
	}
	return c, err
}

type statusBody struct {
	Status       string     `json:"status"`
	SnoozedUntil *time.Time `json:"snoozed_until"`
}

func (s *Server) putStatus(r *http.Request) (*crm.Conversation, error) {
	ib, id, err := s.inboxAndID(r)
	if err != nil {
		return nil, err
	}
	var b statusBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	c, err := ib.SetStatus(r.Context(), viewerOf(r), id, b.Status, b.SnoozedUntil)
	if err == nil {
		s.publish(EventConversationUpdated, id, 0)
		if c.Status == crm.ConvResolved {
			s.hook(crm.Event{Kind: crm.EventResolved, ConversationID: id})
		}
	}
	return c, err
}

type labelsBody struct {
	Labels []string `json:"labels"`
}

func (s *Server) putLabels(r *http.Request) (*crm.Conversation, error) {
	ib, id, err := s.inboxAndID(r)
	if err != nil {
		return nil, err
	}
	var b labelsBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	c, err := ib.SetLabels(r.Context(), viewerOf(r), id, b.Labels)
	if err == nil {
		s.publish(EventConversationUpdated, id, 0)
	}
	return c, err
}

func (s *Server) listLabels(r *http.Request) ([]string, error) {
	ib, err := s.inbox()
	if err != nil {
		return nil, err
	}
	return ib.Labels(r.Context(), viewerOf(r))
}
