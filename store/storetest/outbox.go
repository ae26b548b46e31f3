package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunOutbox is the outbox's conformance suite: queueing replies, sending,
// retries, failures, leases and delivery reports, on a real store.
func RunOutbox(t *testing.T, open Opener, m crm.MatchDecider) {
	tests := []struct {
		name string
		fn   func(t *testing.T, h *outboxHarness)
	}{
		{"ReplyThreadsAndSends", testOutboxReply},
		{"TemporaryFailureRetriedThenFails", testOutboxRetry},
		{"PermanentFailureKeepsReason", testOutboxPermanent},
		{"ClaimedOnce", testOutboxClaimedOnce},
		{"DeliveryReport", testOutboxDeliveryReport},
		{"AutomaticAnswersCapped", testOutboxAutoCap},
		{"RefusedWhenNotAllowed", testOutboxRefused},
		{"RepReplyCountsAsFollowingUp", testOutboxReplyFollowsUp},
		{"StartConversation", testOutboxStart},
	}
	for _, tt := range tests {
		t.Run("Outbox/"+tt.name, func(t *testing.T) {
			h := &outboxHarness{ingestHarness: newIngestHarness(t, open(t), m, 0), sender: &recordingSender{}}
			h.box = crm.NewOutbox(crm.OutboxConfig{Store: h.s, Senders: map[string]crm.Sender{crm.ChannelEmail: h.sender},
				Events: h, Now: func() time.Time { return h.now }, MaxAttempts: 3,
				Backoff: func(n int) time.Duration { return time.Duration(n) * time.Minute }})
			tt.fn(t, h)
		})
	}
}

type outboxHarness struct {
	*ingestHarness
	box    *crm.Outbox
	sender *recordingSender
}

// recordingSender is a channel for the test: it records what it was asked to
// send and answers with the errors queued in fail.
type recordingSender struct {
	mu   sync.Mutex
	sent []*crm.Outgoing
	fail []error
}

func (s *recordingSender) Send(_ context.Context, m *crm.Outgoing) (*crm.SendResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, m)
	if len(s.fail) > 0 {
		err := s.fail[0]
		s.fail = s.fail[1:]
		return nil, err
	}
	return &crm.SendResult{ExternalID: "ext-" + m.Subject, MessageRef: "<our-" + m.Subject + "@rapport.example>"}, nil
}

func (h *outboxHarness) sendDue(t *testing.T, want int) {
	t.Helper()
	n, err := h.box.SendDue(ctx)
	must(t, err)
	if n != want {
		t.Fatalf("SendDue tried %d messages, want %d", n, want)
	}
}

func (h *outboxHarness) message(t *testing.T, convID, id int64) *crm.Message {
	t.Helper()
	for _, m := range h.messages(t, convID) {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("message %d not in conversation %d", id, convID)
	return nil
}

func testOutboxReply(t *testing.T, h *outboxHarness) {
	in := h.ingest(t, mail("chen@gmail.com", "报价", "请报价"))
	m, err := h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID, Text: "您好，报价见附件"})
	must(t, err)
	if m.Delivery != crm.DeliveryQueued || m.Direction != crm.DirectionOut || len(m.To) != 1 || m.To[0].Address != "chen@gmail.com" {
		t.Fatalf("queued %+v: want queued, out, to chen@gmail.com", m)
	}
	h.sendDue(t, 1)
	got := h.sender.sent[0]
	if got.Subject != "Re: 报价" || got.InReplyTo == "" || got.References[len(got.References)-1] != got.InReplyTo || got.Attempt != 1 {
		t.Fatalf("sent %+v: want Re: subject, In-Reply-To the customer's mail, ending References", got)
	}
	if sm := h.message(t, in.ConversationID, m.ID); sm.Delivery != crm.DeliverySent || sm.MessageRef != "<our-Re: 报价@rapport.example>" {
		t.Fatalf("after send %+v: want sent with our reference", sm)
	}
	h.sendDue(t, 0)
	back := mail("chen@gmail.com", "Re: Re: 报价", "谢谢")
	back.References = []string{"<our-Re: 报价@rapport.example>"}
	if res := h.ingest(t, back); res.ConversationID != in.ConversationID {
		t.Fatalf("the customer's answer went to conversation %d, want %d", res.ConversationID, in.ConversationID)
	}
}

func testOutboxRetry(t *testing.T, h *outboxHarness) {
	in := h.ingest(t, mail("wang@gmail.com", "hello", "hi"))
	h.sender.fail = []error{errors.New("dial tcp: connection refused"), &crm.SendError{Reason: "451 try later"},
		&crm.SendError{Reason: "421 busy"}}
	m, err := h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID, Text: "answer"})
	must(t, err)
	h.sendDue(t, 1)
	if sm := h.message(t, in.ConversationID, m.ID); sm.Delivery != crm.DeliveryQueued || sm.DeliveryError == "" {
		t.Fatalf("after a temporary failure %+v: want still queued, with the reason", sm)
	}
	h.sendDue(t, 0) // not due before its back-off
	h.now = h.now.Add(time.Minute)
	h.sendDue(t, 1)
	h.now = h.now.Add(2 * time.Minute)
	h.sendDue(t, 1)
	sm := h.message(t, in.ConversationID, m.ID)
	if sm.Delivery != crm.DeliveryFailed || sm.DeliveryError != "421 busy" || len(h.sender.sent) != 3 {
		t.Fatalf("after 3 temporary failures %+v (%d tries): want failed with the last reason", sm, len(h.sender.sent))
	}
	h.now = h.now.Add(24 * time.Hour)
	h.sendDue(t, 0)
}

