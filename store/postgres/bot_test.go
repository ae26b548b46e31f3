package postgres_test

import (
	"context"
	"testing"

	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/storetest"
)

func TestBot(t *testing.T) {
	t.Parallel()
	storetest.RunBot(t, open, matcher.New(matcher.Config{}))
}

// TestUnansweredBackfill: migration 0048 on a database that has unsure
// hand-offs already.
func TestUnansweredBackfill(t *testing.T) {
	t.Parallel()
	u := pgtest.FreshSchema(t, pgtest.URL(t))
	db := openAt(t, u)
	migrate := func() {
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	migrate()
	storetest.RunUnansweredBackfill(t, db, func(q string) { pgtest.Exec(t, u, q) }, migrate)
}
