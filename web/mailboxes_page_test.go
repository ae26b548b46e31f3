package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// mailboxValues is the editor filled in as an admin adds a mailbox.
func mailboxValues() url.Values {
	return url.Values{
		"name": {"销售部"}, "address": {"Sales@Example.com"}, "enabled": {"false", "true"},
		"imap_host": {"imap.example.com"}, "imap_port": {"993"}, "imap_security": {"tls"}, "username": {"sales"},
		"folders": {"INBOX\n询价"}, "sent_folder": {"Sent"}, "sync_days": {"30"}, "auth": {"password"},
		"password": {"imap-pw-123"}, "oauth_token": {""}, "oauth_refresh_token": {""}, "oauth_token_url": {""},
		"oauth_client_id": {""}, "oauth_client_secret": {""}, "smtp_host": {"smtp.example.com"}, "smtp_port": {"465"},
		"smtp_security": {"tls"}, "smtp_username": {""}, "smtp_password": {"smtp-pw-456"}, "reply_token_address": {"false"},
	}
}

func TestMailboxPagesKeepSecretsWriteOnly(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	withMailboxes(p.env)
	contains(t, "the new mailbox form", p.mustPage("admin", "/mailboxes/new?lang=zh-CN"), "添加邮箱", `value="993"`,
		`value="465"`, `type="password"`, "TLS（端口 993）", `name="enabled" value="true" checked`)

	bad := mailboxValues()
	bad.Set("imap_host", "")
	bad.Set("password", "typed-pw-789")
	res, page := p.post("admin", "/mailboxes", bad)
	if res.StatusCode != http.StatusBadRequest || strings.Contains(page, "typed-pw-789") {
		t.Fatalf("refused form: status %d, or the typed password came back:\n%s", res.StatusCode, page)
	}
	contains(t, "the refused form", page, `id="e-imap_host"`, `value="销售部"`)

	loc, id := p.savedID("admin", "/mailboxes", mailboxValues())
	m, err := p.db.Mailbox(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if m.Password != "imap-pw-123" || m.SMTPPassword != "smtp-pw-456" || !m.Enabled || m.Address != "sales@example.com" ||
		!slices.Equal(m.Folders, []string{"INBOX", "询价"}) {
		t.Fatalf("stored %+v", m)
	}
	edit := p.mustPage("admin", loc+"&lang=en")
	contains(t, "the mailbox's editor", edit, "Saved.", "Not started", "unchanged when left empty", `value="imap.example.com"`)

	upd := mailboxValues()
	upd.Set("password", "")
	upd.Set("smtp_password", "")
	upd["enabled"] = []string{"false"} // the box unticked
	upd.Set("sync_days", "7")
	p.saved("admin", "/mailboxes/"+strconv.FormatInt(id, 10), upd)
	if m, err = p.db.Mailbox(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	if m.Password != "imap-pw-123" || m.SMTPPassword != "smtp-pw-456" || m.Enabled || m.SyncDays != 7 {
		t.Fatalf("after an edit with empty secrets: %+v", m)
	}

	now := p.clock.Now()
	if err := p.db.SetMailboxStatus(t.Context(), id, crm.MailboxStatus{State: crm.MailboxSyncing, Ingested: 120, Pending: 30,
		LastSyncAt: &now, LastError: "dial tcp: connection refused", UpdatedAt: ptr(now.Add(time.Second))}); err != nil {
		t.Fatal(err)
	}
	if err := p.db.SaveFailedMail(t.Context(), &crm.FailedMail{MailboxID: id, Folder: "INBOX", UIDValidity: 1, UID: 7,
		Raw: []byte("Subject: x\r\n\r\nx"), Error: "store refused it", Attempts: 5, FailedAt: now}); err != nil {
		t.Fatal(err)
	}
	list := p.mustPage("admin", "/mailboxes?lang=zh-CN")
	contains(t, "the mailbox list", list, "销售部", "sales@example.com", "同步中", "120 / 30", `<progress value="120" max="150">`,
		"dial tcp: connection refused", "已停用", "1 多次处理失败已搁置")
	notPEM := mailboxValues()
	notPEM.Set("tls_ca", "not a certificate")
	if res, page := p.post("admin", "/mailboxes/"+strconv.FormatInt(id, 10), notPEM); res.StatusCode != http.StatusBadRequest ||
		!strings.Contains(page, `id="e-tls_ca"`) {
		t.Fatalf("a CA that is not PEM: status %d, no message by its field", res.StatusCode)
	}
	for _, page := range []string{list, edit, p.mustPage("admin", loc)} {
		if strings.Contains(page, "imap-pw-123") || strings.Contains(page, "smtp-pw-456") {
			t.Fatal("a page shows a stored secret")
		}
	}
	if st, _ := p.page("rep1", "/mailboxes"); st != http.StatusForbidden {
		t.Errorf("a rep sees the mailboxes: %d", st)
	}
	if loc := p.saved("admin", "/mailboxes/"+strconv.FormatInt(id, 10)+"/delete", url.Values{}); loc != "/mailboxes?deleted=1" {
		t.Fatalf("after removing: %q", loc)
	}
}
