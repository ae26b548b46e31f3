package email_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/rapport-crm/rapport/crm"
)

const dovecotBin = "/usr/sbin/dovecot"

// dovecotConf runs Dovecot unprivileged on loopback: a passwd-file user,
// maildirs under dir, plain IMAP (with STARTTLS) and IMAPS with a
// certificate of a test CA, plain-text login allowed.
const dovecotConf = `protocols = imap
listen = 127.0.0.1
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
ssl = yes
ssl_cert = <%[1]s/cert.pem
ssl_key = <%[1]s/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login %[6]s
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:%[1]s/mail/%%u
%[3]s
%[7]s
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%%u %[1]s/users
}
userdb {
  driver = static
  args = uid=%[4]s gid=%[4]s home=%[1]s/mail/%%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[2]d
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = %[5]d
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`

// startDovecot starts `dovecot -F -c CONFIG` and returns its IMAP port. It
// skips the test where Dovecot is not installed, unless CI is set.
func startDovecot(t *testing.T) int { return startDovecotTLS(t).port }

// dovecotServer is a running Dovecot: its IMAP and IMAPS ports and the CA
// (PEM) that signed its certificate.
type dovecotServer struct {
	port, tlsPort int
	caPEM         string
}

func startDovecotTLS(t *testing.T) dovecotServer { return startDovecotAuth(t, "") }

