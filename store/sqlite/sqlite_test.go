package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/store/storetest"
)

func open(t *testing.T) crm.Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "data", "rapport.db"))
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

func TestStore(t *testing.T) {
	t.Parallel()
	storetest.Run(t, open)
}

func TestWithTx(t *testing.T) {
	t.Parallel()
	storetest.RunTx(t, open)
}
