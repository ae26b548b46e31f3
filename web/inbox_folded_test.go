package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// A conversation folded into another (a split mail thread joined) sends
// whoever still holds its id on to the one that stayed, if they may see
// it: pages and fragments by 303, the API by 308; a write is refused with
// the new id named; a rep who may not see the survivor gets a plain 404.
func TestFoldedConversationLeadsOn(t *testing.T) {
	e := newEnv(t, web.Config{})
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	conv := func(assignee int64) int64 {
		c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "sales@example.com", Subject: "报价",
			Status: crm.ConvOpen, AssigneeID: &assignee, LastMessageAt: at, CreatedAt: at}
		if err := e.db.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	from, into := conv(e.id("rep1")), conv(e.id("rep1"))
	if err := e.db.JoinConversations(ctx, into, from); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, want string
		status     int
	}{
		{"/api/v1/conversations/%d", "/api/v1/conversations/%d", http.StatusPermanentRedirect},
		{"/api/v1/conversations/%d/messages?limit=5", "/api/v1/conversations/%d/messages?limit=5", http.StatusPermanentRedirect},
		{"/inbox/%d", "/inbox/%d", http.StatusSeeOther},
		{"/inbox/%d/messages?after=0", "/inbox/%d/messages?after=0", http.StatusSeeOther},
	} {
		res, body := e.send(e.request("rep1", http.MethodGet, fmt.Sprintf(tc.path, from), nil))
		if res.StatusCode != tc.status || res.Header.Get("Location") != fmt.Sprintf(tc.want, into) {
			t.Errorf("GET %s: %d → %q, want %d → %q; %s", fmt.Sprintf(tc.path, from), res.StatusCode,
				res.Header.Get("Location"), tc.status, fmt.Sprintf(tc.want, into), body)
		}
	}
	ae := e.fail("rep1", http.MethodPost, fmt.Sprintf("/api/v1/conversations/%d/notes", from),
		map[string]string{"text": "记得回电"}, http.StatusNotFound, crm.ENOTFOUND)
	if want := fmt.Sprintf("conversation %d", into); !strings.Contains(ae.Message, want) {
		t.Errorf("a note on the folded conversation: %q, want it to name %q", ae.Message, want)
	}
	// rep3 (team B) may not see the survivor: nothing says it exists.
	res, _ := e.send(e.request("rep3", http.MethodGet, fmt.Sprintf("/api/v1/conversations/%d", from), nil))
	if res.StatusCode != http.StatusNotFound || res.Header.Get("Location") != "" {
		t.Errorf("rep3: %d %q, want a plain 404", res.StatusCode, res.Header.Get("Location"))
	}
	// An id that never existed is a plain 404 too.
	e.fail("rep1", http.MethodGet, "/api/v1/conversations/999999", nil, http.StatusNotFound, crm.ENOTFOUND)
}
