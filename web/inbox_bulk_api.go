package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// inboxBulkBody is the JSON form of the inbox's bulk bar.
type inboxBulkBody struct {
	Action     string  `json:"action" doc:"assign, label, resolve or reopen"`
	IDs        []int64 `json:"ids" doc:"the conversations (at most 500)"`
	AssigneeID *int64  `json:"assignee_id,omitempty" doc:"assign: the user, or null for nobody"`
	Label      string  `json:"label,omitempty" doc:"label: the label to add"`
}

// inboxBulkResult says what came of each conversation.
type inboxBulkResult struct {
	Done    int                `json:"done"`
	Failed  int                `json:"failed"`
	Refused []inboxBulkRefusal `json:"refused" doc:"the conversations not changed, with why"`
}

type inboxBulkRefusal struct {
	ID     int64  `json:"id"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// maxBulkIDs bounds one bulk call: a page of the inbox at most.
const maxBulkIDs = 500

// apiInboxBulk applies one action to several conversations, each under
// the same rules as one by hand (the page's bulk bar does the same).
func (s *Server) apiInboxBulk(r *http.Request) (inboxBulkResult, error) {
	var b inboxBulkBody
	if err := decodeNew(r, &b); err != nil {
		return inboxBulkResult{}, err
	}
	switch {
	case len(b.IDs) == 0:
		return inboxBulkResult{}, invalid("ids", "name at least one conversation")
	case len(b.IDs) > maxBulkIDs:
		return inboxBulkResult{}, invalid("ids", "at most "+strconv.Itoa(maxBulkIDs)+" conversations at a time")
	}
	if strings.HasPrefix(b.Action, "export_") {
		return inboxBulkResult{}, invalid("action", "must be assign, label, resolve or reopen (exports: GET /inbox/export)")
	}
	form := url.Values{"action": {b.Action}, "label": {b.Label}}
	if b.AssigneeID != nil {
		form.Set("assignee_id", strconv.FormatInt(*b.AssigneeID, 10))
	}
	act, err := s.inboxBulkAction(form)
	if err != nil {
		return inboxBulkResult{}, err
	}
	out := inboxBulkResult{Refused: []inboxBulkRefusal{}}
	for _, id := range b.IDs {
		if err := act(withPathID(r, id)); err != nil {
			out.Failed++
			out.Refused = append(out.Refused, inboxBulkRefusal{ID: id, Code: crm.ErrorCode(err), Reason: crm.ErrorMessage(err)})
			continue
		}
		out.Done++
	}
	return out, nil
}
