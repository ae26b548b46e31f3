package wechat_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/wechat"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// engines are the stores the tests run on: SQLite, and PostgreSQL when
// RAPPORT_TEST_POSTGRES_URL is set.
func engines() []string {
	if os.Getenv("RAPPORT_TEST_POSTGRES_URL") == "" {
		return []string{"sqlite"}
	}
	return []string{"sqlite", "postgres"}
}

// opener returns how to open (and migrate) the test's database: a handle
// per call, as each instance of Rapport has its own.
func (e *env) opener(t testing.TB, engine string) func() *sqlstore.DB {
	path := testapp.FreshSQLite(t)
	url := ""
	if engine == "postgres" {
		url = pgtest.FreshSchema(t, pgtest.URL(t))
	}
	return func() *sqlstore.DB {
		var db *sqlstore.DB
		var err error
		if engine == "postgres" {
			db, err = postgres.Open(ctx, postgres.Config{URL: url, Now: e.clock.Now, MaxConns: 8})
		} else {
			db, err = sqlite.Open(ctx, sqlite.Config{Path: path, Now: e.clock.Now})
		}
		check(t, err)
		t.Cleanup(func() { db.Close() })
		_, err = db.Migrate(ctx)
		check(t, err)
		return db
	}
}

// instance starts another Rapport instance on e's database: its own store
// handle (on SQLite the same one: one process owns the file), ingest
// writer and callback. It returns the callback's URL.
func (e *env) instance(t testing.TB, engine string) string {
	db := e.db
	if engine == "postgres" {
		db = e.open()
	}
	ing := crm.NewIngester(crm.IngestConfig{Store: db, Matcher: matcher.New(matcher.Config{}), Now: e.clock.Now})
	ch := wechat.New(wechat.Config{Store: db, Ingester: ing, Blobs: e.blobs,
		HTTPClient: &http.Client{Timeout: 2 * time.Second}, Now: e.clock.Now, Instance: "b"})
	run(t, ing.Run)
	srv := httptest.NewServer(ch)
	t.Cleanup(srv.Close)
	return srv.URL
}
