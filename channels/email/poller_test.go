package email_test

import (
	"context"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/rapport-crm/rapport/crm"
)

func TestPollerIngestsThenGetsNewMailByIdle(t *testing.T) {
	w := newWorld(t)
	w.imap.deliver(t, "INBOX", mail("Li Si <li.si@example.cn>", "询价", "m1@example.cn", "Cc: wang@example.cn"))
	w.imap.deliver(t, "INBOX", mail("zhao@example.cn", "合同", "m2@example.cn"))
	old := mail("old@example.cn", "last year", "old@example.cn")
	if _, err := w.imap.user.Append("INBOX", literal{readerOf(old), int64(len(old))},
		&imap.AppendOptions{Time: time.Now().AddDate(0, 0, -90)}); err != nil {
		t.Fatal(err)
	}
	w.poller("a", w.ing)
	got := w.ing.waitFor(t, "m1@example.cn", "m2@example.cn")
	if got["m1@example.cn"][0].Duplicate {
		t.Fatal("first ingest reported a duplicate")
	}
	// IdleFor and PollEvery are an hour: only IDLE's EXISTS can bring this.
	w.imap.deliver(t, "INBOX", mail("zhao@example.cn", "Re: 合同", "m3@example.cn"))
	got = w.ing.waitFor(t, "m3@example.cn")
	if len(got["old@example.cn"]) > 0 {
		t.Error("mail older than the first-sync window was ingested")
	}
	msgs, err := w.db.Messages(context.Background(), crm.System, w.firstConv(t, "m1@example.cn"), crm.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if m := msgs.Items[0]; len(m.Cc) != 1 || m.Cc[0].Address != "wang@example.cn" || m.Subject != "询价" {
		t.Errorf("stored message %+v, want CC and subject kept", m)
	}
}

func TestPollerReconnectsAfterTheServerDrops(t *testing.T) {
	w := newWorld(t)
	w.imap.deliver(t, "INBOX", mail("a@example.cn", "one", "d1@example.cn"))
	w.poller("a", w.ing)
	w.ing.waitFor(t, "d1@example.cn")
	w.imap.proxy.dropAll()
	w.imap.deliver(t, "INBOX", mail("a@example.cn", "two", "d2@example.cn"))
	got := w.ing.waitFor(t, "d2@example.cn")
	if got["d2@example.cn"][0].Duplicate {
		t.Error("new mail after reconnecting was seen as a duplicate")
	}
}

func TestUIDValidityChangeMakesNoDuplicates(t *testing.T) {
	w := newWorld(t)
	refs := []string{"u1@example.cn", "u2@example.cn", "u3@example.cn", "u4@example.cn"}
	raws := map[string][]byte{}
	for _, r := range refs {
		raws[r] = mail("same@example.cn", "subject "+r, r)
	}
	for _, r := range refs[:3] {
		w.imap.deliver(t, "INBOX", raws[r])
	}
	stop := w.poller("a", w.ing)
	first := w.ing.waitFor(t, refs[:3]...)
	stop()
	w.imap.recreate(t, "INBOX") // new UIDVALIDITY; the same mail comes back under new UIDs
	for _, r := range refs {
		w.imap.deliver(t, "INBOX", raws[r])
	}
	w.poller("a", w.ing)
	again := w.ing.waitFor(t, refs...)
	for _, r := range refs[:3] {
		res := again[r][len(again[r])-1]
		if !res.Duplicate || res.MessageID != first[r][0].MessageID {
			t.Errorf("%s after the re-scan: %+v, want the first message (%d) as a duplicate", r, res, first[r][0].MessageID)
		}
	}
	if again[refs[3]][0].Duplicate {
		t.Error("the new message was not stored")
	}
}

func TestCrashBetweenFetchAndCommitIngestsEachMessageOnce(t *testing.T) {
	w := newWorld(t)
	refs := []string{"c1@x.cn", "c2@x.cn", "c3@x.cn", "c4@x.cn", "c5@x.cn", "c6@x.cn", "c7@x.cn"}
	for _, r := range refs {
		w.imap.deliver(t, "INBOX", mail(r, "crash "+r, r))
	}
	// Five ingests succeed (a batch of three, then two more), then
	// the "process" fails between fetching and committing, again and again.
	crashing := &recordingIngester{inner: w.ing.inner, results: make(chan seen, 100), failAfter: 5,
		crashed: make(chan struct{})}
	stop := w.poller("a", crashing)
	select {
	case <-crashing.crashed:
	case <-time.After(hang):
		t.Fatal("never crashed")
	}
	stop()
	close(crashing.results)
	before := map[string]int64{}
	for s := range crashing.results {
		before[s.ref] = s.res.MessageID
	}
	if len(before) == len(refs) || len(before) == 0 {
		t.Fatalf("%d of %d stored before the crash; the test shows nothing", len(before), len(refs))
	}
	var rest []string
	for _, r := range refs {
		if _, ok := before[r]; !ok {
			rest = append(rest, r)
		}
	}
	w.poller("a", w.ing) // the restarted process
	after := w.ing.waitFor(t, rest...)
	ids := map[int64]bool{}
	for _, id := range before {
		ids[id] = true
	}
	// A message whose commit the "crash" interrupted may have committed all
	// the same: then the restart finds it a duplicate, with one id.
	for r, results := range after {
		for _, res := range results {
			if id, had := before[r]; had && (!res.Duplicate || res.MessageID != id) {
				t.Errorf("%s was stored before the crash as %d; again: %+v", r, id, res)
			}
			if res.MessageID != results[0].MessageID {
				t.Errorf("%s stored as both %d and %d", r, results[0].MessageID, res.MessageID)
			}
			ids[res.MessageID] = true
		}
	}
	if len(ids) != len(refs) {
		t.Errorf("%d messages stored for %d delivered", len(ids), len(refs))
	}
}

func TestOnlyTheLeaseHolderPolls(t *testing.T) {
	w := newWorld(t)
	w.imap.deliver(t, "INBOX", mail("l@example.cn", "one", "l1@example.cn"))
	w.poller("a", w.ing)
	w.ing.waitFor(t, "l1@example.cn")
	other := &recordingIngester{inner: w.ing.inner, results: make(chan seen, 100)}
	stopB := w.poller("b", other)
	w.imap.deliver(t, "INBOX", mail("l@example.cn", "two", "l2@example.cn"))
	w.ing.waitFor(t, "l2@example.cn")
	stopB()
	if n := len(other.results); n != 0 {
		t.Errorf("the instance without the lease ingested %d messages", n)
	}
	mb, err := w.db.Mailbox(context.Background(), w.mb.ID)
	if err != nil {
		t.Fatal(err)
	}
	if mb.Status.Holder != "a" || mb.Status.Ingested < 1 {
		t.Errorf("status %+v, want holder a and a count", mb.Status)
	}
}

// firstConv returns the conversation the message ref was stored in.
func (w *world) firstConv(t *testing.T, ref string) int64 {
	t.Helper()
	res := w.ing.lookup(ref)
	if res == nil {
		t.Fatalf("%s was not ingested", ref)
	}
	return res.ConversationID
}
