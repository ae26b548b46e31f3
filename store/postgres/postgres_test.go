package postgres_test

import (
	"context"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/store/storetest"
)

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
	db := openAt(t, pgtest.FreshSchema(t, pgtest.URL(t)))
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestStore is this engine's one run of the conformance suite (store/storetest).
func TestStore(t *testing.T) {
	t.Parallel()
	storetest.Run(t, open, matcher.New(matcher.Config{}))
}

// TestScheduler stands beside TestStore because it needs two handles on one
// database. It runs two schedulers on two connection pools of one
// schema: two instances on one PostgreSQL.
func TestScheduler(t *testing.T) {
	t.Parallel()
	storetest.RunScheduler(t, func(t *testing.T) (crm.Store, crm.Store) {
		u := pgtest.FreshSchema(t, pgtest.URL(t))
		a := openAt(t, u)
		if _, err := a.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return a, openAt(t, u)
	})
}
