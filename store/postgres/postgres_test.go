package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/store/storetest"
)

// testURL returns the server to test against. CI must never skip silently.
func testURL(t testing.TB) string {
	u := os.Getenv("RAPPORT_TEST_POSTGRES_URL")
	switch {
	case u != "":
		return u
	case os.Getenv("CI") != "":
		t.Fatal("RAPPORT_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL suite")
	default:
		t.Skip("PostgreSQL suite did not run: RAPPORT_TEST_POSTGRES_URL is not set")
	}
	return ""
}

// freshSchema creates a schema with a random name, returns a URL whose
// connections use it, and drops it when the test ends, so that tests and
// packages running in parallel never see each other's tables.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "rapport_test_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	return withSearchPath(t, base, schema)
}

func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openAt(t testing.TB, u string) *sqlstore.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), postgres.Config{URL: u, MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func open(t *testing.T) crm.Store {
	db := openAt(t, freshSchema(t, testURL(t)))
	if _, err := db.Migrate(context.Background()); err != nil {
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
