package sqlite_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/sqlite"
)

// Two processes starting at once each open the file and migrate: every
// migration must be applied exactly once, and a second run applies nothing.
func TestMigrateTwiceAndConcurrently(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rapport.db")
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		applied []string
	)
	for range 3 {
		db, err := sqlite.Open(ctx, sqlite.Config{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		wg.Go(func() {
			names, err := db.Migrate(ctx)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			applied = append(applied, names...)
			mu.Unlock()
		})
	}
	wg.Wait()
	all, err := fs.Glob(migrations.SQLite(), "*.sql")
	if err != nil || len(all) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	slices.Sort(applied)
	if !slices.Equal(applied, all) {
		t.Fatalf("applied %v, want each migration once", applied)
	}
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	again, err := db.Migrate(ctx)
	if err != nil || len(again) != 0 {
		t.Fatalf("second run applied %v, %v; want nothing", again, err)
	}
}
