package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// inboxBulkParams are what the inbox page says after a bulk action.
var inboxBulkParams = []param{
	{"done", "integer", "after a bulk action: how many conversations it changed"},
	{"failed", "integer", "after a bulk action: how many it was refused (not yours to change)"},
}

// postInboxBulk applies one action to the ticked conversations: assign,
// add a label, resolve or reopen. Each goes through the same API handler
// as the conversation's own side panel, so it meets the same rules (a rep
// changes only what they may see and assigns only to themselves or
// nobody), is audited and tells live views. Export sends the browser on to
// the inbox's export of the ticked conversations.
func (s *Server) postInboxBulk(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, invalid("body", "the form could not be read"))
		return
	}
	form, back := r.PostForm, inboxBack(r.PostForm.Get("query"))
	var ids []int64
	for _, v := range form["id"] {
		if id, err := parseID(v); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		s.writeError(w, r, invalid("id", "tick at least one conversation"))
		return
	}
	if format, ok := strings.CutPrefix(form.Get("action"), "export_"); ok {
		q := url.Values{"id": form["id"], "format": {format}}
		http.Redirect(w, r, "/inbox/export?"+q.Encode(), http.StatusSeeOther)
		return
	}
	act, err := s.inboxBulkAction(form)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	done, failed := 0, 0
	for _, id := range ids {
		if err := act(withPathID(r, id)); err != nil {
			failed++
			s.log.Info("inbox bulk action refused", "conversation", id, "err", crm.ErrorMessage(err))
			continue
		}
		done++
	}
	back.Set("done", strconv.Itoa(done))
	back.Set("failed", strconv.Itoa(failed))
	http.Redirect(w, r, "/inbox?"+back.Encode(), http.StatusSeeOther)
}

// inboxBack is the inbox filters the bulk form was posted from, without a
// previous action's result.
func inboxBack(query string) url.Values {
	q := mustQuery(strings.TrimPrefix(query, "?"))
	for k := range q {
		if !hasParam(inboxParams, k) || k == "cursor" {
			q.Del(k)
		}
	}
	if q.Get("status") == "" {
		q.Set("status", "any") // the page's default is open: keep what was shown
	}
	return q
}

// inboxBulkAction is what an action does to the conversation r names.
func (s *Server) inboxBulkAction(form url.Values) (func(r *http.Request) error, error) {
	put := func(h func(*http.Request) (*crm.Conversation, error), body any) func(r *http.Request) error {
		b, _ := json.Marshal(body)
		return func(r *http.Request) error { _, err := h(withJSON(r, b)); return err }
	}
	switch form.Get("action") {
	case "resolve":
		return put(s.putStatus, statusBody{Status: crm.ConvResolved}), nil
	case "reopen":
		return put(s.putStatus, statusBody{Status: crm.ConvOpen}), nil
	case "assign":
		var to *int64
		if v := form.Get("assignee_id"); v != "" {
			id, err := parseID(v)
			if err != nil {
				return nil, invalid("assignee_id", "must be a user")
			}
			to = &id
		}
		// The conversation keeps its team: a bulk assignment moves the
		// person answering, not the team the conversation belongs to.
		return func(r *http.Request) error {
			c, err := s.getConversation(r)
			if err != nil {
				return err
			}
			return put(s.putAssignment, crm.Assignment{AssigneeID: to, TeamID: c.TeamID})(r)
		}, nil
	case "label":
		name := strings.TrimSpace(form.Get("label"))
		if name == "" {
			return nil, invalid("label", "choose a label")
		}
		return func(r *http.Request) error {
			c, err := s.getConversation(r)
			if err != nil {
				return err
			}
			if slices.Contains(c.Labels, name) {
				return nil
			}
			return put(s.putLabels, labelsBody{Labels: append(c.Labels, name)})(r)
		}, nil
	}
	return nil, invalid("action", "must be assign, label, resolve, reopen, export_csv or export_xlsx")
}
