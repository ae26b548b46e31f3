package matcher_test

import "testing"

// postgresEngine is PostgreSQL, once store/postgres exists.
// TODO(matcher): open store/postgres here when it lands.
func postgresEngine() engine {
	return engine{name: "postgres", open: func(t testing.TB) testStore {
		skipWithoutPostgres(t)
		t.Skip("store/postgres does not exist yet")
		return nil
	}}
}
