package email_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/email"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
)

const (
	bigAttachment = 25 << 20
	rssLimitMB    = 150
)

// TestPeakRSSLargeAttachment ingests one mail with a 25 MB attachment in a
// child process (this test binary again) and reads the child's peak
// resident set, VmHWM in /proc/self/status. The IMAP server runs here, in
// the parent, so that its copies of the message do not count.
func TestPeakRSSLargeAttachment(t *testing.T) {
	if port := os.Getenv("RAPPORT_RSS_CHILD_PORT"); port != "" {
		rssChild(t, port)
		return
	}
	if raceEnabled {
		t.Skip("the race detector multiplies memory use; scripts/test runs this test without -race")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc: cannot read peak RSS")
	}
	srv := startIMAP(t)
	srv.deliver(t, "INBOX", bigMail(t))
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakRSSLargeAttachment$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "RAPPORT_RSS_CHILD_PORT="+strconv.Itoa(srv.proxy.port()),
		"RAPPORT_RSS_CHILD_DIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	kb := 0
	for _, line := range strings.Split(string(out), "\n") {
		if _, v, ok := strings.Cut(line, "PEAK_RSS_KB="); ok {
			kb, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	if kb == 0 {
		t.Fatalf("the child reported no peak RSS:\n%s", out)
	}
	t.Logf("peak RSS ingesting a %d MB attachment: %d MB", bigAttachment>>20, kb>>10)
	if kb>>10 >= rssLimitMB {
		t.Errorf("peak RSS %d MB, want under %d MB", kb>>10, rssLimitMB)
	}
}

func bigMail(t *testing.T) []byte {
	data := make([]byte, bigAttachment)
	rand.Read(data)
	var b strings.Builder
	b.WriteString("From: buyer@example.cn\r\nTo: " + imapUser + "\r\nSubject: big\r\nMessage-ID: <big@example.cn>\r\n" +
		"Content-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n" +
		"--X\r\nContent-Type: application/octet-stream; name=big.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--X--\r\n")
	return []byte(b.String())
}

// rssChild is the child: a real SQLite store, blob store, Ingester and
// poller, until the message is stored; then it prints its VmHWM.
func rssChild(t *testing.T, port string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := os.Getenv("RAPPORT_RSS_CHILD_DIR")
	app := testapp.New(t, testapp.Options{Path: filepath.Join(dir, "r.db"), Blobs: true, RealTime: true})
	db, blobs := app.DB, app.Blobs
	p, _ := strconv.Atoi(port)
	mb := &crm.Mailbox{Name: "Big", Address: imapUser, IMAPHost: "127.0.0.1", IMAPPort: p, IMAPTLS: crm.SecurityNone,
		Username: imapUser, Password: imapPass, SMTPHost: "127.0.0.1", SMTPPort: 25, SMTPTLS: crm.SecurityNone, Enabled: true}
	must(t, db.CreateMailbox(ctx, mb))
	cnt := &countingIngester{inner: app.Ingester, want: 1, done: make(chan struct{})}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	poller := email.NewPoller(email.PollerConfig{Store: db, Ingester: cnt, Blobs: blobs}, mb.ID)
	wg.Go(func() { poller.Run(ctx) }) //nolint:errcheck
	select {
	case <-cnt.done:
	case <-time.After(hang):
		t.Fatal("the big message was not stored")
	}
	fmt.Printf("PEAK_RSS_KB=%d\n", vmHWM(t))
}

func vmHWM(t *testing.T) int {
	f, err := os.Open("/proc/self/status")
	must(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}
