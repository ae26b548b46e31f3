package email_test

import (
	"context"
	"testing"
)

// With IdleFor and PollEvery an hour, only IDLE can bring mail within the
// test: mail in the first folder comes through its watcher's IDLE, mail in
// the last through the session's own.
func TestNewMailInEveryWatchedFolderArrivesByIdle(t *testing.T) {
	w := newWorld(t)
	if err := w.imap.user.Create("Orders", nil); err != nil {
		t.Fatal(err)
	}
	w.mb.Folders = []string{"INBOX", "Orders"}
	if err := w.db.UpdateMailbox(context.Background(), w.mb); err != nil {
		t.Fatal(err)
	}
	w.imap.deliver(t, "INBOX", mail("a@example.cn", "in inbox", "w1@example.cn"))
	w.imap.deliver(t, "Orders", mail("b@example.cn", "in orders", "w2@example.cn"))
	w.poller("a", w.ing)
	w.ing.waitFor(t, "w1@example.cn", "w2@example.cn")
	for i, folder := range []string{"INBOX", "Orders", "INBOX"} {
		ref := []string{"w3@example.cn", "w4@example.cn", "w5@example.cn"}[i]
		w.imap.deliver(t, folder, mail("c@example.cn", "later in "+folder, ref))
		if got := w.ing.waitFor(t, ref); got[ref][0].Duplicate {
			t.Errorf("%s in %s was seen as a duplicate", ref, folder)
		}
	}
}
