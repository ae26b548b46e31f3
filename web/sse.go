package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// sseHeartbeat keeps proxies from closing an idle stream.
const sseHeartbeat = 25 * time.Second

// getEvents streams committed events as server-sent events: the kind and
// ids only, and only about conversations the user may see. The page then
// fetches what changed through the ordinary, visibility-checked routes. A
// client that reconnects reloads its view, so events missed while away
// (or dropped because the client was slow) are not lost for good.
func (s *Server) getEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok || s.deps.Events == nil {
		s.writeError(w, r, crm.Errorf(crm.ENOTFOUND, "Live events are not available on this server."))
		return
	}
	ch, stop := s.deps.Events.Subscribe(256)
	defer stop()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 3000\n: hello\n\n")
	flusher.Flush()
	seen := newVisibleCache(s, viewerOf(r))
	tick := time.NewTicker(sseHeartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			fmt.Fprint(w, ": ping\n\n")
		case e, open := <-ch:
			if !open {
				return
			}
			switch e.Kind {
			case EventPresence, EventPresenceSeen:
				s.applyPresence(r.Context(), e)
			}
			if e.Kind == EventPresenceSeen || e.Kind == crm.EventFormChanged || !seen.visible(r.Context(), e) {
				continue
			}
			b, _ := json.Marshal(e)
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Kind, b)
		}
		flusher.Flush()
	}
}

// visibleCache remembers for a few seconds whether the stream's user may
// see a conversation, so that a burst of messages costs one query.
type visibleCache struct {
	s    *Server
	v    crm.Viewer
	seen map[int64]visibleEntry
}

type visibleEntry struct {
	ok bool
	at time.Time
}

const visibleCacheTTL = 5 * time.Second

func newVisibleCache(s *Server, v crm.Viewer) *visibleCache {
	return &visibleCache{s: s, v: v, seen: map[int64]visibleEntry{}}
}

// visible reports whether e may go to the user: events about a conversation
// they can see; other kinds (a new lead) only to those who see everything.
func (c *visibleCache) visible(ctx context.Context, e crm.Event) bool {
	if e.Kind == crm.EventResync {
		return true // ids of nothing: every view reloads
	}
	if e.ConversationID == 0 {
		return c.v.SeesAll()
	}
	now := time.Now() // a cache age, not domain time: the real clock
	if got, ok := c.seen[e.ConversationID]; ok && now.Sub(got.at) < visibleCacheTTL {
		return got.ok
	}
	if len(c.seen) > 1000 {
		clear(c.seen)
	}
	_, err := c.s.store.Conversation(ctx, c.v, e.ConversationID)
	ok := err == nil
	c.seen[e.ConversationID] = visibleEntry{ok: ok, at: now}
	return ok
}
