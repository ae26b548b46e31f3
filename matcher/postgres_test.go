package matcher_test

import (
	"context"
	"testing"

	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
)

// postgresEngine is PostgreSQL at RAPPORT_TEST_POSTGRES_URL, each store in
// a fresh schema dropped when the test ends.
func postgresEngine() engine {
	return engine{name: "postgres", open: openPostgres}
}

func openPostgres(t testing.TB) testStore {
	t.Helper()
	ctx := context.Background()
	u := pgtest.FreshSchema(t, pgtest.URL(t))
	db, err := postgres.Open(ctx, postgres.Config{URL: u, MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}
