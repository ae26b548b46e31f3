package web_test

import (
	"bufio"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// Events that come over the bus from another instance: a resync reaches a
// rep's stream; a presence report, a repeated one too, is recorded by the
// stream that hears it, so the list a page fetches shows the user; a
// repeated report and a changed form are not passed on to browsers (the
// resync published after them is the first event the stream sends).
func TestStreamTakesEventsFromOtherInstances(t *testing.T) {
	e := newEnv(t, web.Config{})
	bus := crm.NewBroker()
	e.serve(web.Config{}, web.Deps{Inbox: e.db, Events: bus})
	conv := e.inbox(0).mail(t, "zhao@kunde.example", "报价", "请报价", "").ConversationID
	res, err := http.DefaultClient.Do(e.request("rep1", http.MethodGet, "/events", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	expect := func(want string) {
		t.Helper()
		for timeout := time.After(10 * time.Second); ; {
			select {
			case l := <-lines:
				if strings.HasPrefix(l, "event: ") {
					if l != "event: "+want {
						t.Fatalf("got %q, want event %s", l, want)
					}
					return
				}
			case <-timeout:
				t.Fatalf("no %s event", want)
			}
		}
	}
	for range 100 { // wait until the stream subscribed
		if len(lines) > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	bus.Publish(crm.Event{Kind: crm.EventFormChanged, RecordID: 1})
	bus.Publish(crm.Event{Kind: web.EventPresenceSeen, ConversationID: conv, UserID: e.id("rep2"), State: "viewing"})
	bus.Publish(crm.Event{Kind: crm.EventResync})
	expect("resync")
	bus.Publish(crm.Event{Kind: web.EventPresence, ConversationID: conv, UserID: e.id("manager"), State: "typing"})
	expect("presence")
	var list []struct {
		UserID int64  `json:"user_id"`
		State  string `json:"state"`
	}
	e.call("admin", http.MethodGet, fmt.Sprintf("/api/v1/conversations/%d/presence", conv), nil, http.StatusOK, &list)
	if len(list) != 2 || list[0].UserID == list[1].UserID {
		t.Errorf("presence = %+v, want rep2 (a repeated report) and the manager (typing)", list)
	}
}
