package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/rapport-crm/rapport/crm"
)

// SenderConfig configures the email crm.Sender.
type SenderConfig struct {
	Mailboxes crm.MailboxStore
	Blobs     crm.BlobStore // attachments
	Logger    *slog.Logger
	Now       func() time.Time
	HTTP      *http.Client // OAuth2 token requests
	TLSConfig *tls.Config  // nil: the system's roots
}

// Sender sends replies over SMTP from the conversation's mailbox and keeps
// a copy in its Sent folder.
type Sender struct{ cfg SenderConfig }

var _ crm.Sender = (*Sender)(nil)

// NewSender returns the email Sender.
func NewSender(cfg SenderConfig) *Sender {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Sender{cfg: cfg}
}

// Send sends m. Its Message-ID, of the mailbox's domain and carrying a reply
// token, is both the ExternalID (bounces name it) and the MessageRef.
func (s *Sender) Send(ctx context.Context, m *crm.Outgoing) (*crm.SendResult, error) {
	mb, err := s.mailbox(ctx, m.Account)
	if err != nil {
		return nil, err
	}
	id, token := newMessageID(mb.Address)
	raw, err := compose(ctx, mb, m, id, token, s.cfg.Now(), s.cfg.Blobs)
	if err != nil {
		return nil, err
	}
	cr := newCredentials(mb, s.cfg.HTTP, s.cfg.Now, s.cfg.Mailboxes.SaveMailboxToken)
	if err := s.submit(ctx, mb, cr, m, raw); err != nil {
		return nil, err
	}
	s.keepSentCopy(ctx, mb, cr, raw)
	return &crm.SendResult{ExternalID: id, MessageRef: id}, nil
}

var _ crm.SendAddresser = (*Sender)(nil)

// FromAddress is the mailbox's name and address: account is its id.
// EINVALID when the mailbox is gone.
func (s *Sender) FromAddress(ctx context.Context, account string) (crm.Address, error) {
	mb, err := s.mailbox(ctx, account)
	var se *crm.SendError
	if errors.As(err, &se) {
		return crm.Address{}, crm.Errorf(crm.EINVALID, "%s", se.Reason)
	}
	if err != nil {
		return crm.Address{}, err
	}
	return crm.Address{Name: mb.Name, Address: mb.Address}, nil
}

func (s *Sender) mailbox(ctx context.Context, account string) (*crm.Mailbox, error) {
	id, err := strconv.ParseInt(account, 10, 64)
	if err != nil {
		return nil, crm.PermanentSendError("no such mailbox: "+account, err)
	}
	mb, err := s.cfg.Mailboxes.Mailbox(ctx, id)
	if crm.IsNotFound(err) {
		return nil, crm.PermanentSendError("the mailbox of this conversation was removed", err)
	}
	return mb, err
}

// keepSentCopy APPENDs the sent message to the Sent folder. The mail is
// gone already, so a failure here is logged, not retried.
func (s *Sender) keepSentCopy(ctx context.Context, mb *crm.Mailbox, cr *credentials, raw []byte) {
	if mb.SentFolder == "" {
		return
	}
	cn, err := cr.dial(ctx, func() {})
	if err == nil {
		err = cn.appendTo(mb.SentFolder, raw, s.cfg.Now())
		cn.close()
	}
	if err != nil {
		s.cfg.Logger.Warn("sent mail not copied to the Sent folder", "mailbox", mb.ID, "folder", mb.SentFolder, "err", err)
	}
}

// submit hands raw to the SMTP server: dial, STARTTLS when configured,
// AUTH, MAIL, RCPT for every To and Cc, DATA.
func (s *Sender) submit(ctx context.Context, mb *crm.Mailbox, cr *credentials, m *crm.Outgoing, raw []byte) error {
	c, err := s.dialSMTP(ctx, mb)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := s.auth(ctx, c, mb, cr); err != nil {
		return err
	}
	if err := c.Mail(mb.Address, nil); err != nil {
		return smtpError("MAIL FROM", err)
	}
	for _, a := range append(append([]crm.Address{}, m.To...), m.Cc...) {
		if err := c.Rcpt(a.Address, nil); err != nil {
			return smtpError("RCPT TO "+a.Address, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return smtpError("DATA", err)
	}
	if _, err := w.Write(raw); err != nil {
		return smtpError("DATA", err)
	}
	if err := w.Close(); err != nil {
		return smtpError("DATA", err)
	}
	c.Quit() //nolint:errcheck // the message is accepted
	return nil
}

func (s *Sender) dialSMTP(ctx context.Context, mb *crm.Mailbox) (*smtp.Client, error) {
	addr := net.JoinHostPort(mb.SMTPHost, strconv.Itoa(mb.SMTPPort))
	d := &net.Dialer{Timeout: 30 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("smtp dial %s: %w", addr, err)
	}
	conn.SetDeadline(time.Now().Add(5 * time.Minute)) //nolint:errcheck // a watchdog for a stuck server
	tc, err := tlsConfig(s.cfg.TLSConfig, mb, mb.SMTPHost)
	if err != nil {
		conn.Close()
		return nil, err
	}
	switch mb.SMTPTLS {
	case crm.SecurityNone:
		return smtp.NewClient(conn), nil
	case crm.SecurityStartTLS:
		c, err := smtp.NewClientStartTLS(conn, tc)
		if err != nil {
			return nil, smtpError("STARTTLS", err)
		}
		return c, nil
	}
	return smtp.NewClient(tls.Client(conn, tc)), nil
}

// auth logs in when the server offers AUTH. A relay that offers none needs
// no login, whatever credentials the mailbox holds for IMAP.
func (s *Sender) auth(ctx context.Context, c *smtp.Client, mb *crm.Mailbox, cr *credentials) error {
	if ok, _ := c.Extension("AUTH"); !ok {
		return nil
	}
	user := mb.SMTPUsername
	if user == "" {
		user = mb.Username
	}
	var a sasl.Client
	switch {
	case mb.Auth == crm.AuthXOAuth2:
		return oauthLogin(ctx, c, user, cr)
	case mb.SMTPPassword != "":
		a = sasl.NewPlainClient("", user, mb.SMTPPassword.Reveal())
	case mb.Password != "":
		a = sasl.NewPlainClient("", user, mb.Password.Reveal())
	default:
		return nil // a relay that needs no login
	}
	if err := c.Auth(a); err != nil {
		return smtpError("AUTH", err)
	}
	return nil
}

// oauthLogin logs in with XOAUTH2; when the server refuses a stored
// access token, once more with a new one.
func oauthLogin(ctx context.Context, c *smtp.Client, user string, cr *credentials) error {
	tok, err := cr.accessToken(ctx)
	if err != nil {
		return err
	}
	err = c.Auth(xoauth2{user, tok})
	if err != nil && cr.forget() {
		if tok, err = cr.accessToken(ctx); err != nil {
			return err
		}
		err = c.Auth(xoauth2{user, tok})
	}
	if err != nil {
		return smtpError("AUTH", err)
	}
	return nil
}

// smtpError classifies an SMTP reply: 5xx is permanent with the server's
// own words, 4xx and network errors are retried.
func smtpError(step string, err error) error {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		reason := fmt.Sprintf("%s: %d %s", step, se.Code, se.Message)
		if se.Code >= 500 {
			return crm.PermanentSendError(reason, err)
		}
		return &crm.SendError{Reason: reason, Err: err}
	}
	return fmt.Errorf("smtp %s: %w", step, err)
}
