package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// timelineData is a piece of a conversation's timeline for the live view.
type timelineData struct {
	pageData
	Items  []timelineItem
	LastID int64
}

// getTimeline returns the messages after ?after= (new ones, or with
// after=0 the whole timeline, notes included) as HTML.
func (s *Server) getTimeline(w http.ResponseWriter, r *http.Request) {
	ib, id, err := s.inboxAndID(r)
	var after int64
	if err == nil {
		after, err = afterParam(r)
	}
	d := timelineData{pageData: s.pageData(w, r, "conv.title")}
	if err == nil {
		d.Items, d.LastID, err = s.timeline(r.Context(), ib, viewerOf(r), id, after, d.Lang)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("X-Last-Message", strconv.FormatInt(d.LastID, 10))
	s.renderAny(w, r, "conversation", "timeline", d)
}

func afterParam(r *http.Request) (int64, error) {
	s := r.URL.Query().Get("after")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, &crm.Error{Code: crm.EINVALID, Message: "Bad after.", Fields: map[string]string{"after": "must be a message id"}}
	}
	return n, nil
}

// presenceData is who else has a conversation open.
type presenceData struct {
	pageData
	Others []presence
}

func (s *Server) getPresenceFragment(w http.ResponseWriter, r *http.Request) {
	list, err := s.listPresence(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := presenceData{pageData: s.pageData(w, r, "conv.title")}
	me := viewerOf(r).UserID
	for _, p := range list {
		if p.UserID != me {
			d.Others = append(d.Others, p)
		}
	}
	s.renderAny(w, r, "conversation", "presence", d)
}

// getMailFrame returns a mail's sanitized document, with its remote
// images when asked, for the page to put into the message's frame.
func (s *Server) getMailFrame(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(chi.URLParam(r, "id"))
	var m *crm.Message
	if err == nil {
		m, err = s.visibleMessage(r, id)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	images := r.URL.Query().Get("images") == "true" || r.URL.Query().Get("images") == "1"
	h := w.Header()
	// Served as text for the page's script to place in srcdoc; never
	// rendered at this URL.
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "no-store")
	doc, _ := mailDoc(m, images, s.inlineSrc(r.Context()))
	w.Write([]byte(doc))
}

// visibleMessage finds a message by id in a conversation the user can see.
func (s *Server) visibleMessage(r *http.Request, id int64) (*crm.Message, error) {
	ib, err := s.inbox()
	if err != nil {
		return nil, err
	}
	return ib.InboxMessage(r.Context(), viewerOf(r), id)
}

// redirectConversation sends record pages' links (/conversations/{id}) to
// the conversation's page in the inbox.
func (s *Server) redirectConversation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/inbox/"+itoa64(id), http.StatusSeeOther)
}
