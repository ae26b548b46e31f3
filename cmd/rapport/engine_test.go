package main

import (
	"context"
	"crypto/rand"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// engine is a fresh, empty database for one test, as RAPPORT_* variables.
type engine struct {
	name string
	vars []string
}

// engines returns a fresh SQLite data directory and, when
// RAPPORT_TEST_POSTGRES_URL is set, a fresh PostgreSQL schema: each
// end-to-end test runs on both.
func engines(t *testing.T) []engine {
	t.Helper()
	out := []engine{{name: "sqlite", vars: []string{"RAPPORT_DATA=" + t.TempDir()}}}
	if base := os.Getenv("RAPPORT_TEST_POSTGRES_URL"); base != "" {
		out = append(out, engine{name: "postgres", vars: []string{
			"RAPPORT_DATA=" + t.TempDir(),
			"RAPPORT_DATABASE_URL=" + freshSchema(t, base),
		}})
	}
	return out
}

// freshSchema creates an empty schema, dropped after the test, and returns
// base with search_path set to it (pgx passes unknown URL parameters to the
// server as run-time parameters).
func freshSchema(t *testing.T, base string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("RAPPORT_TEST_POSTGRES_URL: %v", err)
	}
	defer conn.Close(ctx)
	schema := "rapport_cmd_" + strings.ToLower(rand.Text()[:12])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// each runs f as a subtest per engine.
func each(t *testing.T, f func(t *testing.T, e engine)) {
	for _, e := range engines(t) {
		t.Run(e.name, func(t *testing.T) { f(t, e) })
	}
}
