package sqlite_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/matcher"
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
	path := testapp.FreshSQLite(t)
	db := openAt(t, path)
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	storetest.RunUnansweredBackfill(t, db, func(q string) {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}, func() {
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}
