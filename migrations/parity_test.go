package migrations_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlite"
)

// dialectOnly lists what one engine declares and the other need not, each
// with its reason. Anything else that differs fails the test.
var dialectOnly = map[string]string{
	// PostgreSQL searches the inbox through pg_trgm GIN indexes on the
	// messages table; SQLite keeps an FTS5 index in a file of its own
	// (store/sqlite/search*.go, migration 0010).
	"postgres index messages_search ": "search index",
	// The record pickers' name search: a GIN index of characters and
	// pairs on PostgreSQL (0044), an FTS5 trigram table and its shadow
	// tables on SQLite (0025).
	"postgres index customers_pick_grams ": "picker index",
	"sqlite table customer_names":          "picker index",
	"sqlite column customer_names":         "picker index",
}

// TestSchemasAgree applies both migration sets to real engines and
// compares what their catalogs say: the same tables, the same columns with
// the same nullability, the same indexes (columns, uniqueness, partial)
// and the same foreign keys (columns, target, what a delete does).
func TestSchemasAgree(t *testing.T) {
	ctx := context.Background()
	url := pgtest.FreshSchema(t, pgtest.URL(t))
	pg, err := postgres.Open(ctx, postgres.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if _, err := pg.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.db")
	lite, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if _, err := lite.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, d := range diff("postgres", postgresCatalog(t, url), "sqlite", sqliteCatalog(t, path)) {
		k := allowedKey(d)
		if k == "" {
			t.Errorf("%s: the other engine does not declare it (add it to that engine's migrations, or to dialectOnly with the reason)", d)
		}
		used[k] = true
	}
	for k := range dialectOnly {
		if !used[k] {
			t.Errorf("dialectOnly lists %q, which both engines now agree on: remove it", k)
		}
	}
}

// allowedKey is the dialectOnly key that lets d be declared by one engine
// only, or "". A key is the start of a catalog line, engine first.
func allowedKey(d string) string {
	for k := range dialectOnly {
		if strings.HasPrefix(d, k) {
			return k
		}
	}
	return ""
}

// diff names what each catalog holds that the other does not.
func diff(an string, a []string, bn string, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, an+" "+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, bn+" "+x)
		}
	}
	return out
}
