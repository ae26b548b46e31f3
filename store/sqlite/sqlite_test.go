package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/store/storetest"
)

func open(t *testing.T) crm.Store {
	t.Helper()
	return openAt(t, testapp.FreshSQLite(t))
}

// openAt opens and migrates the database at path, closed when t ends.
func openAt(t *testing.T, path string) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestStore is this engine's one run of the conformance suite (store/storetest).
func TestStore(t *testing.T) {
	t.Parallel()
	storetest.Run(t, open, matcher.New(matcher.Config{}))
}

// TestScheduler stands beside TestStore because it needs two handles on one
// database. It runs two schedulers on two handles of one database file,
// as two processes on one machine would.
func TestScheduler(t *testing.T) {
	t.Parallel()
	storetest.RunScheduler(t, func(t *testing.T) (crm.Store, crm.Store) {
		path := filepath.Join(t.TempDir(), "rapport.db")
		return openAt(t, path), openAt(t, path)
	})
}
