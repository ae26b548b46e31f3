package wechat_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const follower = "oFOLLOWER0000000000000abc123"

// TestFollowerIsOneConversation: one follower's many texts, sent at once to
// two instances and then spread over days, make one lead and one
// conversation, reopened after it was resolved; only past the reopen
// window does a new conversation start, with the same lead. Real HTTP
// callbacks with safe-mode crypto, on both engines.
func TestFollowerIsOneConversation(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			e := newEnvOn(t, engine)
			bases := []string{e.srv.URL, e.instance(t, engine)}
			e.postConcurrently(t, bases, 30)
			conv := e.onlyConversation(t, 30)
			lead := e.onlyLead(t)
			if lead.Name != "微信用户 · abc123" || conv.LeadID == nil || *conv.LeadID != lead.ID {
				t.Fatalf("lead %q (%d), conversation's lead %v", lead.Name, lead.ID, conv.LeadID)
			}
			steps := []struct {
				name    string
				resolve bool
				move    time.Duration
			}{
				{"a day later", false, 24 * time.Hour},
				{"two days later", false, 48 * time.Hour},
				{"resolved, then written to 2 days later", true, 48 * time.Hour},
				{"resolved, then written to 6 days later", true, 6 * 24 * time.Hour},
			}
			for i, st := range steps {
				if st.resolve {
					_, err := e.db.SetStatus(ctx, crm.System, conv.ID, crm.ConvResolved, nil)
					check(t, err)
				}
				e.clock.Move(st.move)
				e.mustPost(t, bases[i%2], text(follower, fmt.Sprint("day", i), st.name, e.clock.Unix()))
				c := e.onlyConversation(t, 31+i)
				if c.ID != conv.ID || c.Status != crm.ConvOpen {
					t.Fatalf("%s: conversation %d %s, want %d open", st.name, c.ID, c.Status, conv.ID)
				}
			}
			e.onlyLead(t)
			// Past the window a new conversation starts, with the same lead.
			_, err := e.db.SetStatus(ctx, crm.System, conv.ID, crm.ConvResolved, nil)
			check(t, err)
			e.clock.Move(8 * 24 * time.Hour)
			e.mustPost(t, bases[1], text(follower, "later", "我又来了", e.clock.Unix()))
			convs := e.conversations(t)
			if len(convs) != 2 || convs[0].ID == conv.ID || convs[0].LeadID == nil || *convs[0].LeadID != lead.ID {
				t.Fatalf("after the window: %d conversations, newest %+v", len(convs), convs[0])
			}
			// A rep names the follower: the inbox shows that name.
			lead.Name = "王女士"
			check(t, e.db.UpdateLead(ctx, crm.System, lead))
			for _, c := range e.conversations(t) {
				if c.From != "王女士" {
					t.Errorf("conversation %d shows %q, want the lead's new name", c.ID, c.From)
				}
			}
		})
	}
}

// postConcurrently sends n texts of follower at once, spread over bases.
func (e *env) postConcurrently(t *testing.T, bases []string, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := range n {
		wg.Go(func() {
			if status, body := e.postTo(t, bases[i%len(bases)], text(follower, fmt.Sprint(9000+i), fmt.Sprint("第", i, "条"), e.clock.Unix())); status != 200 {
				errs <- fmt.Sprintf("push %d: %d %s", i, status, body)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func (e *env) mustPost(t *testing.T, base, xml string) {
	t.Helper()
	if status, body := e.postTo(t, base, xml); status != 200 || body != "success" {
		t.Fatalf("push: %d %q", status, body)
	}
}

// conversations lists the WeChat conversations, newest first.
func (e *env) conversations(t *testing.T) []*crm.InboxItem {
	t.Helper()
	p, err := e.db.Inbox(ctx, crm.InboxQuery{Viewer: crm.System, Channel: crm.ChannelWeChat, Limit: 100})
	check(t, err)
	return p.Items
}

// onlyConversation checks that there is one WeChat conversation, holding
// n messages, and returns it.
func (e *env) onlyConversation(t *testing.T, n int) *crm.InboxItem {
	t.Helper()
	convs := e.conversations(t)
	if len(convs) != 1 {
		t.Fatalf("%d conversations, want 1", len(convs))
	}
	ms, err := e.db.Messages(ctx, crm.System, convs[0].ID, crm.Page{Limit: 500})
	check(t, err)
	if len(ms.Items) != n {
		t.Fatalf("%d messages in the conversation, want %d", len(ms.Items), n)
	}
	if convs[0].From != "微信用户 · abc123" {
		t.Errorf("the inbox shows the follower as %q", convs[0].From)
	}
	return convs[0]
}

func (e *env) onlyLead(t *testing.T) *crm.Lead {
	t.Helper()
	l, err := e.db.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Page: crm.Page{Limit: 100}})
	check(t, err)
	if len(l.Items) != 1 {
		t.Fatalf("%d leads, want 1", len(l.Items))
	}
	return l.Items[0]
}
