package storetest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunMailbox is the mailbox store's conformance suite: accounts with
// write-only secrets, poller status, the polling lease and subject-threading
// reads.
func RunMailbox(t *testing.T, open Opener, m crm.MatchDecider) {
	tests := []struct {
		name string
		fn   func(t *testing.T, h *ingestHarness, mb crm.MailboxStore)
	}{
		{"RoundTripKeepsSecrets", testMailboxRoundTrip},
		{"ValidationAndConflict", testMailboxInvalid},
		{"StatusAndDelete", testMailboxStatus},
		{"LeaseHasOneHolder", testMailboxLease},
		{"RecentThreads", testMailboxRecentThreads},
		{"FailedMail", testMailboxFailedMail},
		{"OAuthToken", testMailboxToken},
	}
	for _, tt := range tests {
		t.Run("Mailbox/"+tt.name, func(t *testing.T) {
			h := newIngestHarness(t, open(t), m, 0)
			mb, ok := h.s.(crm.MailboxStore)
			if !ok {
				t.Fatalf("%T is not a crm.MailboxStore", h.s)
			}
			tt.fn(t, h, mb)
		})
	}
}

func aMailbox(name string) *crm.Mailbox {
	return &crm.Mailbox{Name: name, Address: "Support@Example.COM", IMAPHost: "imap.example.com", IMAPPort: 993,
		IMAPTLS: crm.SecurityTLS, Username: "support@example.com", Password: "imap-secret",
		SMTPHost: "smtp.example.com", SMTPPort: 587, SMTPTLS: crm.SecurityStartTLS, SMTPPassword: "smtp-secret",
		Folders: []string{"INBOX", "Sales"}, SentFolder: "Sent", SyncDays: 30, Enabled: true}
}

func testMailboxRoundTrip(t *testing.T, _ *ingestHarness, s crm.MailboxStore) {
	m := aMailbox("Support")
	must(t, s.CreateMailbox(ctx, m))
	got, err := s.Mailbox(ctx, m.ID)
	must(t, err)
	same(t, "address", got.Address, "support@example.com")
	same(t, "secrets", []crm.Secret{got.Password, got.SMTPPassword}, []crm.Secret{"imap-secret", "smtp-secret"})
	same(t, "folders", got.Folders, []string{"INBOX", "Sales"})
	same(t, "state", got.Status.State, crm.MailboxNotStarted)
	b, _ := json.Marshal(got)
	if strings.Contains(string(b), "imap-secret") || strings.Contains(string(b), "smtp-secret") {
		t.Fatalf("a secret shows in JSON: %s", b)
	}
	got.Password, got.SMTPPassword, got.SyncDays = "", "new-smtp", 7
	must(t, s.UpdateMailbox(ctx, got))
	again, err := s.Mailbox(ctx, m.ID)
	must(t, err)
	same(t, "secrets after update", []crm.Secret{again.Password, again.SMTPPassword}, []crm.Secret{"imap-secret", "new-smtp"})
	same(t, "sync days", again.SyncDays, 7)
	list, err := s.Mailboxes(ctx)
	must(t, err)
	same(t, "listed", len(list), 1)
}

func testMailboxInvalid(t *testing.T, _ *ingestHarness, s crm.MailboxStore) {
	bad := aMailbox("Bad")
	bad.Address, bad.IMAPPort, bad.IMAPTLS, bad.Password = "nope", 0, "ssl", ""
	wantFields(t, s.CreateMailbox(ctx, bad), "address", "imap_port", "imap_security", "password")
	must(t, s.CreateMailbox(ctx, aMailbox("Twice")))
	wantCode(t, s.CreateMailbox(ctx, aMailbox("Twice")), crm.ECONFLICT)
	wantCode(t, s.UpdateMailbox(ctx, &crm.Mailbox{ID: 9999, Name: "x", Address: "a@b.example",
		IMAPHost: "h", IMAPPort: 1, IMAPTLS: "tls", Username: "u", SMTPHost: "h", SMTPPort: 1, SMTPTLS: "tls"}), crm.ENOTFOUND)
	_, err := s.Mailbox(ctx, 9999)
	wantCode(t, err, crm.ENOTFOUND)
}

