package matcher_test

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
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
	// The shared test app's store, on real time as before; its own
	// ingester idles (these tests start theirs on either engine).
	return testapp.New(t, testapp.Options{RealTime: true}).DB
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}
