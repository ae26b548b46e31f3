package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// mailboxKind is the mailboxes' editor. Secrets are password inputs that
// are never filled: left empty, the stored secret stays (see updateMailbox).
func (s *Server) mailboxKind() *settingsKind {
	security := []string{crm.SecurityTLS, crm.SecurityStartTLS, crm.SecurityNone}
	k := &settingsKind{
		path: "mailboxes", one: "mailbox",
		sections: []section{
			{"", "", []field{{Name: "name", Need: true}, {Name: "address", Label: "mb_address", Type: "email", Need: true},
				{Name: "enabled", Type: "bool"}}},
			{"mailbox.imap", "", []field{{Name: "imap_host", Need: true}, {Name: "imap_port", Type: "int"},
				{Name: "imap_security", Type: "select", Options: security}, {Name: "username", Need: true},
				{Name: "folders", Type: "lines"}, {Name: "sent_folder"}, {Name: "sync_days", Type: "int"},
				{Name: "tls_ca", Type: "textarea"}}},
			{"mailbox.signin", "mailbox.signin_help", []field{
				{Name: "auth", Type: "select", Options: []string{crm.AuthPassword, crm.AuthXOAuth2}},
				{Name: "password", Type: "secret"}, {Name: "oauth_token", Type: "secret"},
				{Name: "oauth_refresh_token", Type: "secret"}, {Name: "oauth_token_url", Type: "url"},
				{Name: "oauth_client_id"}, {Name: "oauth_client_secret", Type: "secret"}}},
			{"mailbox.smtp", "mailbox.smtp_help", []field{{Name: "smtp_host", Need: true}, {Name: "smtp_port", Type: "int"},
				{Name: "smtp_security", Type: "select", Options: security}, {Name: "smtp_username"},
				{Name: "smtp_password", Type: "secret"}, {Name: "reply_token_address", Type: "bool"}}},
		},
		create: savedBy(s.createMailbox, mailboxID),
		update: savedBy(s.updateMailbox, mailboxID),
		remove: func(r *http.Request) error { _, err := s.deleteMailbox(r); return err },
	}
	k.fresh = func() (url.Values, error) { return recordValues(newMailbox(), k.fields()) }
	k.load = func(r *http.Request) (url.Values, string, error) {
		m, err := s.getMailbox(r)
		if err != nil {
			return nil, "", err
		}
		vals, err := recordValues(m, k.fields())
		return vals, m.Name, err
	}
	k.extra = func(r *http.Request, d *settingsPage, _ url.Values, _ map[string]string) error {
		if d.DeleteURL == "" {
			return nil
		}
		m, err := s.getMailbox(r)
		if err == nil {
			d.Extra = mailboxStatus(d.pageData, m)
		}
		return err
	}
	return k
}

func mailboxID(m *crm.Mailbox) int64 { return m.ID }

// mailboxView is a mailbox's line on the list, and its editor's status.
type mailboxView struct {
	ID                              int64
	Name, Address, State, LastError string
	LastSync                        string
	Enabled, Syncing                bool
	Ingested, Duplicates, Pending   int64
	Failed                          int64  // set aside after repeated failures
	FailedNote                      string // what Failed means, in the page's language
	Total                           int64  // of the current sync, for its progress bar
}

// mailboxStatus is m's sync state as the pages show it, in d's language.
func mailboxStatus(d pageData, m *crm.Mailbox) mailboxView {
	st := m.Status
	v := mailboxView{ID: m.ID, Name: m.Name, Address: m.Address, Enabled: m.Enabled, LastError: st.LastError,
		Ingested: st.Ingested, Duplicates: st.Duplicates, Pending: st.Pending, Syncing: st.State == crm.MailboxSyncing,
		Total: st.Ingested + st.Pending, Failed: st.Failed}
	state := st.State
	if state == "" {
		state = crm.MailboxNotStarted
	}
	v.State = d.T("mailbox.state." + state)
	if v.Failed > 0 {
		v.FailedNote = d.T("mailboxes.failed")
	}
	if st.LastSyncAt != nil {
		v.LastSync = st.LastSyncAt.In(time.Local).Format("2006-01-02 15:04")
	}
	return v
}

// mailboxesPage is what pages/mailboxes.html sees.
type mailboxesPage struct {
	pageData
	Notice    string
	Mailboxes []mailboxView
}

func (s *Server) getMailboxesPage(w http.ResponseWriter, r *http.Request) {
	d := mailboxesPage{pageData: s.pageData(w, r, "mailboxes.title")}
	if r.URL.Query().Get("deleted") != "" {
		d.Notice = "mailboxes.deleted"
	}
	l, err := s.listMailboxes(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, m := range l.Items {
		d.Mailboxes = append(d.Mailboxes, mailboxStatus(d.pageData, m))
	}
	s.render(w, r, http.StatusOK, "mailboxes", d)
}
