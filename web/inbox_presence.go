package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// EventPresence tells live views that who has a conversation open changed;
// EventPresenceSeen repeats a report that changed nothing, so that other
// instances keep the user listed (browsers are not told of it).
const (
	EventPresence     = "presence"
	EventPresenceSeen = "presence.seen"
)

// Presence states a browser reports.
const (
	presenceViewing = "viewing"
	presenceTyping  = "typing"
	presenceLeft    = "left"
)

// presenceTTL is how long a report lasts: pages repeat "viewing" more often
// than this, so a closed tab disappears on its own. Typing lasts less.
const (
	presenceTTL = 45 * time.Second
	typingTTL   = 8 * time.Second
)

// presenceHub remembers, in memory, who has which conversation open. Each
// report is published on the event bus, and every instance's event
// streams apply the reports they carry (see applyPresence), so that reps
// on different instances behind a balancer see each other.
type presenceHub struct {
	mu    sync.Mutex
	convs map[int64]map[int64]*presence
	names map[int64]string // users' names, for reports from other instances
}

// presence is one user on one conversation.
type presence struct {
	UserID int64     `json:"user_id"`
	Name   string    `json:"name"`
	State  string    `json:"state"`
	Seen   time.Time `json:"seen"`
}

// set records a report and tells whether what others see changed.
func (h *presenceHub) set(conv int64, p presence) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.convs == nil {
		h.convs = map[int64]map[int64]*presence{}
	}
	users := h.convs[conv]
	old := users[p.UserID]
	if p.State == presenceLeft {
		delete(users, p.UserID)
		if len(users) == 0 {
			delete(h.convs, conv)
		}
		return old != nil
	}
	if users == nil {
		users = map[int64]*presence{}
		h.convs[conv] = users
	}
	users[p.UserID] = &p
	return old == nil || old.State != p.State
}

// list returns who is on a conversation now, by name.
func (h *presenceHub) list(conv int64, now time.Time) []presence {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := []presence{}
	for id, p := range h.convs[conv] {
		age := now.Sub(p.Seen)
		if age > presenceTTL {
			delete(h.convs[conv], id)
			continue
		}
		q := *p
		if q.State == presenceTyping && age > typingTTL {
			q.State = presenceViewing
		}
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b presence) int { return strings.Compare(a.Name, b.Name) })
	return out
}

type presenceBody struct {
	State string `json:"state"` // viewing, typing or left
}

// postPresence records the user's report on a conversation they can see,
// and tells the others when it changes what they see.
func (s *Server) postPresence(r *http.Request) ([]presence, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.Conversation(r.Context(), viewerOf(r), id); err != nil {
		return nil, err
	}
	var b presenceBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	p := crm.Problems{}
	p.Require("state", b.State)
	p.OneOf("state", b.State, presenceViewing, presenceTyping, presenceLeft)
	if err := p.Err(); err != nil {
		return nil, err
	}
	u := userOf(r.Context())
	kind := EventPresenceSeen
	if s.presence.set(id, presence{UserID: u.ID, Name: u.Name, State: b.State, Seen: s.now()}) {
		kind = EventPresence
	}
	if s.deps.Events != nil {
		s.deps.Events.Publish(crm.Event{Kind: kind, ConversationID: id, UserID: u.ID, State: b.State})
	}
	return s.presence.list(id, s.now()), nil
}

// applyPresence records a report carried by the event bus, from this
// instance (already recorded: setting it again changes nothing) or
// another. It runs in the event stream before the event is passed on, so
// the browser's next fetch of the list finds it.
func (s *Server) applyPresence(ctx context.Context, e crm.Event) {
	if e.UserID == 0 || e.ConversationID == 0 {
		return
	}
	name, ok := s.presence.name(e.UserID)
	if !ok {
		u, err := s.store.UserByID(ctx, e.UserID)
		if err != nil {
			return
		}
		name = u.Name
		s.presence.remember(u.ID, name)
	}
	s.presence.set(e.ConversationID, presence{UserID: e.UserID, Name: name, State: e.State, Seen: s.now()})
}

func (h *presenceHub) name(user int64) (string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	n, ok := h.names[user]
	return n, ok
}

func (h *presenceHub) remember(user int64, name string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.names == nil || len(h.names) > 10000 {
		h.names = map[int64]string{}
	}
	h.names[user] = name
}

func (s *Server) listPresence(r *http.Request) ([]presence, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.Conversation(r.Context(), viewerOf(r), id); err != nil {
		return nil, err
	}
	return s.presence.list(id, s.now()), nil
}
