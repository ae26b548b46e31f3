package pool_test

import (
	"os"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/pool"
	"github.com/rapport-crm/rapport/store/sqlite"
)

// TestMeasureSweep times one reclaim sweep on a database seeded outside
// the test (RAPPORT_POOL_MEASURE_DB: a SQLite file, see docs/pool.md for
// the seeding SQL); skipped without it. It reports, it does not judge:
// the figure depends on the machine.
func TestMeasureSweep(t *testing.T) {
	path := os.Getenv("RAPPORT_POOL_MEASURE_DB")
	if path == "" {
		t.Skip("RAPPORT_POOL_MEASURE_DB is not set")
	}
	now := time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC)
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := pool.New(pool.Config{Store: db, Now: func() time.Time { return now }, Lang: "zh-CN"})
	start := time.Now()
	if err := p.Run(ctx, now); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	due, err := db.DueReclaims(ctx, now, 10)
	if err != nil || len(due) != 0 {
		t.Fatalf("still due after the sweep: %d (%v)", len(due), err)
	}
	var n int
	l, _ := db.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, InPool: true, Page: crm.Page{Limit: 500}})
	n = len(l.Items)
	t.Logf("sweep took %v; pool leads now ≥ %d", took, n)
}
