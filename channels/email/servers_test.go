package email_test

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/rapport-crm/rapport/crm"
)

const (
	imapUser = "support@rapport.test"
	imapPass = "imap-pass-1"
)

// imapServer is go-imap's in-memory server on 127.0.0.1 behind a proxy
// that can drop every connection, as a failing server or network would.
type imapServer struct {
	user  *imapmemserver.User
	proxy *dropProxy
}

func startIMAP(t testing.TB) *imapServer { return startIMAPTLS(t, nil, "") }

// startIMAPTLS starts the server with TLS, unless security is "": from
// the first byte (crm.SecurityTLS) or after STARTTLS; either way it takes
// a login only over TLS.
func startIMAPTLS(t testing.TB, conf *tls.Config, security string) *imapServer {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(imapUser, imapPass)
	for _, f := range []string{"INBOX", "Sent"} {
		if err := u.Create(f, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return idleFlushing{mem.NewSession().(imapserver.SessionIMAP4rev2)}, nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: security == "",
		TLSConfig:    conf,
		Logger:       discardLogger{},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if security == crm.SecurityTLS {
		ln = tls.NewListener(ln, conf)
	}
	go srv.Serve(ln) //nolint:errcheck // ends with Close
	t.Cleanup(func() { srv.Close() })
	return &imapServer{user: u, proxy: startProxy(t, ln.Addr().String())}
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

// deliver appends raw to a folder, as an MTA delivering mail would.
func (s *imapServer) deliver(t testing.TB, folder string, raw []byte) {
	t.Helper()
	r := literal{strings.NewReader(string(raw)), int64(len(raw))}
	if _, err := s.user.Append(folder, r, &imap.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
}

type literal struct {
	*strings.Reader
	n int64
}

func (l literal) Size() int64 { return l.n }

// recreate deletes and re-creates a folder: the server gives it a new
// UIDVALIDITY, and every UID the client knew is void.
func (s *imapServer) recreate(t testing.TB, folder string) {
	t.Helper()
	if err := s.user.Delete(folder); err != nil {
		t.Fatal(err)
	}
	if err := s.user.Create(folder, nil); err != nil {
		t.Fatal(err)
	}
}

// dropProxy forwards TCP connections and can cut them all at once.
type dropProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	drops  int
}

func startProxy(t testing.TB, target string) *dropProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &dropProxy{ln: ln, target: target}
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.dropAll() })
	return p
}

func (p *dropProxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func (p *dropProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { io.Copy(up, c); up.Close() }() //nolint:errcheck
		go func() { io.Copy(c, up); c.Close() }()  //nolint:errcheck
	}
}

// dropAll cuts every open connection.
func (p *dropProxy) dropAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
	p.drops++
}

// smtpSink is a go-smtp server that keeps what it is given. RCPT to
// temp@… answers 451, to nobody@… 550.
type smtpSink struct {
	mu   sync.Mutex
	got  chan sunk
	port int
	open bool // a relay: offers no AUTH and takes mail without a login
	// bearer, when set, makes the sink take XOAUTH2 logins instead of
	// PLAIN, with the bearer tokens it accepts (see smtp_oauth_test.go).
	bearer func(user, token string) bool
}

// wantXOAuth2 makes the sink take XOAUTH2 logins that check accepts.
func (s *smtpSink) wantXOAuth2(check func(user, token string) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bearer = check
}

func (s *smtpSink) bearerCheck() func(user, token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bearer
}

type sunk struct {
	from string
	to   []string
	raw  []byte
	tls  bool // the message came over TLS
}

func startSMTP(t testing.TB) *smtpSink { return startSink(t, false, nil, "") }

// startSink starts an SMTP sink that wants a login (AUTH PLAIN over the
// plain connection), or, open, a relay that offers no AUTH at all. With
// security set it speaks TLS (from the first byte or after STARTTLS) and
// takes a login only over TLS.
func startSink(t testing.TB, open bool, conf *tls.Config, security string) *smtpSink {
	t.Helper()
	s := &smtpSink{got: make(chan sunk, 100), open: open}
	srv := smtp.NewServer(s)
	srv.Domain, srv.AllowInsecureAuth, srv.TLSConfig = "sink.test", !open && security == "", conf
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if security == crm.SecurityTLS {
		ln = tls.NewListener(ln, conf)
	}
	s.port = ln.Addr().(*net.TCPAddr).Port
	go srv.Serve(ln) //nolint:errcheck
	t.Cleanup(func() { srv.Close() })
	return s
}

func (s *smtpSink) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &sinkSession{sink: s, conn: c}, nil
}

type sinkSession struct {
	sink   *smtpSink
	conn   *smtp.Conn
	authed bool
	cur    sunk
}

func (ss *sinkSession) AuthMechanisms() []string {
	if ss.sink.bearerCheck() != nil {
		return []string{"XOAUTH2"}
	}
	return []string{sasl.Plain}
}

func (ss *sinkSession) Auth(string) (sasl.Server, error) {
	if check := ss.sink.bearerCheck(); check != nil {
		return &xoauth2Server{check: check, authed: &ss.authed}, nil
	}
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != imapUser || pass != imapPass {
			return errors.New("bad credentials")
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	if !ss.authed && !ss.sink.open {
		return &smtp.SMTPError{Code: 530, Message: "Authentication required"}
	}
	_, isTLS := ss.conn.TLSConnectionState()
	ss.cur = sunk{from: from, tls: isTLS}
	return nil
}

func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	switch {
	case strings.HasPrefix(to, "temp@"):
		return &smtp.SMTPError{Code: 451, Message: "Greylisted, try again later"}
	case strings.HasPrefix(to, "nobody@"):
		return &smtp.SMTPError{Code: 550, Message: "No such user here"}
	}
	ss.cur.to = append(ss.cur.to, to)
	return nil
}

func (ss *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.cur.raw = b
	ss.sink.got <- ss.cur
	return nil
}

func (ss *sinkSession) Reset()        { ss.cur = sunk{} }
func (ss *sinkSession) Logout() error { return nil }

// idleFlushing makes go-imap's server send, when IDLE starts, the updates
// it queued since the last command, as Dovecot does. Its own IDLE (v2
// beta.8) reports only updates that arrive during IDLE: mail delivered
// between the poller's NOOP and its IDLE would wait for the next IDLE
// renewal, an hour in these tests, and the test would fail by chance.
type idleFlushing struct{ imapserver.SessionIMAP4rev2 }

func (s idleFlushing) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	if err := s.Poll(w, true); err != nil {
		return err
	}
	return s.SessionIMAP4rev2.Idle(w, stop)
}
