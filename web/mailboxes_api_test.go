package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// withMailboxes serves e's store with the mailbox API switched on.
func withMailboxes(e *env) { e.serve(web.Config{}, web.Deps{Mailboxes: e.db}) }

func TestMailboxAPIKeepsSecretsWriteOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	withMailboxes(e)
	body := map[string]any{"name": "Sales", "address": "sales@example.com", "imap_host": "imap.example.com",
		"username": "sales@example.com", "password": "imap-pw-123", "smtp_host": "smtp.example.com",
		"smtp_password": "smtp-pw-456", "folders": []string{"INBOX"}}
	var m crm.Mailbox
	raw := e.call("admin", http.MethodPost, "/api/v1/mailboxes", body, http.StatusCreated, &m)
	if m.ID == 0 || m.IMAPPort != 993 || m.SyncDays != 30 {
		t.Fatalf("created %+v, want an id and the defaults", m)
	}
	e.call("rep1", http.MethodGet, "/api/v1/mailboxes", nil, http.StatusForbidden, nil)
	path := fmt.Sprintf("/api/v1/mailboxes/%d", m.ID)
	got := e.call("admin", http.MethodGet, path, nil, http.StatusOK, nil)
	upd := e.call("admin", http.MethodPatch, path, map[string]any{"sync_days": 7, "password": nil}, http.StatusOK, &m)
	list := e.call("admin", http.MethodGet, "/api/v1/mailboxes", nil, http.StatusOK, nil)
	for _, b := range [][]byte{raw, got, upd, list, []byte(e.logs.String())} {
		if s := string(b); strings.Contains(s, "imap-pw-123") || strings.Contains(s, "smtp-pw-456") {
			t.Fatalf("a secret leaked: %s", s)
		}
	}
	stored, err := e.db.Mailbox(t.Context(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Password != "imap-pw-123" || stored.SMTPPassword != "smtp-pw-456" || stored.SyncDays != 7 {
		t.Fatalf("after PATCH: password %q, smtp %q, sync_days %d", stored.Password.Reveal(), stored.SMTPPassword.Reveal(), stored.SyncDays)
	}
	if !strings.Contains(string(got), `"state":"not_started"`) {
		t.Errorf("status missing: %s", got)
	}
	e.call("admin", http.MethodDelete, path, nil, http.StatusOK, nil)
	e.call("admin", http.MethodGet, path, nil, http.StatusNotFound, nil)
}

func TestMailboxAPIValidates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	withMailboxes(e)
	b := e.call("admin", http.MethodPost, "/api/v1/mailboxes", map[string]any{"name": "x", "imap_security": "ssl"},
		http.StatusBadRequest, nil)
	for _, f := range []string{"address", "imap_host", "imap_security", "password"} {
		if !strings.Contains(string(b), f) {
			t.Errorf("error does not name %s: %s", f, b)
		}
	}
}

func TestMailboxAPIShowsAndRetriesSetAsideMail(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	withMailboxes(e)
	m := &crm.Mailbox{Name: "Sales", Address: "sales@example.com", IMAPHost: "imap.example.com", IMAPPort: 993,
		IMAPTLS: crm.SecurityTLS, Username: "sales@example.com", Password: "pw", SMTPHost: "smtp.example.com",
		SMTPPort: 465, SMTPTLS: crm.SecurityTLS, Enabled: true}
	if err := e.db.CreateMailbox(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	raw := "Subject: poison\r\n\r\nbody\r\n"
	f := &crm.FailedMail{MailboxID: m.ID, Folder: "INBOX", UIDValidity: 1, UID: 9, Raw: []byte(raw),
		Error: "ingest uid 9: refused", Attempts: 5}
	if err := e.db.SaveFailedMail(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/mailboxes/%d", m.ID)
	var got crm.Mailbox
	e.call("admin", http.MethodGet, path, nil, http.StatusOK, &got)
	if got.Status.Failed != 1 {
		t.Errorf("status %+v, want failed 1", got.Status)
	}
	list := e.call("admin", http.MethodGet, path+"/failed", nil, http.StatusOK, nil)
	if !strings.Contains(string(list), `"error":"ingest uid 9: refused"`) || strings.Contains(string(list), "poison") {
		t.Errorf("failed list %s, want the error and no raw bytes", list)
	}
	e.call("rep1", http.MethodPost, path+"/failed/retry", nil, http.StatusForbidden, nil)
	var r struct{ Retried int }
	e.call("admin", http.MethodPost, path+"/failed/retry", nil, http.StatusOK, &r)
	if r.Retried != 1 {
		t.Errorf("retried %d, want 1", r.Retried)
	}
	if b := e.call("admin", http.MethodGet, fmt.Sprintf("%s/failed/%d/raw", path, f.ID), nil, http.StatusOK, nil); string(b) != raw {
		t.Errorf("raw %q, want %q", b, raw)
	}
	e.call("admin", http.MethodGet, fmt.Sprintf("/api/v1/mailboxes/%d/failed/%d/raw", m.ID+1, f.ID), nil, http.StatusNotFound, nil)
}
