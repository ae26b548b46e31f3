package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// foldedPrefixes are the routes whose {id} is a conversation's. When mail
// that arrived out of order shows two conversations to be one thread, one
// is folded into the other and its id is gone; a page left open, a link or
// an API client that still holds it is sent on to the one that stayed.
var foldedPrefixes = []string{"/inbox/{id}", "/conversations/{id}", "/api/v1/conversations/{id}"}

// redirectFolded answers a request for a folded conversation, when the
// viewer may see the one it was folded into: reads are redirected to the
// same route with the new id (303 for pages, 308 for the API so that
// clients keep the method); writes are refused with the new id named, so
// that nothing is sent or changed where the rep did not look. It reports
// whether it answered.
func (s *Server) redirectFolded(w http.ResponseWriter, r *http.Request) bool {
	pattern := routePattern(r)
	if !foldedRoute(pattern) {
		return false
	}
	from, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		return false
	}
	into, err := s.store.FoldedInto(r.Context(), from)
	if err != nil {
		return false
	}
	if _, err := s.store.Conversation(r.Context(), viewerOf(r), into); err != nil {
		return false // not visible: the plain 404 tells nothing
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.writeErrorBody(w, r, crm.Errorf(crm.ENOTFOUND,
			"Conversation %d was joined into conversation %d (one thread that arrived split); open that one.", from, into))
		return true
	}
	head, _, _ := strings.Cut(pattern, "{id}")
	u := *r.URL
	u.Path = head + strconv.FormatInt(into, 10) + strings.TrimPrefix(r.URL.Path, head+strconv.FormatInt(from, 10))
	status := http.StatusSeeOther
	if isAPI(r) {
		status = http.StatusPermanentRedirect
	}
	http.Redirect(w, r, u.String(), status)
	return true
}

// foldedRoute reports whether pattern names a conversation by {id}.
func foldedRoute(pattern string) bool {
	for _, p := range foldedPrefixes {
		if pattern == p || strings.HasPrefix(pattern, p+"/") {
			return true
		}
	}
	return false
}
