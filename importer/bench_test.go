package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/importer"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// BenchmarkImportXLSX imports 100,000 customers, each with its contact
// person, from one XLSX file, on each engine, and reports rows per second
// and the peak heap and resident memory of the import (run it once):
//
//	RAPPORT_TEST_POSTGRES_URL=… go test ./importer -run '^$' -bench ImportXLSX -benchtime 1x
func BenchmarkImportXLSX(b *testing.B) {
	rows := 100_000
	if n, err := strconv.Atoi(os.Getenv("RAPPORT_IMPORT_BENCH_ROWS")); err == nil && n > 0 {
		rows = n // a shorter trial
	}
	file := bigXLSX(b, rows)
	b.Run("sqlite", func(b *testing.B) { benchImport(b, nil, file, rows) })
	b.Run("postgres", func(b *testing.B) {
		u := pgtest.FreshSchema(b, pgtest.URL(b))
		db, err := postgres.Open(context.Background(), postgres.Config{URL: u})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		benchImport(b, db, file, rows)
	})
}

func benchImport(b *testing.B, db *sqlstore.DB, file []byte, rows int) {
	for range b.N {
		app := testapp.New(b, testapp.Options{DB: db, Blobs: true})
		admin := &crm.User{Email: "admin@example.com", Name: "admin", Role: crm.RoleAdmin}
		if err := app.DB.CreateUser(ctx, admin); err != nil {
			b.Fatal(err)
		}
		svc := importer.New(importer.Config{Store: app.DB, Blobs: app.Blobs, Now: app.Now, Holder: "bench"})
		runtime.GC()
		resetPeakRSS()
		peak := sampleHeap()
		t0 := time.Now()
		j, err := svc.Upload(ctx, admin.Viewer(), crm.ImportCustomers, "big.xlsx", bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		up := time.Since(t0)
		if _, err := svc.Start(ctx, admin.Viewer(), j.ID, crm.ImportSettings{}); err != nil {
			b.Fatal(err)
		}
		t1, cpu1 := time.Now(), cpuTime()
		if err := svc.Tick(ctx); err != nil {
			b.Fatal(err)
		}
		run, cpu := time.Since(t1), cpuTime()-cpu1
		heap := peak()
		j, err = svc.Job(ctx, admin.Viewer(), j.ID)
		if err != nil || j.Created != rows || j.Status != crm.ImportDone {
			b.Fatalf("job %+v, %v", j, err)
		}
		b.ReportMetric(float64(rows)/run.Seconds(), "rows/s")
		// The importer's own CPU per row (not the database server's): what
		// a loaded machine's wall time hides.
		b.ReportMetric(float64(cpu.Microseconds())/float64(rows), "cpu-µs/row")
		b.ReportMetric(up.Seconds(), "upload-s")
		b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(peakRSS())/(1<<10), "peak-rss-MB")
	}
}

// bigXLSX writes n customer rows with a contact each, streamed.
func bigXLSX(b *testing.B, n int) []byte {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("rapport-import-bench-%d.xlsx", n))
	if data, err := os.ReadFile(path); err == nil {
		return data
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	head := []any{"客户名称", "客户级别", "地区", "联系人", "手机", "邮箱"}
	must(b, sw.SetRow("A1", head))
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		must(b, sw.SetRow(cell, []any{fmt.Sprintf("测试客户%06d科技有限公司", i), "B", "广东", fmt.Sprintf("联系人%d", i),
			fmt.Sprintf("139%08d", i), fmt.Sprintf("c%d@example.com", i)}))
	}
	must(b, sw.Flush())
	var buf bytes.Buffer
	must(b, f.Write(&buf))
	must(b, os.WriteFile(path, buf.Bytes(), 0o644))
	return buf.Bytes()
}

// sampleHeap samples the heap in use until the returned func is called,
// which answers the peak.
func sampleHeap() func() uint64 {
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapInuse)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS clears the kernel's high-water mark of this process's
// resident memory (Linux), so that peakRSS measures from here.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the process's resident high-water mark in KB (0 elsewhere).
func peakRSS() int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb
		}
	}
	return 0
}
