package crm

import (
	"context"
	"crypto/x509"
	"log/slog"
	"time"
)

// Connection security of an IMAP or SMTP connection.
const (
	SecurityTLS      = "tls"      // TLS from the first byte (IMAPS 993, SMTPS 465)
	SecurityStartTLS = "starttls" // plain, then STARTTLS (IMAP 143, submission 587)
	SecurityNone     = "none"     // plain text: loopback and tests only
)

// Authentication methods of a mailbox.
const (
	AuthPassword = "password"
	AuthXOAuth2  = "xoauth2" // Gmail and Microsoft 365
)

// Secret is a password or token. It is write-only: JSON answers carry null
// (so a client that sends back what it read keeps the stored secret), logs
// and %v output say "set".
type Secret string

func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "set"
}

// LogValue keeps a secret out of slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON writes null, never the value.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// Reveal returns the value, for the one place that must send it to a server.
func (s Secret) Reveal() string { return string(s) }

// Mailbox is an email account Rapport reads (IMAP) and answers from (SMTP).
// Empty secrets in an update keep the stored ones.
type Mailbox struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Address  string `json:"address"` // the From address of replies
	IMAPHost string `json:"imap_host"`
	IMAPPort int    `json:"imap_port"`
	IMAPTLS  string `json:"imap_security"` // SecurityTLS, SecurityStartTLS, SecurityNone
	Username string `json:"username"`
	Auth     string `json:"auth"` // AuthPassword or AuthXOAuth2
	Password Secret `json:"password"`
	// OAuth2 (XOAUTH2): an access token, or a refresh token with the
	// provider's token URL and client, from which access tokens are fetched.
	OAuthToken        Secret `json:"oauth_token"`
	OAuthRefreshToken Secret `json:"oauth_refresh_token"`
	OAuthTokenURL     string `json:"oauth_token_url,omitempty"`
	OAuthClientID     string `json:"oauth_client_id,omitempty"`
	OAuthClientSecret Secret `json:"oauth_client_secret"`
	// OAuthTokenExpires is when OAuthToken expires, if it was fetched with
	// the refresh token (zero: unknown, as for a token given by an admin).
	OAuthTokenExpires time.Time `json:"-"`
	Folders           []string  `json:"folders"` // watched; INBOX when empty
	SentFolder        string    `json:"sent_folder"`
	SMTPHost          string    `json:"smtp_host"`
	SMTPPort          int       `json:"smtp_port"`
	SMTPTLS           string    `json:"smtp_security"`
	SMTPUsername      string    `json:"smtp_username"` // Username when empty
	SMTPPassword      Secret    `json:"smtp_password"` // Password when empty
	// SyncDays bounds the first sync: only mail of the last SyncDays days.
	SyncDays int `json:"sync_days"`
	// ReplyTokenAddress sets Reply-To: local+rpt-TOKEN@domain on replies, for
	// servers that deliver plus addresses to the mailbox.
	ReplyTokenAddress bool `json:"reply_token_address"`
	// TLSCA is PEM certificates of authorities trusted, besides the
	// system's, for this mailbox's IMAP and SMTP servers: for a server
	// with a private CA. Empty (the default): the system's roots only.
	TLSCA     string        `json:"tls_ca,omitempty"`
	Enabled   bool          `json:"enabled"`
	Status    MailboxStatus `json:"status"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// Poller states of a mailbox.
const (
	MailboxIdle       = "idle"    // up to date, waiting for mail (IDLE or polling)
	MailboxSyncing    = "syncing" // fetching
	MailboxError      = "error"   // the last attempt failed; retrying with back-off
	MailboxNotStarted = "not_started"
)

// MailboxStatus is a poller's progress, shown by the API.
type MailboxStatus struct {
	State      string     `json:"state"`
	Holder     string     `json:"holder,omitempty"` // the instance polling it
	LastSyncAt *time.Time `json:"last_sync_at,omitempty"`
	LastError  string     `json:"last_error,omitempty"`
	Ingested   int64      `json:"ingested"`   // messages stored
	Duplicates int64      `json:"duplicates"` // seen again (re-scans)
	Pending    int64      `json:"pending"`    // left to fetch in the current sync
	Failed     int64      `json:"failed"`     // set aside after repeated failures (FailedMail)
	UpdatedAt  *time.Time `json:"updated_at,omitempty"`
}

// Validate checks a mailbox before it is stored; creating asks for secrets.
func (m *Mailbox) Validate(creating bool) error {
	p := Problems{}
	p.Require("name", m.Name)
	p.MaxLen("name", m.Name, 200)
	if a, ok := NormalizeEmail(m.Address); ok {
		m.Address = a
	} else {
		p.Add("address", "must be an email address")
	}
	p.Require("imap_host", m.IMAPHost)
	p.Require("username", m.Username)
	p.Require("smtp_host", m.SMTPHost)
	for f, port := range map[string]int{"imap_port": m.IMAPPort, "smtp_port": m.SMTPPort} {
		if port <= 0 || port > 65535 {
			p.Add(f, "must be a port number")
		}
	}
	p.Require("imap_security", m.IMAPTLS)
	p.OneOf("imap_security", m.IMAPTLS, SecurityTLS, SecurityStartTLS, SecurityNone)
	p.Require("smtp_security", m.SMTPTLS)
	p.OneOf("smtp_security", m.SMTPTLS, SecurityTLS, SecurityStartTLS, SecurityNone)
	p.OneOf("auth", m.Auth, AuthPassword, AuthXOAuth2)
	if creating && m.Auth != AuthXOAuth2 && m.Password == "" {
		p.Add("password", "is required")
	}
	if creating && m.Auth == AuthXOAuth2 && m.OAuthToken == "" && m.OAuthRefreshToken == "" {
		p.Add("oauth_token", "an access or refresh token is required")
	}
	if m.TLSCA != "" && !x509.NewCertPool().AppendCertsFromPEM([]byte(m.TLSCA)) {
		p.Add("tls_ca", "must hold PEM certificates")
	}
	if m.SyncDays < 0 || m.SyncDays > 3650 {
		p.Add("sync_days", "must be between 0 and 3650")
	}
	return p.Err()
}

// MailboxStore keeps email mailbox accounts and their sync state.
type MailboxStore interface {
	// CreateMailbox stores m and sets its ID. EINVALID, ECONFLICT (name).
	CreateMailbox(ctx context.Context, m *Mailbox) error
	// UpdateMailbox replaces m's settings; empty secrets keep the stored
	// ones. ENOTFOUND, EINVALID, ECONFLICT.
	UpdateMailbox(ctx context.Context, m *Mailbox) error
	// Mailbox returns one mailbox with its secrets and status. ENOTFOUND.
	Mailbox(ctx context.Context, id int64) (*Mailbox, error)
	// Mailboxes returns every mailbox, by id.
	Mailboxes(ctx context.Context) ([]*Mailbox, error)
	// EnabledMailboxes returns the ids of the enabled mailboxes, by id: one
	// small query, cheap enough for every instance to ask every second.
	EnabledMailboxes(ctx context.Context) ([]int64, error)
	// DeleteMailbox removes a mailbox (its messages stay). ENOTFOUND.
	DeleteMailbox(ctx context.Context, id int64) error
	// SaveMailboxToken keeps an OAuth2 access token fetched for mailbox
	// id, valid until expires, and the refresh token issued with it (empty:
	// none was, and the stored one stays). ENOTFOUND.
	SaveMailboxToken(ctx context.Context, id int64, token Secret, expires time.Time, refresh Secret) error
	// SetMailboxStatus records a poller's progress.
	SetMailboxStatus(ctx context.Context, id int64, s MailboxStatus) error
	// TakeMailboxLease gives holder the right to poll mailbox id until
	// until, if no other holder has an unexpired lease; renewing one's own
	// lease extends it. It reports whether holder has the lease.
	TakeMailboxLease(ctx context.Context, id int64, holder string, now, until time.Time) (bool, error)
	// ReleaseMailboxLease gives up holder's lease, if it has it.
	ReleaseMailboxLease(ctx context.Context, id int64, holder string) error
	// RecentThreads returns the account's recent inbound messages from one
	// sender (since a time, newest first, at most limit) with their subject
	// and Message-ID, for threading by subject.
	RecentThreads(ctx context.Context, account, from string, since time.Time, limit int) ([]ThreadHint, error)
	FailedMailStore
}

// ThreadHint is a recent message that a new one might answer.
type ThreadHint struct {
	Subject    string
	MessageRef string
}
