package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testMailboxFailedMail: a set-aside message keeps its raw bytes and
// error, counts in the mailbox's status, is saved once per UID, and can be
// marked for a retry and removed.
func testMailboxFailedMail(t *testing.T, _ *ingestHarness, s crm.MailboxStore) {
	m := aMailbox("Failed")
	must(t, s.CreateMailbox(ctx, m))
	raw := []byte("Subject: \xff\xfe broken\r\n\r\n\x00body")
	f := &crm.FailedMail{MailboxID: m.ID, Folder: "INBOX", UIDValidity: 4000000000, UID: 7, Raw: raw,
		Error: "ingest uid 7: refused", Attempts: 5}
	must(t, s.SaveFailedMail(ctx, f))
	again := &crm.FailedMail{MailboxID: m.ID, Folder: "INBOX", UIDValidity: 4000000000, UID: 7, Raw: raw,
		Error: "still refused", Attempts: 1}
	must(t, s.SaveFailedMail(ctx, again))
	same(t, "same record", again.ID, f.ID)
	other := &crm.FailedMail{MailboxID: m.ID, Folder: "Sales", UIDValidity: 1, UID: 7, Raw: []byte("x"), Error: "e", Attempts: 5}
	must(t, s.SaveFailedMail(ctx, other))
	got, err := s.FailedMail(ctx, f.ID)
	must(t, err)
	same(t, "failed mail", []any{string(got.Raw), got.Size, got.Error, got.Attempts, got.UIDValidity, got.Retry},
		[]any{string(raw), int64(len(raw)), "still refused", 6, int64(4000000000), false})
	mb, err := s.Mailbox(ctx, m.ID)
	must(t, err)
	same(t, "status failed", mb.Status.Failed, int64(2))

	n, err := s.RetryFailedMails(ctx, m.ID, other.ID)
	must(t, err)
	same(t, "retried", n, 1)
	list, err := s.FailedMails(ctx, m.ID, true)
	must(t, err)
	if len(list) != 1 || list[0].ID != other.ID || !list[0].Retry || list[0].Raw != nil {
		t.Fatalf("to retry: %+v, want only the Sales one, without raw bytes", list)
	}
	_, err = s.RetryFailedMails(ctx, m.ID, 99999)
	wantCode(t, err, crm.ENOTFOUND)
	must(t, s.SaveFailedMail(ctx, other)) // the retry failed again: the request is spent
	list, err = s.FailedMails(ctx, m.ID, true)
	must(t, err)
	same(t, "to retry after a failed retry", len(list), 0)
	n, err = s.RetryFailedMails(ctx, m.ID, 0)
	must(t, err)
	same(t, "retry all", n, 2)

	must(t, s.DeleteFailedMail(ctx, f.ID))
	wantCode(t, s.DeleteFailedMail(ctx, f.ID), crm.ENOTFOUND)
	_, err = s.FailedMail(ctx, f.ID)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.SaveFailedMail(ctx, &crm.FailedMail{MailboxID: 99999, Folder: "INBOX", Raw: raw}), crm.EINVALID)
	must(t, s.DeleteMailbox(ctx, m.ID)) // its failed mail goes with it
	list, err = s.FailedMails(ctx, m.ID, false)
	must(t, err)
	same(t, "after the mailbox is removed", len(list), 0)
}
