// Package pgtest gives tests a PostgreSQL server to run against: the one at
// RAPPORT_TEST_POSTGRES_URL, and a fresh schema on it per test so that tests
// and packages running in parallel never see each other's tables. It is for
// tests only.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
)

// URL returns the server to test against. Without one the test is skipped
// with a plain message, except under CI, which must never skip it.
func URL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("RAPPORT_TEST_POSTGRES_URL")
	switch {
	case u != "":
		return u
	case os.Getenv("CI") != "":
		tb.Fatal("RAPPORT_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL suite")
	default:
		tb.Skip("PostgreSQL suite did not run: RAPPORT_TEST_POSTGRES_URL is not set")
	}
	return ""
}

// FreshSchema creates a schema with a random name on the server at base,
// drops it when the test ends, and returns a URL whose connections use it.
func FreshSchema(tb testing.TB, base string) string {
	tb.Helper()
	SharedExtensions(tb, base)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "rapport_test_" + hex.EncodeToString(b)
	Exec(tb, base, "CREATE SCHEMA "+schema)
	tb.Cleanup(func() { Exec(tb, base, "DROP SCHEMA "+schema+" CASCADE") })
	return WithSearchPath(tb, base, schema)
}

var extensionsOnce sync.Once

// SharedExtensions puts pg_trgm in public, once per test process. Left to
// the migrations, the first test to migrate creates it in its own schema,
// and dropping that schema at the test's end drops the extension with
// every other test's trigram index: the other tests then fail with
// "deadlock detected" (seen on a fresh server).
func SharedExtensions(tb testing.TB, base string) {
	tb.Helper()
	extensionsOnce.Do(func() {
		const move = `DO $$ BEGIN
			IF (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm') <> 'public' THEN
				ALTER EXTENSION pg_trgm SET SCHEMA public;
			END IF;
		END $$`
		// Another test process may create it at the same moment, and one
		// of two concurrent CREATE EXTENSIONs fails: the second try sees it.
		if err := exec(base, "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"); err != nil {
			Exec(tb, base, "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
		}
		Exec(tb, base, move)
	})
}

// WithSearchPath returns base with its connections' search_path set.
func WithSearchPath(tb testing.TB, base, schema string) string {
	tb.Helper()
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Exec runs one statement on its own connection.
func Exec(tb testing.TB, u, sql string) {
	tb.Helper()
	if err := exec(u, sql); err != nil {
		tb.Fatal(err)
	}
}

func exec(u, sql string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}
