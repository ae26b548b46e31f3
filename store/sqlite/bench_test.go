package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/storetest"
)

// go test ./store/sqlite -run '^$' -bench . -benchtime 2s
//
// The seeded databases are kept in $RAPPORT_BENCH_CACHE (default: the user
// cache folder, rapport-bench/), one file per size and schema version; the
// first run seeds them (about a minute for 1M contacts), later runs reuse
// them. Delete the folder to start over.
func BenchmarkStore(b *testing.B) {
	storetest.Bench(b, openBench)
}

// benchFile names the cached database of n contacts.
func benchFile(n int) string {
	return fmt.Sprintf("sqlite-%d-%s-v2.db", n, storetest.SchemaKey(migrations.SQLite()))
}

func openBench(b *testing.B, n int) crm.Store {
	return openSeeded(b, benchFile(n), fmt.Sprintf("%d contacts", n), func(ctx context.Context, raw *sql.DB) error {
		now := time.Now().UTC().Truncate(time.Microsecond)
		for _, q := range seedSQL {
			if _, err := raw.ExecContext(ctx, q.sql, q.args(now, n, n/10)...); err != nil {
				return fmt.Errorf("%w\n%s", err, q.sql)
			}
		}
		return nil
	})
}

func benchCache(b *testing.B) string {
	if d := os.Getenv("RAPPORT_BENCH_CACHE"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(d, "rapport-bench")
}

// openSeeded opens the cached database name, seeding it first when it is
// missing: the data set is built in a temporary file, migrated, filled by
// seed over a plain connection, and renamed into place only when complete,
// so an interrupted seed is never reused.
func openSeeded(b *testing.B, name, what string, seed func(ctx context.Context, raw *sql.DB) error) crm.Store {
	ctx := context.Background()
	path := filepath.Join(benchCache(b), name)
	if _, err := os.Stat(path); err != nil {
		seedFile(b, path, what, seed)
	}
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func seedFile(b *testing.B, path, what string, seed func(ctx context.Context, raw *sql.DB) error) {
	ctx := context.Background()
	tmp := path + ".seeding"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	start := time.Now()
	db, err := sqlite.Open(ctx, sqlite.Config{Path: tmp})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	db.Close()
	// The store made a search index for the temporary name; the cached
	// file gets its own when first opened under its real name.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + "-search.db" + suffix)
	}
	raw, err := sql.Open("sqlite", "file:"+tmp+"?_pragma=foreign_keys(1)&_time_format=sqlite")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	if err := seed(ctx, raw); err != nil {
		b.Fatalf("seed %s: %v", what, err)
	}
	if err := raw.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %s in %s (%s)", what, time.Since(start).Round(time.Second), path)
}

type seedStep struct {
	sql  string
	args func(now time.Time, contacts, customers int) []any
}

func noArgs(time.Time, int, int) []any { return nil }

// seedSQL fills the data set storetest.BenchOpener describes, in one
// transaction: recursive CTEs generate the rows inside SQLite.
var seedSQL = []seedStep{
	{`BEGIN`, noArgs},
	{`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 10)
	 INSERT INTO users (id, email, name, role, created_at) SELECT i, 'rep' || i || '@bench.example', 'rep', 'rep', $1 FROM s`,
		func(now time.Time, _, _ int) []any { return []any{now} }},
	{`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $2)
	 INSERT INTO customers (id, name, kind, status, owner_id, created_at, updated_at)
	 SELECT i, '客户' || i || '电子有限公司', 'customer', 'potential', NULLIF(i % 11, 0), $1, $1 FROM s`,
		func(now time.Time, _, customers int) []any { return []any{now, customers} }},
	{`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $2)
	 INSERT INTO contacts (id, customer_id, name, emails, phones, identities, owner_id, created_at, updated_at)
	 SELECT i, i % $3 + 1, '联系人' || i, '["c' || i || '@bench.example"]', '["' || printf('+86138%08d', i) || '"]',
	        'null', NULLIF(i % 11, 0), $1, $1 FROM s`,
		func(now time.Time, contacts, customers int) []any { return []any{now, contacts, customers} }},
	{`INSERT INTO contact_emails (contact_id, email) SELECT id, 'c' || id || '@bench.example' FROM contacts`, noArgs},
	{`INSERT INTO contact_phones (contact_id, phone) SELECT id, printf('+86138%08d', id) FROM contacts`, noArgs},
	{`COMMIT`, noArgs},
	// No ANALYZE: production databases are not analysed either, and with
	// statistics SQLite re-prepares statements on every new binding.
}

// BenchmarkUnanswered: the unanswered questions' list and teaching, on
// 50,000 waiting questions (5,000 different ones) in a fresh database.
func BenchmarkUnanswered(b *testing.B) {
	ctx := context.Background()
	path := testapp.FreshSQLite(b)
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	for _, q := range storetest.UnansweredSeed(50_000, 5_000) {
		if _, err := raw.Exec(q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	storetest.BenchUnanswered(b, db, 50_000, 5_000)
}