func testOutboxPermanent(t *testing.T, h *outboxHarness) {
	in := h.ingest(t, mail("zhao@gmail.com", "hello", "hi"))
	h.sender.fail = []error{crm.PermanentSendError("550 5.1.1 mailbox unavailable", nil)}
	m, err := h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID, Text: "answer"})
	must(t, err)
	h.sendDue(t, 1)
	if sm := h.message(t, in.ConversationID, m.ID); sm.Delivery != crm.DeliveryFailed || sm.DeliveryError != "550 5.1.1 mailbox unavailable" {
		t.Fatalf("after a permanent failure %+v: want failed with the server's reason", sm)
	}
	h.now = h.now.Add(48 * time.Hour)
	h.sendDue(t, 0)
}

func testOutboxClaimedOnce(t *testing.T, h *outboxHarness) {
	in := h.ingest(t, mail("sun@gmail.com", "hello", "hi"))
	_, err := h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID, Text: "answer"})
	must(t, err)
	first, err := h.s.ClaimOutbound(ctx, h.now, h.now.Add(time.Minute), 10)
	must(t, err)
	second, err := h.s.ClaimOutbound(ctx, h.now, h.now.Add(time.Minute), 10)
	must(t, err)
	if len(first) != 1 || len(second) != 0 {
		t.Fatalf("claims gave %d then %d messages: want 1 then 0 while leased", len(first), len(second))
	}
	// An instance that died mid-send loses its lease; another sends it.
	again, err := h.s.ClaimOutbound(ctx, h.now.Add(time.Minute), h.now.Add(2*time.Minute), 10)
	must(t, err)
	if len(again) != 1 || again[0].Attempt != 2 {
		t.Fatalf("after the lease ran out: %d claimed (%+v), want 1 at attempt 2", len(again), again)
	}
}

func testOutboxDeliveryReport(t *testing.T, h *outboxHarness) {
	in := h.ingest(t, mail("li@gmail.com", "order", "hi"))
	m, err := h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID, Subject: "X1", Text: "answer"})
	must(t, err)
	h.sendDue(t, 1)
	must(t, h.box.SetDelivery(ctx, crm.ChannelEmail, m.Account, "ext-X1", crm.DeliveryFailed, "550 no such user"))
	if sm := h.message(t, in.ConversationID, m.ID); sm.Delivery != crm.DeliveryFailed || sm.DeliveryError != "550 no such user" {
		t.Fatalf("after a bounce %+v: want failed with the bounce reason", sm)
	}
	wantCode(t, h.box.SetDelivery(ctx, crm.ChannelEmail, m.Account, "ext-unknown", crm.DeliveryFailed, "x"), crm.ENOTFOUND)
}

func testOutboxAutoCap(t *testing.T, h *outboxHarness) {
	in := h.ingest(t, mail("robot@gmail.com", "auto", "hi"))
	for i := range 3 {
		_, err := h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID, Kind: crm.OutAuto, Text: "got it"})
		if err != nil {
			t.Fatalf("automatic answer %d: %v", i+1, err)
		}
	}
	_, err := h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID, Kind: crm.OutAuto, Text: "got it"})
	wantCode(t, err, crm.ERATELIMITED)
	h.now = h.now.Add(25 * time.Hour)
	_, err = h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID, Kind: crm.OutAuto, Text: "got it"})
	must(t, err)
}

func testOutboxRefused(t *testing.T, h *outboxHarness) {
	in := h.ingest(t, mail("zhou@gmail.com", "hello", "hi"))
	_, err := h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID})
	wantFields(t, err, "text")
	// A new lead in the pool is the shared inbox's: a rep of another team
	// cannot see an assigned one.
	rep := crm.Viewer{UserID: h.w.repB.ID, Role: crm.RoleRep, TeamID: *h.w.repB.TeamID}
	c, err := h.s.Conversation(ctx, crm.System, in.ConversationID)
	must(t, err)
	c.AssigneeID = ptr(h.w.repA1.ID)
	must(t, h.s.WithIngestTx(ctx, func(ctx context.Context, tx crm.IngestTx) error { return tx.UpdateConversation(ctx, c) }))
	_, err = h.box.Queue(ctx, rep, crm.Draft{ConversationID: in.ConversationID, Text: "x"})
	wantCode(t, err, crm.ENOTFOUND)
	wc := h.ingest(t, &crm.Inbound{Channel: crm.ChannelWeChat, Account: "wxappid", ExternalID: "1",
		From: crm.Address{Address: "openid-1"}, Text: "你好", ReceivedAt: aTime(0)})
	_, err = h.box.Queue(ctx, crm.System, crm.Draft{ConversationID: wc.ConversationID, Text: "x"})
	wantCode(t, err, crm.EINVALID)
	if len(h.sender.sent) != 0 {
		t.Fatalf("refused drafts reached the channel: %+v", h.sender.sent)
	}
}

// testOutboxReplyFollowsUp: a rep's reply in a conversation is following up
// the lead it is linked to: its last activity moves, and with it the pool's
// countdown.
func testOutboxReplyFollowsUp(t *testing.T, h *outboxHarness) {
	in := h.ingest(t, mail("wang@gmail.com", "询价", "请报价"))
	if in.LeadID == 0 {
		t.Fatal("the mail made no lead")
	}
	admin := crm.Viewer{UserID: h.w.admin.ID, Role: crm.RoleAdmin}
	m, err := h.box.Queue(ctx, admin, crm.Draft{ConversationID: in.ConversationID, Text: "您好"})
	must(t, err)
	l, err := h.s.Lead(ctx, crm.System, in.LeadID)
	must(t, err)
	if l.LastActivityAt == nil || !l.LastActivityAt.Equal(stored(m.CreatedAt)) {
		t.Fatalf("lead's last activity %v, want the reply's time %v", l.LastActivityAt, m.CreatedAt)
	}
}
