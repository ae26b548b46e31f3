package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// mailboxConfig is what the config column holds: every setting but the
// name, address and secrets, which have their own columns.
type mailboxConfig struct {
	IMAPHost          string   `json:"imap_host"`
	IMAPPort          int      `json:"imap_port"`
	IMAPTLS           string   `json:"imap_security"`
	Username          string   `json:"username"`
	Auth              string   `json:"auth"`
	OAuthTokenURL     string   `json:"oauth_token_url,omitempty"`
	OAuthClientID     string   `json:"oauth_client_id,omitempty"`
	Folders           []string `json:"folders"`
	SentFolder        string   `json:"sent_folder"`
	SMTPHost          string   `json:"smtp_host"`
	SMTPPort          int      `json:"smtp_port"`
	SMTPTLS           string   `json:"smtp_security"`
	SMTPUsername      string   `json:"smtp_username"`
	SyncDays          int      `json:"sync_days"`
	ReplyTokenAddress bool     `json:"reply_token_address"`
	TLSCA             string   `json:"tls_ca,omitempty"`
}

// mailboxSecrets is what the secrets column holds.
type mailboxSecrets struct {
	Password          string `json:"password,omitempty"`
	OAuthToken        string `json:"oauth_token,omitempty"`
	OAuthRefreshToken string `json:"oauth_refresh_token,omitempty"`
	OAuthClientSecret string `json:"oauth_client_secret,omitempty"`
	SMTPPassword      string `json:"smtp_password,omitempty"`
	// OAuthTokenExpires is when a fetched OAuthToken expires.
	OAuthTokenExpires *time.Time `json:"oauth_token_expires,omitempty"`
}

func configOf(m *crm.Mailbox) mailboxConfig {
	return mailboxConfig{m.IMAPHost, m.IMAPPort, m.IMAPTLS, m.Username, m.Auth, m.OAuthTokenURL,
		m.OAuthClientID, m.Folders, m.SentFolder, m.SMTPHost, m.SMTPPort, m.SMTPTLS, m.SMTPUsername,
		m.SyncDays, m.ReplyTokenAddress, m.TLSCA}
}

func (c mailboxConfig) apply(m *crm.Mailbox) {
	m.IMAPHost, m.IMAPPort, m.IMAPTLS, m.Username, m.Auth = c.IMAPHost, c.IMAPPort, c.IMAPTLS, c.Username, c.Auth
	m.OAuthTokenURL, m.OAuthClientID, m.Folders, m.SentFolder = c.OAuthTokenURL, c.OAuthClientID, c.Folders, c.SentFolder
	m.SMTPHost, m.SMTPPort, m.SMTPTLS, m.SMTPUsername = c.SMTPHost, c.SMTPPort, c.SMTPTLS, c.SMTPUsername
	m.SyncDays, m.ReplyTokenAddress, m.TLSCA = c.SyncDays, c.ReplyTokenAddress, c.TLSCA
}

func secretsOf(m *crm.Mailbox) mailboxSecrets {
	s := mailboxSecrets{m.Password.Reveal(), m.OAuthToken.Reveal(), m.OAuthRefreshToken.Reveal(),
		m.OAuthClientSecret.Reveal(), m.SMTPPassword.Reveal(), nil}
	if !m.OAuthTokenExpires.IsZero() {
		t := utc(m.OAuthTokenExpires)
		s.OAuthTokenExpires = &t
	}
	return s
}

// keep fills the secrets an update left empty from the stored ones. A
// stored access token keeps its expiry; one given anew has none known; a
// new refresh token without an access token drops the stored access
// token, which belonged to the old grant.
func (s *mailboxSecrets) keep(old mailboxSecrets) {
	s.OAuthTokenExpires = nil
	switch {
	case s.OAuthToken != "" && s.OAuthToken != old.OAuthToken:
	case s.OAuthRefreshToken != "" && s.OAuthRefreshToken != old.OAuthRefreshToken:
		old.OAuthToken, s.OAuthToken = "", ""
	default:
		s.OAuthTokenExpires = old.OAuthTokenExpires
	}
	for _, p := range []struct{ new, old *string }{{&s.Password, &old.Password}, {&s.OAuthToken, &old.OAuthToken},
		{&s.OAuthRefreshToken, &old.OAuthRefreshToken}, {&s.OAuthClientSecret, &old.OAuthClientSecret},
		{&s.SMTPPassword, &old.SMTPPassword}} {
		if *p.new == "" {
			*p.new = *p.old
		}
	}
}

func (s mailboxSecrets) apply(m *crm.Mailbox) {
	m.Password, m.OAuthToken, m.OAuthRefreshToken = crm.Secret(s.Password), crm.Secret(s.OAuthToken), crm.Secret(s.OAuthRefreshToken)
	m.OAuthClientSecret, m.SMTPPassword = crm.Secret(s.OAuthClientSecret), crm.Secret(s.SMTPPassword)
	m.OAuthTokenExpires = time.Time{}
	if s.OAuthTokenExpires != nil {
		m.OAuthTokenExpires = *s.OAuthTokenExpires
	}
}

func defaults(m *crm.Mailbox) {
	if m.Auth == "" {
		m.Auth = crm.AuthPassword
	}
	if len(m.Folders) == 0 {
		m.Folders = []string{"INBOX"}
	}
}

// CreateMailbox stores m and sets its ID. EINVALID, ECONFLICT.
func (db *DB) CreateMailbox(ctx context.Context, m *crm.Mailbox) error {
	defaults(m)
	if err := m.Validate(true); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO mailboxes (name, address, config, secrets, enabled, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
			m.Name, m.Address, jsonArg(configOf(m)), db.seal(jsonArg(secretsOf(m)).(string)), m.Enabled, now).Scan(&m.ID)
		if err != nil {
			return db.conflict(err, "create mailbox", "A mailbox with this name exists already.")
		}
		m.CreatedAt, m.UpdatedAt = now, now
		m.Status = crm.MailboxStatus{State: crm.MailboxNotStarted}
		return nil
	})
}

// UpdateMailbox replaces m's settings, keeping stored secrets where m's are
// empty. ENOTFOUND, EINVALID, ECONFLICT.
func (db *DB) UpdateMailbox(ctx context.Context, m *crm.Mailbox) error {
	defaults(m)
	if err := m.Validate(false); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		old, err := db.secrets(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		s := secretsOf(m)
		s.keep(old)
		s.apply(m)
		m.UpdatedAt = db.now()
		_, err = tx.ExecContext(ctx, `UPDATE mailboxes SET name = $1, address = $2, config = $3, secrets = $4,
			enabled = $5, updated_at = $6 WHERE id = $7`,
			m.Name, m.Address, jsonArg(configOf(m)), db.seal(jsonArg(s).(string)), m.Enabled, m.UpdatedAt, m.ID)
		return db.conflict(err, "update mailbox", "A mailbox with this name exists already.")
	})
}
