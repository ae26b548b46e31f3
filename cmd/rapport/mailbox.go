package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// mailbox dispatches the mailbox subcommands.
func (c *cli) mailbox(ctx context.Context, args []string) error {
	return c.group(ctx, "mailbox", args, []subcommand{
		{"add", func(c *cli, ctx context.Context, a []string) error {
			return c.mailboxSave(ctx, "mailbox add", a, false)
		}},
		{"update", func(c *cli, ctx context.Context, a []string) error {
			return c.mailboxSave(ctx, "mailbox update", a, true)
		}},
		{"list", (*cli).mailboxList}, {"remove", (*cli).mailboxRemove},
		{"failed", (*cli).mailboxFailed}, {"retry", (*cli).mailboxRetry}})
}

// mailboxFlags binds the settings of a mailbox (and, to update one, its id); secrets are read from files
// (or the IMAP password from stdin), never from flags, which ps shows.
type mailboxFlags struct {
	id                                 int64
	folders                            string
	passwordFile, smtpPasswordFile     string
	tokenFile, refreshFile, secretFile string
	caFile                             string
}

func (f *mailboxFlags) bind(fs *flag.FlagSet, m *crm.Mailbox, update bool) {
	if update { // add makes a new mailbox: it has no id to give
		fs.Int64Var(&f.id, "id", 0, "the mailbox `id` (required)")
	}
	fs.StringVar(&m.Name, "name", "", "a `name` for the mailbox, e.g. Sales")
	fs.StringVar(&m.Address, "address", "", "the From `address` of replies")
	fs.StringVar(&m.IMAPHost, "imap-host", "", "IMAP server `host`")
	fs.IntVar(&m.IMAPPort, "imap-port", 993, "IMAP `port`")
	fs.StringVar(&m.IMAPTLS, "imap-security", crm.SecurityTLS, "tls, starttls or none")
	fs.StringVar(&m.Username, "username", "", "login `name` for IMAP (and SMTP)")
	fs.StringVar(&m.Auth, "auth", crm.AuthPassword, "password or xoauth2")
	fs.StringVar(&f.folders, "folders", "INBOX", "comma-separated `folders` to watch")
	fs.StringVar(&m.SentFolder, "sent-folder", "Sent", "`folder` that keeps a copy of replies (empty: none)")
	fs.StringVar(&m.SMTPHost, "smtp-host", "", "SMTP server `host`")
	fs.IntVar(&m.SMTPPort, "smtp-port", 465, "SMTP `port`")
	fs.StringVar(&m.SMTPTLS, "smtp-security", crm.SecurityTLS, "tls, starttls or none")
	fs.StringVar(&m.SMTPUsername, "smtp-username", "", "SMTP login `name` when not the IMAP one")
	fs.IntVar(&m.SyncDays, "sync-days", 30, "first sync reads the last `days` days of mail")
	fs.BoolVar(&m.ReplyTokenAddress, "reply-token-address", false, "reply with Reply-To: local+rpt-TOKEN@domain")
	fs.BoolVar(&m.Enabled, "enabled", true, "poll and send")
	fs.StringVar(&m.OAuthTokenURL, "oauth-token-url", "", "OAuth2 token endpoint `URL` (xoauth2 with a refresh token)")
	fs.StringVar(&m.OAuthClientID, "oauth-client-id", "", "OAuth2 client `id`")
	fs.StringVar(&f.passwordFile, "password-file", "", "`file` holding the IMAP password (or pipe it on stdin)")
	fs.StringVar(&f.smtpPasswordFile, "smtp-password-file", "", "`file` holding the SMTP password when not the IMAP one")
	fs.StringVar(&f.tokenFile, "oauth-token-file", "", "`file` holding an OAuth2 access token")
	fs.StringVar(&f.refreshFile, "oauth-refresh-token-file", "", "`file` holding an OAuth2 refresh token")
	fs.StringVar(&f.secretFile, "oauth-client-secret-file", "", "`file` holding the OAuth2 client secret")
	fs.StringVar(&f.caFile, "tls-ca-file", "", "PEM `file` of CA certificates trusted besides the system's (a private CA)")
}

// readCA reads the --tls-ca-file into m.
func (f *mailboxFlags) readCA(m *crm.Mailbox) error {
	if f.caFile == "" {
		return nil
	}
	b, err := os.ReadFile(f.caFile)
	if err != nil {
		return fmt.Errorf("read the CA file: %w", err)
	}
	m.TLSCA = string(b)
	return nil
}

// secrets reads the secret files named by flags into m.
func (f *mailboxFlags) secrets(m *crm.Mailbox) error {
	for _, s := range []struct {
		file string
		dst  *crm.Secret
	}{{f.passwordFile, &m.Password}, {f.smtpPasswordFile, &m.SMTPPassword}, {f.tokenFile, &m.OAuthToken},
		{f.refreshFile, &m.OAuthRefreshToken}, {f.secretFile, &m.OAuthClientSecret}} {
		if s.file == "" {
			continue
		}
		b, err := os.ReadFile(s.file)
		if err != nil {
			return fmt.Errorf("read a secret: %w", err)
		}
		*s.dst = crm.Secret(strings.TrimSpace(string(b)))
	}
	return nil
}
