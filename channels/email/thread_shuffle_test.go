package email_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/email"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
)

// threadMail is message k of a long thread: the customer and our
// colleague take turns; References hold the whole chain (Gmail,
// Thunderbird) or, every third message, the root and the last three
// (Outlook trims long chains so), always with In-Reply-To the parent.
// With parentOnly, messages carry In-Reply-To alone (some mobile and
// web mailers), so shuffled delivery splits the thread until the message
// that links two parts arrives.
func threadMail(k int, parentOnly bool) []byte {
	from, to := "Buyer <buyer@longthread.example>", "support@rapport.test"
	if k%2 == 1 {
		from, to = "Amy Zhang <amy@rapport.test>", "Buyer <buyer@longthread.example>"
	}
	var refs []string
	for i := 0; i < k; i++ {
		if k%3 != 0 || i == 0 || i >= k-3 {
			refs = append(refs, fmt.Sprintf("<lt-%03d@longthread.example>", i))
		}
	}
	subject := "Re: spec sheet"
	if k == 0 {
		subject = "spec sheet"
	}
	h := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <lt-%03d@longthread.example>\r\n",
		from, to, subject, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(k)*time.Hour).Format(time.RFC1123Z), k)
	if k > 0 {
		h += fmt.Sprintf("In-Reply-To: <lt-%03d@longthread.example>\r\n", k-1)
		if !parentOnly {
			h += "References: " + strings.Join(refs, "\r\n ") + "\r\n"
		}
	}
	return []byte(h + "Content-Type: text/plain; charset=utf-8\r\n\r\nmessage " + fmt.Sprint(k) + "\r\n")
}

// TestShuffledLongThreadIsOneConversation delivers a 120-message thread in
// a random order (IMAP and batching do not keep a thread's order) and
// checks that every message lands in one conversation, our colleague's
// replies stored as outbound, on both engines.
func TestShuffledLongThreadIsOneConversation(t *testing.T) {
	const n = 120
	for _, engine := range engines() {
		for _, parentOnly := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/in-reply-to-only=%v", engine, parentOnly), func(t *testing.T) {
				shuffledThread(t, engine, n, parentOnly)
			})
		}
	}
}

func shuffledThread(t *testing.T, engine string, n int, parentOnly bool) {
	w := newWorldOn(t, engine, matcher.Config{OwnDomains: []string{"rapport.test"}})
	order := rand.Perm(n)
	t.Logf("delivery order: %v", order)
	refs := make([]string, n)
	for i, k := range order {
		w.imap.deliver(t, "INBOX", threadMail(k, parentOnly))
		refs[i] = fmt.Sprintf("lt-%03d@longthread.example", k)
	}
	w.poller("a", w.ing)
	got := w.ing.waitFor(t, refs...)
	leads := 0
	for _, ref := range refs {
		if got[ref][0].NewLead {
			leads++
		}
	}
	if leads != 1 {
		t.Errorf("%d leads from one buyer's thread, want 1", leads)
	}
	// Where each message is now: a conversation joined into another is gone.
	convs := map[int64][]int{}
	for k := range n {
		m, err := w.db.MessageByExternalID(context.Background(), crm.ChannelEmail, strconv.FormatInt(w.mb.ID, 10),
			email.ExternalID(threadMail(k, parentOnly)))
		must(t, err)
		convs[m.ConversationID] = append(convs[m.ConversationID], k)
		if out := m.Direction == crm.DirectionOut; out != (k%2 == 1) {
			t.Errorf("message %d stored %s; our colleague's replies are outbound", k, m.Direction)
		}
	}
	if len(convs) != 1 {
		t.Fatalf("%d messages in %d conversations: %v", n, len(convs), convs)
	}
	for id := range convs {
		c, err := w.db.Conversation(context.Background(), crm.System, id)
		must(t, err)
		if c.LeadID == nil {
			t.Errorf("the thread's conversation lost its lead: %+v", c)
		}
	}
}

// TestReplyFoundByTheRootOfALongChain: a reply whose References hold 300
// ids, of which only the root (the last one followed, oldest) is known,
// joins the root's conversation.
func TestReplyFoundByTheRootOfALongChain(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			w := newWorldOn(t, engine, matcher.Config{})
			w.imap.deliver(t, "INBOX", mail("buyer@thread.example", "long thread", "t000@thread.example"))
			raw, err := os.ReadFile("testdata/long_references.eml")
			must(t, err)
			w.imap.deliver(t, "INBOX", raw)
			w.poller("a", w.ing)
			got := w.ing.waitFor(t, "t000@thread.example", "t300@thread.example")
			root, reply := got["t000@thread.example"][0], got["t300@thread.example"][0]
			if reply.ConversationID != root.ConversationID {
				t.Fatalf("reply in conversation %d, root in %d", reply.ConversationID, root.ConversationID)
			}
		})
	}
}
