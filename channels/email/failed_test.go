package email_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// refusingIngester fails every message with one Message-ID while refuse
// is set, as a store that keeps refusing one message would.
type refusingIngester struct {
	*recordingIngester
	ref    string
	refuse atomic.Bool
	tries  atomic.Int32
}

func (r *refusingIngester) Ingest(ctx context.Context, in *crm.Inbound, cur *crm.Cursor) (*crm.IngestResult, error) {
	if in.MessageRef == r.ref && r.refuse.Load() {
		r.tries.Add(1)
		return nil, errors.New("store refused the message")
	}
	return r.recordingIngester.Ingest(ctx, in, cur)
}

func TestAFailingMessageIsSetAsideAndNewerMailArrives(t *testing.T) {
	w := newWorld(t)
	bad := mail("bad@example.cn", "poison", "bad@example.cn")
	w.imap.deliver(t, "INBOX", mail("a@example.cn", "before", "f1@example.cn"))
	w.imap.deliver(t, "INBOX", bad)
	for _, r := range []string{"f2@example.cn", "f3@example.cn", "f4@example.cn"} {
		w.imap.deliver(t, "INBOX", mail("a@example.cn", "after "+r, r))
	}
	ing := &refusingIngester{recordingIngester: w.ing, ref: "bad@example.cn"}
	ing.refuse.Store(true)
	w.poller("a", ing)
	w.ing.waitFor(t, "f1@example.cn", "f2@example.cn", "f3@example.cn", "f4@example.cn")

	ctx := context.Background()
	list, err := w.db.FailedMails(ctx, w.mb.ID, false)
	if err != nil || len(list) != 1 {
		t.Fatalf("failed mail %v, %v; want the one refused", list, err)
	}
	fm, err := w.db.FailedMail(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(fm.Raw) != string(bad) || !strings.Contains(fm.Error, "store refused") || fm.Folder != "INBOX" ||
		fm.UID != 2 || fm.Attempts != 5 || ing.tries.Load() != 5 {
		t.Errorf("set aside %+v after %d tries; want its raw bytes, the error, INBOX uid 2, 5 attempts", fm, ing.tries.Load())
	}
	mb, err := w.db.Mailbox(ctx, w.mb.ID)
	if err != nil || mb.Status.Failed != 1 {
		t.Fatalf("status %+v (%v), want failed 1", mb.Status, err)
	}

	// An admin retries once the cause is gone; new mail wakes the poller.
	ing.refuse.Store(false)
	if n, err := w.db.RetryFailedMails(ctx, w.mb.ID, 0); err != nil || n != 1 {
		t.Fatalf("retry: %d, %v", n, err)
	}
	w.imap.deliver(t, "INBOX", mail("a@example.cn", "wake", "f5@example.cn"))
	w.ing.waitFor(t, "bad@example.cn", "f5@example.cn")
	if list, err = w.db.FailedMails(ctx, w.mb.ID, false); err != nil || len(list) != 0 {
		t.Errorf("after a successful retry: %v, %v; want none left", list, err)
	}
}
