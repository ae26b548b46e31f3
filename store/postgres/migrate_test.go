package postgres_test

import (
	"context"
	"io/fs"
	"slices"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
)

// Several instances starting at once migrate the same database: the
// advisory lock lets each migration apply exactly once.
func TestMigrateTwiceAndConcurrently(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	u := pgtest.FreshSchema(t, pgtest.URL(t))
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		applied []string
	)
	for range 3 {
		db := openAt(t, u)
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
	all, err := fs.Glob(migrations.Postgres(), "*.sql")
	if err != nil || len(all) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	slices.Sort(applied)
	if !slices.Equal(applied, all) {
		t.Fatalf("applied %v, want each of %v once", applied, all)
	}
	again, err := openAt(t, u).Migrate(ctx)
	if err != nil || len(again) != 0 {
		t.Fatalf("second run applied %v, %v; want nothing", again, err)
	}
}
