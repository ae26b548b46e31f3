package storetest

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// testIngestOneBatch queues messages in a known order before a writer runs,
// so that they share one transaction: each must see what the earlier ones
// wrote, though the store holds it back until the batch ends.
func testIngestOneBatch(t *testing.T, h *ingestHarness) {
	a1 := mail("new.sender@qq.com", "询价", "first")
	a2 := mail("new.sender@qq.com", "再问", "second")
	copyA1 := *a1
	reply := mail("new.sender@qq.com", "Re: 询价", "third")
	reply.References = []string{a1.MessageRef}
	cur := func(v string) *crm.Cursor {
		return &crm.Cursor{Channel: crm.ChannelEmail, Account: "sales@rapport.example", Name: "INBOX", Value: v}
	}
	res, errs := h.batch(t, []*crm.Inbound{a1, a2, &copyA1, reply}, []*crm.Cursor{cur("1"), cur("2"), nil, cur("4")})
	for i, err := range errs {
		must(t, err)
		if res[i].MessageID == 0 || res[i].ConversationID == 0 {
			t.Fatalf("result %d %+v: no ids", i, res[i])
		}
	}
	if !res[0].NewLead || res[1].NewLead || res[1].LeadID != res[0].LeadID || !hasLink(res[1].Links, crm.RefLead, res[0].LeadID) {
		t.Errorf("results %+v, %+v: want one lead, made by the first and linked by the second", res[0], res[1])
	}
	if !res[2].Duplicate || res[2].MessageID != res[0].MessageID || len(res[2].Links) != len(res[0].Links) {
		t.Errorf("copy %+v: want the first message's result, marked duplicate", res[2])
	}
	if res[3].ConversationID != res[0].ConversationID || res[3].NewConversation {
		t.Errorf("reply %+v: want it threaded into conversation %d", res[3], res[0].ConversationID)
	}
	leads, err := h.s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Query: "new.sender@qq.com"})
	must(t, err)
	if len(leads.Items) != 1 || leads.Items[0].ID != res[0].LeadID {
		t.Errorf("leads %+v: want the one lead %d", leads.Items, res[0].LeadID)
	}
	c, err := h.s.Conversation(ctx, crm.System, res[0].ConversationID)
	must(t, err)
	if n := len(h.messages(t, c.ID)); n != 2 || c.LeadID == nil || *c.LeadID != res[0].LeadID {
		t.Errorf("conversation %+v with %d messages: want the lead's, with the first message and the reply", c, n)
	}
	got, err := h.s.Cursor(ctx, crm.ChannelEmail, "sales@rapport.example", "INBOX")
	must(t, err)
	same(t, "cursor", got, *cur("4"))
}

// testIngestBadMessageInBatch: a message the store refuses fails its
// batch, which is then written message by message: only it is lost.
func testIngestBadMessageInBatch(t *testing.T, h *ingestHarness) {
	ins := []*crm.Inbound{mail("ok1@qq.com", "1", "a"), badMail(), mail("ok2@qq.com", "2", "b")}
	_, errs := h.batch(t, ins, make([]*crm.Cursor, len(ins)))
	if errs[0] != nil || errs[2] != nil || crm.ErrorCode(errs[1]) != crm.EINVALID {
		t.Fatalf("errors %v: want only the bad message refused", errs)
	}
	for _, in := range []*crm.Inbound{ins[0], ins[2]} {
		if res := h.ingest(t, in); !res.Duplicate {
			t.Errorf("%s was not stored", in.ExternalID)
		}
	}
}

// batch ingests ins (with their cursors) as one batch: it queues them one
// after the other on a writer that is not running yet, then runs it.
func (h *ingestHarness) batch(t *testing.T, ins []*crm.Inbound, curs []*crm.Cursor) ([]*crm.IngestResult, []error) {
	t.Helper()
	ing := crm.NewIngester(crm.IngestConfig{Store: h.s, Matcher: h.m, Now: func() time.Time { return h.now }})
	res, errs := make([]*crm.IngestResult, len(ins)), make([]error, len(ins))
	var wg sync.WaitGroup
	for i, in := range ins {
		wg.Go(func() { res[i], errs[i] = ing.Ingest(ctx, in, curs[i]) })
		for ing.Queued() <= i { // queued in this order
			runtime.Gosched()
		}
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { ing.Run(runCtx); close(done) }()
	wg.Wait()
	cancel()
	<-done
	return res, errs
}