func testMailboxStatus(t *testing.T, _ *ingestHarness, s crm.MailboxStore) {
	m := aMailbox("Status")
	must(t, s.CreateMailbox(ctx, m))
	at := aTime(1)
	st := crm.MailboxStatus{State: crm.MailboxError, LastSyncAt: &at, LastError: "dial: refused", Ingested: 12, Duplicates: 3, Pending: 5}
	must(t, s.SetMailboxStatus(ctx, m.ID, st))
	st.State, st.LastError = crm.MailboxIdle, ""
	must(t, s.SetMailboxStatus(ctx, m.ID, st))
	got, err := s.Mailbox(ctx, m.ID)
	must(t, err)
	g := got.Status
	same(t, "status", []any{g.State, g.LastError, g.Ingested, g.Duplicates, g.Pending, g.LastSyncAt.Equal(stored(at))},
		[]any{crm.MailboxIdle, "", int64(12), int64(3), int64(5), true})
	must(t, s.DeleteMailbox(ctx, m.ID))
	wantCode(t, s.DeleteMailbox(ctx, m.ID), crm.ENOTFOUND)
}

func testMailboxLease(t *testing.T, _ *ingestHarness, s crm.MailboxStore) {
	m := aMailbox("Lease")
	must(t, s.CreateMailbox(ctx, m))
	now := aTime(0)
	take := func(holder string, at time.Time) bool {
		ok, err := s.TakeMailboxLease(ctx, m.ID, holder, at, at.Add(time.Minute))
		must(t, err)
		return ok
	}
	steps := []struct {
		holder string
		at     time.Time
		want   bool
	}{
		{"a", now, true},
		{"b", now.Add(30 * time.Second), false},  // a's lease runs
		{"a", now.Add(50 * time.Second), true},   // a renews
		{"b", now.Add(100 * time.Second), false}, // renewed until 110 s
		{"b", now.Add(111 * time.Second), true},  // a stopped renewing
		{"a", now.Add(112 * time.Second), false}, // b has it now
	}
	for i, st := range steps {
		if got := take(st.holder, st.at); got != st.want {
			t.Fatalf("step %d: %s took lease = %v, want %v", i, st.holder, got, st.want)
		}
	}
	got, err := s.Mailbox(ctx, m.ID)
	must(t, err)
	same(t, "holder", got.Status.Holder, "b")
	must(t, s.ReleaseMailboxLease(ctx, m.ID, "b"))
	if !take("a", now.Add(113*time.Second)) {
		t.Fatal("a released lease was not free")
	}
}

func testMailboxRecentThreads(t *testing.T, h *ingestHarness, s crm.MailboxStore) {
	in := func(id, from, subject, ref string, days int) *crm.Inbound {
		return &crm.Inbound{Channel: crm.ChannelEmail, Account: "7", ExternalID: id, From: crm.Address{Address: from},
			Subject: subject, MessageRef: ref, ReceivedAt: aTime(days), Text: "x"}
	}
	h.ingest(t, in("1", "a@x.example", "Quote", "q1@x", 0))
	h.ingest(t, in("2", "a@x.example", "Invoice", "i1@x", 2))
	h.ingest(t, in("3", "b@x.example", "Quote", "q2@x", 2))
	h.ingest(t, in("4", "a@x.example", "No ref", "", 2))
	got, err := s.RecentThreads(ctx, "7", "a@x.example", aTime(-1), 10)
	must(t, err)
	same(t, "hints", got, []crm.ThreadHint{{Subject: "Invoice", MessageRef: "i1@x"}, {Subject: "Quote", MessageRef: "q1@x"}})
	got, err = s.RecentThreads(ctx, "7", "a@x.example", aTime(1), 10)
	must(t, err)
	same(t, "within the window", len(got), 1)
}
