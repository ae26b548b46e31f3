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
	const user, pass = "support@huaqiang.example", "imap password 1"
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(user, pass)
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(u)
	raw := "From: buyer@example.cn\r\nTo: " + user + "\r\nSubject: 询价\r\nMessage-ID: <s1@example.cn>\r\n\r\n你好\r\n"
	if _, err := u.Append("INBOX", imapLiteral{strings.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
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

	vars := engines(t)[0].vars
	mustRun(t, vars, pass+"\n", "mailbox", "add", "--name", "Support", "--address", user,
		"--imap-host", "127.0.0.1", "--imap-port", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port),
		"--imap-security", "none", "--username", user, "--smtp-host", "127.0.0.1", "--smtp-security", "none")
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

type imapLiteral struct {
	*strings.Reader
	n int64
}

func (l imapLiteral) Size() int64 { return l.n }

type mailboxStatusView struct {
	State    string `json:"state"`
	Ingested int64  `json:"ingested"`
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
