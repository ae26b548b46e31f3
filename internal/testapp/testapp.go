// Package testapp starts Rapport's core for a test the way `rapport serve`
// wires it: a migrated SQLite store, the ingest writer with the real
// matcher, the outbox and one event broker, on a clock the test moves. It is
// the one test-app factory (pocketbase's tests.NewTestApp is the model):
// a package's harness adds only what is its own — a channel, an HTTP
// server, users — instead of rebuilding the core under a name of its own.
//
//	app := testapp.New(t, testapp.Options{})
//	res, err := app.Ingester.Ingest(ctx, in, nil)
//	app.Clock.Add(time.Hour)
//
// Tests that open SQLite by hand for anything but SQLite itself use New.
// Only test code imports this package.
package testapp

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/files"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// Start is the clock's default start: a Monday morning.
var Start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Options say what differs from the default app.
type Options struct {
	Start    time.Time    // the clock's start; zero: Start
	RealTime bool         // Now is time.Now, for live browser tests (Clock is then unused)
	Path     string       // an existing database file to open again (a restart); "": a fresh one
	DB       *sqlstore.DB // a store the test opened (PostgreSQL, say) and closes; nil: SQLite, closed by Stop
	Blobs    bool         // a blob store (attachments, media) in the test's folder

	// Senders are the outbox's senders by channel; it is called once the
	// store, the ingester and the blob store exist. nil: no outbox.
	Senders func(*App) map[string]crm.Sender
	// Ingest and Outbox adjust the configs before the parts are made.
	Ingest func(*crm.IngestConfig)
	Outbox func(*crm.OutboxConfig)
}

// App is the running core. Everything stops, in order, when the test ends.
type App struct {
	DB       *sqlstore.DB
	Path     string // the SQLite database file; "" with Options.DB
	Clock    *testkit.Clock
	Now      func() time.Time // Clock.Now, or time.Now with RealTime
	Events   *crm.Broker
	Ingester *crm.Ingester
	Outbox   *crm.Outbox   // nil without Options.Senders
	Blobs    crm.BlobStore // nil without Options.Blobs

	cancel context.CancelFunc
	ctx    context.Context
	wg     sync.WaitGroup
	stop   sync.Once
	ownDB  bool // opened here, so closed here
}

// New opens, migrates and wires the core, starts its loops and stops them
// when the test ends.
func New(t testing.TB, o Options) *App {
	t.Helper()
	start := o.Start
	if start.IsZero() {
		start = Start
	}
	a := &App{Clock: testkit.NewClock(start), Events: crm.NewBroker(), Path: o.Path, ownDB: o.DB == nil}
	a.Now = a.Clock.Now
	if o.RealTime {
		a.Now = time.Now
	}
	if a.Path == "" && o.DB == nil {
		a.Path = FreshSQLite(t)
	}
	a.ctx, a.cancel = context.WithCancel(context.Background())
	a.DB = o.DB
	if a.DB == nil {
		db, err := sqlite.Open(a.ctx, sqlite.Config{Path: a.Path, Now: a.Now})
		if err != nil {
			t.Fatal(err)
		}
		a.DB = db
	}
	t.Cleanup(a.Stop)
	if _, err := a.DB.Migrate(a.ctx); err != nil {
		t.Fatal(err)
	}
	if o.Blobs {
		// Beside the database, so that a restart (New with Path) finds them.
		dir := t.TempDir()
		if a.Path != "" {
			dir = filepath.Dir(a.Path)
		}
		var err error
		if a.Blobs, err = files.New(filepath.Join(dir, "blobs"), 100<<20); err != nil {
			t.Fatal(err)
		}
	}
	a.wire(o)
	a.Run(a.Ingester.Run)
	if a.Outbox != nil {
		a.Run(a.Outbox.Run)
	}
	return a
}

func (a *App) wire(o Options) {
	a.Ingester = crm.NewIngester(a.ingestConfig(o.Ingest))
	if o.Senders == nil {
		return
	}
	oc := crm.OutboxConfig{Store: a.DB, Senders: o.Senders(a), Events: a.Events, Now: a.Now}
	if o.Outbox != nil {
		o.Outbox(&oc)
	}
	a.Outbox = crm.NewOutbox(oc)
}

func (a *App) ingestConfig(adjust func(*crm.IngestConfig)) crm.IngestConfig {
	ic := crm.IngestConfig{Store: a.DB, Matcher: matcher.New(matcher.Config{}), Events: a.Events, Now: a.Now}
	if adjust != nil {
		adjust(&ic)
	}
	return ic
}

// IngesterWith starts another ingest writer on the app's store, its config
// adjusted (new leads to a team the test made, say), running until the app
// stops.
func (a *App) IngesterWith(adjust func(*crm.IngestConfig)) *crm.Ingester {
	ing := crm.NewIngester(a.ingestConfig(adjust))
	a.Run(ing.Run)
	return ing
}

// Run runs loops (a channel's workers, say) until the app stops.
func (a *App) Run(loops ...func(context.Context) error) {
	for _, loop := range loops {
		a.wg.Go(func() { _ = loop(a.ctx) })
	}
}

// Stop ends the loops, waits for them and closes the store it opened, as a process
// that ends would; a test simulating a crash calls it, then New with Path.
// It runs once; the test's end calls it too.
func (a *App) Stop() {
	a.stop.Do(func() {
		a.cancel()
		a.wg.Wait()
		if a.ownDB {
			a.DB.Close()
		}
	})
}