// startDovecotAuth starts Dovecot; with an introspection URL, it also
// takes XOAUTH2 and OAUTHBEARER logins whose bearer token that URL accepts
// (an oauth2 passdb; see dovecot_oauth_test.go).
func startDovecotAuth(t *testing.T, introspectionURL string) dovecotServer {
	t.Helper()
	if _, err := os.Stat(dovecotBin); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but Dovecot is missing: %v (install dovecot-imapd)", err)
		}
		t.Skip("dovecot is not installed")
	}
	dir, err := os.MkdirTemp("", "rapport-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Logf("dovecot log:\n%s", b)
		}
		os.RemoveAll(dir)
	})
	for _, d := range []string{"run", "state", "mail"} {
		must(t, os.MkdirAll(filepath.Join(dir, d), 0o755))
	}
	// Dovecot drops to the mail user: as root that is the dovecot user,
	// which must reach the maildirs.
	must(t, os.Chmod(dir, 0o755))
	must(t, os.Chmod(filepath.Join(dir, "mail"), 0o777))
	srv := dovecotServer{port: freePort(t), tlsPort: freePort(t)}
	ca, cert, key := testCAFiles(t)
	srv.caPEM = ca
	must(t, os.WriteFile(filepath.Join(dir, "cert.pem"), []byte(cert), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "key.pem"), []byte(key), 0o644))
	users, mailUID := "", "dovecot"
	if os.Geteuid() != 0 {
		u, err := user.Current()
		must(t, err)
		users = fmt.Sprintf("default_login_user = %[1]s\ndefault_internal_user = %[1]s", u.Username)
		mailUID = u.Username
	}
	mechs, passdb := oauthPassdb(t, dir, introspectionURL)
	conf := filepath.Join(dir, "dovecot.conf")
	must(t, os.WriteFile(conf, fmt.Appendf(nil, dovecotConf, dir, srv.port, users, mailUID, srv.tlsPort, mechs, passdb), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "users"), []byte(imapUser+":{PLAIN}"+imapPass+"\n"), 0o644))
	cmd := exec.Command(dovecotBin, "-F", "-c", conf)
	must(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() }) //nolint:errcheck
	waitListening(t, srv.port, filepath.Join(dir, "dovecot.log"))
	waitListening(t, srv.tlsPort, filepath.Join(dir, "dovecot.log"))
	return srv
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitListening dials until Dovecot accepts connections (its start-up
// has no other readiness signal), failing with its log.
func waitListening(t *testing.T, port int, logPath string) {
	deadline := time.Now().Add(hang)
	for {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logPath)
			t.Fatalf("dovecot did not start: %v\n%s", err, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// dovecotAppend delivers raw over IMAP, as a mail client or MDA would.
func dovecotAppend(t *testing.T, port int, folder string, raw []byte) {
	t.Helper()
	c, err := imapclient.DialInsecure("127.0.0.1:"+strconv.Itoa(port), nil)
	must(t, err)
	defer c.Close()
	must(t, c.Login(imapUser, imapPass).Wait())
	if folder != "INBOX" {
		c.Create(folder, nil).Wait() //nolint:errcheck // it may exist
	}
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{})
	_, err = cmd.Write(raw)
	must(t, err)
	must(t, cmd.Close())
	_, err = cmd.Wait()
	must(t, err)
}

// TestDovecotEndToEnd polls a real Dovecot: mail already there (including a
// GB2312 message), then new mail pushed by IDLE, then a reply's copy
// APPENDed to its Sent folder.
func TestDovecotEndToEnd(t *testing.T) {
	port := startDovecot(t)
	w := newWorld(t)
	w.mb.IMAPPort = port
	must(t, w.db.UpdateMailbox(context.Background(), w.mb))
	gb, err := os.ReadFile("testdata/gb2312_base64.eml")
	must(t, err)
	dovecotAppend(t, port, "INBOX", gb)
	dovecotAppend(t, port, "INBOX", mail("buyer@example.cn", "first", "dv1@example.cn"))
	dovecotAppend(t, port, "Sent", mail(imapUser, "create Sent", "sent0@rapport.test"))
	w.poller("a", w.ing)
	got := w.ing.waitFor(t, "gb2312-1@163.com", "dv1@example.cn")
	l, err := w.db.Messages(context.Background(), crm.System, got["gb2312-1@163.com"][0].ConversationID, crm.Page{})
	must(t, err)
	if m := l.Items[0]; m.Subject != "订单查询" || m.From.Name != "李四" {
		t.Errorf("GB2312 mail through Dovecot: subject %q from %q", m.Subject, m.From.Name)
	}
	dovecotAppend(t, port, "INBOX", mail("buyer@example.cn", "second", "dv2@example.cn"))
	conv := w.ing.waitFor(t, "dv2@example.cn")["dv2@example.cn"][0].ConversationID
	out, err := w.box.Queue(context.Background(), crm.System, crm.Draft{ConversationID: conv, Text: "谢谢"})
	must(t, err)
	w.sunk()
	w.message(conv, out.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliverySent })
	if n := dovecotCount(t, port, "Sent"); n != 2 {
		t.Errorf("Dovecot's Sent folder holds %d messages, want the reply's copy too", n)
	}
}

func dovecotCount(t *testing.T, port int, folder string) uint32 {
	t.Helper()
	c, err := imapclient.DialInsecure("127.0.0.1:"+strconv.Itoa(port), nil)
	must(t, err)
	defer c.Close()
	must(t, c.Login(imapUser, imapPass).Wait())
	st, err := c.Status(folder, &imap.StatusOptions{NumMessages: true}).Wait()
	must(t, err)
	return *st.NumMessages
}

// TestDovecotTLS polls a real Dovecot over IMAPS and over STARTTLS, its
// certificate signed by a test CA that the mailbox's tls_ca trusts.
func TestDovecotTLS(t *testing.T) {
	dv := startDovecotTLS(t)
	dovecotAppend(t, dv.port, "INBOX", mail("buyer@example.cn", "tls", "dvt1@example.cn"))
	for _, tc := range []struct {
		security string
		port     int
	}{{crm.SecurityTLS, dv.tlsPort}, {crm.SecurityStartTLS, dv.port}} {
		t.Run(tc.security, func(t *testing.T) {
			w := newWorld(t)
			w.mb.IMAPPort, w.mb.IMAPTLS, w.mb.TLSCA = tc.port, tc.security, dv.caPEM
			must(t, w.db.UpdateMailbox(context.Background(), w.mb))
			w.poller("a", w.ing)
			w.ing.waitFor(t, "dvt1@example.cn")
		})
	}
}
