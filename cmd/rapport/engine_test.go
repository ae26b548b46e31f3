package main

import (
	"os"
	"testing"

	"github.com/rapport-crm/rapport/store/postgres/pgtest"
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
			"RAPPORT_DATABASE_URL=" + pgtest.FreshSchema(t, base),
		}})
	}
	return out
}

// each runs f as a subtest per engine.
func each(t *testing.T, f func(t *testing.T, e engine)) {
	for _, e := range engines(t) {
		t.Run(e.name, func(t *testing.T) { f(t, e) })
	}
}
