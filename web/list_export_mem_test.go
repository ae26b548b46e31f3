package web_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/web"
)

// TestExportMessagesMemory measures GET /api/v1/messages/export over N
// messages on SQLite: rows per second and the memory it takes. It runs only
// when asked:
//
//	RAPPORT_EXPORT_BENCH_MESSAGES=1000000 [RAPPORT_EXPORT_BENCH_FORMAT=xlsx] \
//	  go test ./web -run TestExportMessagesMemory -v -timeout 60m
//
// The messages are written by one SQL statement per 100k, then the peak
// heap in use is sampled while the export streams (the peak RSS, VmHWM,
// is reset first through /proc/self/clear_refs). An export that held the
// list would grow with N; a streamed one stays flat.
func TestExportMessagesMemory(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("RAPPORT_EXPORT_BENCH_MESSAGES"))
	if n <= 0 {
		t.Skip("set RAPPORT_EXPORT_BENCH_MESSAGES to run")
	}
	format := firstNonEmpty(os.Getenv("RAPPORT_EXPORT_BENCH_FORMAT"), "csv")
	ctx := context.Background()
	app := testapp.New(t, testapp.Options{RealTime: true})
	u := &crm.User{Email: "admin@example.com", Name: "Admin", Role: crm.RoleAdmin}
	must(t, app.DB.CreateUser(ctx, u))
	tok, hash, _ := crm.NewToken("rpt_")
	must(t, app.DB.CreateAPIToken(ctx, &crm.APIToken{UserID: u.ID, Name: "bench", TokenHash: hash}))
	now := time.Now().UTC().Truncate(time.Second)
	c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "1", Subject: "询价", Status: crm.ConvOpen,
		LastMessageAt: now, CreatedAt: now}
	must(t, app.DB.CreateConversation(ctx, c))
	start := time.Now()
	seedMessages(t, app.Path, c.ID, n, now)
	t.Logf("seeded %d messages in %s", n, time.Since(start).Round(time.Second))

	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{Store: app.DB}))
	defer srv.Close()
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM; best effort
	before := heapInUse()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		for {
			if h := heapInUse(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/messages/export?format="+format, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	start = time.Now()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	lines, size := countLines(t, res.Body, format)
	res.Body.Close()
	took := time.Since(start)
	close(stop)
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	if format == "csv" && lines != n+1 {
		t.Errorf("%d lines, want %d messages and a header", lines, n+1)
	}
	t.Logf("EXPORT format=%s messages=%d bytes=%d took=%s rows/s=%.0f heap_before=%.1fMB peak_heap_inuse=%.1fMB peak_rss(VmHWM)=%s",
		format, n, size, took.Round(time.Millisecond), float64(n)/took.Seconds(), mb(before), mb(peak.Load()), vmHWM())
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// seedMessages writes n messages of conversation conv straight into the
// SQLite file, 100k to a statement.
func seedMessages(t *testing.T, path string, conv int64, n int, at time.Time) {
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for from := 0; from < n; from += 100000 {
		to := min(from+100000, n)
		_, err := raw.Exec(`WITH RECURSIVE k(i) AS (SELECT $1 UNION ALL SELECT i + 1 FROM k WHERE i < $2)
			INSERT INTO messages (conversation_id, channel, account, direction, external_id, from_name, from_address,
				to_addrs, subject, text, sent_at, created_at)
			SELECT $3, 'email', '1', 'in', 'bench-' || i, '王经理', 'wang@kunde.example',
				'[{"address":"sales@rapport.example"}]', '询价 #' || i,
				'您好，请报价三台激光打印机，交货期和付款方式也请一并告知。Message ' || i, $4, $4 FROM k`,
			from+1, to, conv, at.Format("2006-01-02 15:04:05.999999999-07:00"))
		if err != nil {
			t.Fatal(err)
		}
	}
}

func heapInUse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func vmHWM() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.Join(strings.Fields(strings.TrimPrefix(line, "VmHWM:")), " ")
		}
	}
	return "n/a"
}

// countLines reads the export to its end: CSV lines, or bytes for XLSX.
func countLines(t *testing.T, r io.Reader, format string) (lines, size int) {
	br := bufio.NewReaderSize(r, 1<<16)
	buf := make([]byte, 1<<16)
	for {
		k, err := br.Read(buf)
		size += k
		if format == "csv" {
			lines += bytes.Count(buf[:k], []byte{'\n'})
		}
		if err == io.EOF {
			return lines, size
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
