package matcher_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/sqlite"
)

// testStore is what the rule tests need of a real store: the CRUD methods
// to seed the fixture, and the ingest transaction to match in.
type testStore interface {
	crm.Store
	crm.IngestStore
}

// engine opens a fresh, migrated store.
type engine struct {
	name string
	open func(t testing.TB) testStore
}

// engines are the real stores the rules run against. PostgreSQL joins when
// RAPPORT_TEST_POSTGRES_URL is set (see postgresEngine).
func engines() []engine {
	return []engine{{name: "sqlite", open: openSQLite}, postgresEngine()}
}

func openSQLite(t testing.TB) testStore {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "rapport.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}
