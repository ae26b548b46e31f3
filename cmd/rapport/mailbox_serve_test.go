package main

import (
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// TestServePollsMailboxes: a mailbox added with the CLI is polled by serve
// (the supervisor, the lease, the Ingester) and its progress is in the API.
func TestServePollsMailboxes(t *testing.T) {
	const pass = "imap password 1"
	vars := engines(t)[0].vars
	box := startMemIMAP(t, pass)
	box.deliver(t, "s1@example.cn")
	box.add(t, vars)
	s := startServer(t, vars...)
	_, email, password := s.admin(t)
	cookie := login(t, s.url, email, password)
	deadline := time.Now().Add(30 * time.Second)
	for {
		st := mailboxStatus(t, s.url, cookie)
		if st.Ingested == 1 && st.State == "idle" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailbox status %+v after 30 s\nstderr:\n%s", st, s.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if strings.Contains(s.stderr.String()+s.stdout.String(), pass) {
		t.Error("the mailbox password was logged")
	}
}

// memIMAP is an in-memory IMAP server on 127.0.0.1 with one user.
type memIMAP struct {
	user *imapmemserver.User
	pass string
	port int
}

const memIMAPUser = "support@huaqiang.example"

func startMemIMAP(t *testing.T, pass string) *memIMAP {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(memIMAPUser, pass)
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps: imap.CapSet{imap.CapIMAP4rev2: {}}, InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln) //nolint:errcheck
	t.Cleanup(func() { srv.Close() })
	return &memIMAP{user: u, pass: pass, port: ln.Addr().(*net.TCPAddr).Port}
}

// deliver appends a small mail with Message-ID id to the INBOX.
func (m *memIMAP) deliver(t *testing.T, id string) {
	t.Helper()
	raw := "From: buyer@example.cn\r\nTo: " + memIMAPUser + "\r\nSubject: 询价\r\nMessage-ID: <" + id + ">\r\n\r\n你好\r\n"
	if _, err := m.user.Append("INBOX", imapLiteral{strings.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
}

// add adds the mailbox with the CLI.
func (m *memIMAP) add(t *testing.T, vars []string) {
	t.Helper()
	mustRun(t, vars, m.pass+"\n", "mailbox", "add", "--name", "Support", "--address", memIMAPUser,
		"--imap-host", "127.0.0.1", "--imap-port", strconv.Itoa(m.port),
		"--imap-security", "none", "--username", memIMAPUser, "--smtp-host", "127.0.0.1", "--smtp-security", "none")
}

type imapLiteral struct {
	*strings.Reader
	n int64
}

func (l imapLiteral) Size() int64 { return l.n }

type mailboxStatusView struct {
	State    string `json:"state"`
	Ingested int64  `json:"ingested"`
	Holder   string `json:"holder"`
}

func mailboxStatus(t *testing.T, base, cookie string) mailboxStatusView {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/mailboxes/1", nil)
	req.AddCookie(&http.Cookie{Name: "rapport_session", Value: cookie})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m struct {
		Status mailboxStatusView `json:"status"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&m) != nil {
		t.Fatalf("GET /api/v1/mailboxes/1: %s", resp.Status)
	}
	return m.Status
}
