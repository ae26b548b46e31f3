package matcher_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/rapport-crm/rapport/store/postgres"
)

// postgresEngine is PostgreSQL at RAPPORT_TEST_POSTGRES_URL, each store in
// a fresh schema dropped when the test ends.
func postgresEngine() engine {
	return engine{name: "postgres", open: openPostgres}
}

func openPostgres(t testing.TB) testStore {
	t.Helper()
	ctx := context.Background()
	u := freshSchema(t, skipWithoutPostgres(t))
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

// freshSchema creates a schema with a random name and returns a URL whose
// connections use it, so parallel tests never see each other's tables.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "matcher_test_" + hex.EncodeToString(b)
	exec(t, base, "CREATE SCHEMA "+schema)
	t.Cleanup(func() { exec(t, base, "DROP SCHEMA "+schema+" CASCADE") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func exec(t testing.TB, u, sql string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Error(err)
	}
}
