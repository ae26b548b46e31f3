package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
)

// TestMeasureMove times rapport export and import on an installation of
// RAPPORT_MEASURE_MOVE messages (from 2,000 senders, each with its raw
// mail of about 2 KB), SQLite → PostgreSQL → SQLite, with each command's
// peak RSS. It is a measurement, run by hand:
//
//	RAPPORT_MEASURE_MOVE=100000 RAPPORT_TEST_POSTGRES_URL=… go test ./cmd/rapport -run TestMeasureMove -v -timeout 1h
func TestMeasureMove(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("RAPPORT_MEASURE_MOVE"))
	base := os.Getenv("RAPPORT_TEST_POSTGRES_URL")
	if n == 0 || base == "" {
		t.Skip("RAPPORT_MEASURE_MOVE and RAPPORT_TEST_POSTGRES_URL are not both set")
	}
	lite := installation(t, "")
	mustRun(t, lite, "correct horse battery\n", "user", "add", "--email", "admin@huaqiang.example", "--role", "admin")
	start := time.Now()
	seedMessages(t, strings.TrimPrefix(lite[0], "RAPPORT_DATA="), n)
	t.Logf("seeded %d messages in %s", n, time.Since(start).Round(time.Second))
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first.zip"), filepath.Join(dir, "second.zip")
	pg, back := installation(t, base), installation(t, "")
	measured(t, "export from SQLite", lite, "export", "--out", first)
	measured(t, "import into PostgreSQL", pg, "import", first)
	measured(t, "export from PostgreSQL", pg, "export", "--out", second)
	measured(t, "import into SQLite", back, "import", second)
	if st, err := os.Stat(first); err == nil {
		t.Logf("export file: %d MB", st.Size()>>20)
	}
}

// measured runs one rapport command and logs its time and peak RSS.
func measured(t *testing.T, what string, vars []string, args ...string) {
	t.Helper()
	var load []byte
	load, _ = os.ReadFile("/proc/loadavg")
	start := time.Now()
	r := runRapportUsage(t, vars, args...)
	t.Logf("%s: %s, peak RSS %d MB, load before %s", what, time.Since(start).Round(10*time.Millisecond), r>>10,
		strings.Join(strings.Fields(string(load))[:3], " "))
}

// runRapportUsage runs rapport to success and returns its peak RSS in KB.
func runRapportUsage(t *testing.T, vars []string, args ...string) int64 {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = env(vars...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rapport %v: %v\n%s", args, err, out)
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
}

// seedMessages ingests n mails from 2,000 senders, 16 at a time (the
// ingest writer commits them in batches).
func seedMessages(t *testing.T, dataDir string, n int) {
	ctx := context.Background()
	app := testapp.New(t, testapp.Options{Path: filepath.Join(dataDir, "rapport.db"), RealTime: true})
	defer app.Stop()
	body := strings.Repeat("您好，请报价。Please quote for the sensors. ", 30)
	var wg sync.WaitGroup
	next := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range next {
				id := fmt.Sprintf("<%d@kunde%d.example>", i, i%2000)
				raw := "From: sender" + strconv.Itoa(i%2000) + "@kunde.example\r\nSubject: 报价 " + strconv.Itoa(i) + "\r\n\r\n" + body
				_, err := app.Ingester.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelEmail, Account: "1", ExternalID: id, MessageRef: id,
					From: crm.Address{Address: fmt.Sprintf("sender%d@kunde%d.example", i%2000, i%2000)}, Subject: "报价 " + strconv.Itoa(i),
					Text: body, ReceivedAt: time.Now().UTC(), Raw: []byte(raw)}, nil)
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
