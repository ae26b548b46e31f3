package email_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/email"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/files"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// hang guards a wait that should end at once; it is not a timing claim.
const hang = 60 * time.Second

// world is a real SQLite store, blob store, Ingester and Outbox with the
// email channel between an IMAP server and an SMTP sink on 127.0.0.1.
type world struct {
	t      *testing.T
	db     *sqlstore.DB
	blobs  *files.Store
	ing    *recordingIngester
	box    *crm.Outbox
	imap   *imapServer
	smtp   *smtpSink
	mb     *crm.Mailbox
	dbPath string
	pgURL  string         // set: the store is PostgreSQL in this schema
	match  matcher.Config // the Ingester's matcher
	events chan crm.Event // the Outbox's: queued, sent, failed, bounced
}

func (w *world) Publish(e crm.Event) {
	select {
	case w.events <- e:
	default:
	}
}

// message waits for Outbox events until the outbound message id satisfies ok.
func (w *world) message(convID, id int64, ok func(*crm.Message) bool) *crm.Message {
	w.t.Helper()
	for {
		l, err := w.db.Messages(context.Background(), crm.System, convID, crm.Page{})
		if err != nil {
			w.t.Fatal(err)
		}
		for _, m := range l.Items {
			if m.ID == id && ok(m) {
				return m
			}
		}
		select {
		case <-w.events:
		case <-time.After(hang):
			w.t.Fatalf("message %d never reached the state wanted", id)
		}
	}
}

func newWorld(t *testing.T) *world {
	t.Helper()
	return newWorldOn(t, "sqlite", matcher.Config{})
}

// newWorldOn is a world on the named engine ("sqlite", or "postgres" in a
// fresh schema) with the matcher configured by match.
func newWorldOn(t *testing.T, engine string, match matcher.Config) *world {
	t.Helper()
	w := &world{t: t, imap: startIMAP(t), smtp: startSMTP(t), dbPath: filepath.Join(t.TempDir(), "r.db"),
		events: make(chan crm.Event, 1000), match: match}
	if engine == "postgres" {
		w.pgURL = pgtest.FreshSchema(t, pgtest.URL(t))
	}
	w.openStore()
	w.mb = &crm.Mailbox{Name: "Support", Address: imapUser, IMAPHost: "127.0.0.1", IMAPPort: w.imap.proxy.port(),
		IMAPTLS: crm.SecurityNone, Username: imapUser, Password: imapPass, SMTPHost: "127.0.0.1",
		SMTPPort: w.smtp.port, SMTPTLS: crm.SecurityNone, SentFolder: "Sent", SyncDays: 30, Enabled: true}
	if err := w.db.CreateMailbox(context.Background(), w.mb); err != nil {
		t.Fatal(err)
	}
	return w
}

// openStore opens (again, after a simulated crash) the store and starts
// an Ingester and an Outbox on it.
func (w *world) openStore() {
	t := w.t
	ctx, cancel := context.WithCancel(context.Background())
	db, err := w.open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if w.blobs, err = files.New(filepath.Join(filepath.Dir(w.dbPath), "blobs"), 100<<20); err != nil {
		t.Fatal(err)
	}
	ing := crm.NewIngester(crm.IngestConfig{Store: db, Matcher: matcher.New(w.match)})
	w.db, w.ing = db, &recordingIngester{inner: ing, results: make(chan seen, 100000)}
	sender := email.NewSender(email.SenderConfig{Mailboxes: db, Blobs: w.blobs})
	w.box = crm.NewOutbox(crm.OutboxConfig{Store: db, Senders: map[string]crm.Sender{crm.ChannelEmail: sender},
		Backoff: func(int) time.Duration { return time.Millisecond }, MaxAttempts: 3, Events: w})
	var wg sync.WaitGroup
	wg.Go(func() { ing.Run(ctx) })   //nolint:errcheck
	wg.Go(func() { w.box.Run(ctx) }) //nolint:errcheck
	t.Cleanup(func() { cancel(); wg.Wait(); db.Close() })
}

func (w *world) open(ctx context.Context) (*sqlstore.DB, error) {
	if w.pgURL != "" {
		return postgres.Open(ctx, postgres.Config{URL: w.pgURL, MaxConns: 4})
	}
	return sqlite.Open(ctx, sqlite.Config{Path: w.dbPath})
}

// engines are the stores a test runs on: SQLite, and PostgreSQL when
// RAPPORT_TEST_POSTGRES_URL is set.
func engines() []string {
	if os.Getenv("RAPPORT_TEST_POSTGRES_URL") == "" {
		return []string{"sqlite"}
	}
	return []string{"sqlite", "postgres"}
}

// poller starts a poller under holder; stop ends it and waits.
func (w *world) poller(holder string, ing crm.MessageIngester) (stop func()) {
	return w.pollerWith(holder, ing, func(*email.PollerConfig) {})
}

// pollerWith starts a poller whose config edit changed first.
func (w *world) pollerWith(holder string, ing crm.MessageIngester, edit func(*email.PollerConfig)) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	cfg := email.PollerConfig{Store: w.db, Ingester: ing, Deliveries: w.box, Blobs: w.blobs,
		Holder: holder, Logger: slog.New(slog.NewTextHandler(testWriter{w.t}, nil)), Backoff: func(int) time.Duration { return time.Millisecond },
		IdleFor: time.Hour, PollEvery: time.Hour, Batch: 3, Workers: 4}
	edit(&cfg)
	p := email.NewPoller(cfg, w.mb.ID)
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }() //nolint:errcheck
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			<-done
		}
	}
	w.t.Cleanup(stop)
	return stop
}

// testWriter sends log lines to the test's log.
type testWriter struct{ t *testing.T }

func (tw testWriter) Write(p []byte) (int, error) {
	tw.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// recordingIngester passes messages to the real Ingester and reports each
// result, duplicates included, so tests wait on events instead of sleeping.
type recordingIngester struct {
	inner   crm.MessageIngester
	results chan seen
	// failAfter, when set, fails every Ingest after that many calls, like
	// a process dying between fetching and committing.
	mu        sync.Mutex
	calls     int
	failAfter int
	byRef     map[string]*crm.IngestResult
	crashed   chan struct{} // closed at the first simulated failure
	crashOnce sync.Once
}

func (r *recordingIngester) lookup(ref string) *crm.IngestResult {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byRef[ref]
}

func (r *recordingIngester) Ingest(ctx context.Context, in *crm.Inbound, cur *crm.Cursor) (*crm.IngestResult, error) {
	r.mu.Lock()
	r.calls++
	fail := r.failAfter > 0 && r.calls > r.failAfter
	r.mu.Unlock()
	if fail {
		r.crashOnce.Do(func() { close(r.crashed) })
		return nil, fmt.Errorf("simulated crash before commit")
	}
	res, err := r.inner.Ingest(ctx, in, cur)
	if err == nil {
		r.mu.Lock()
		if r.byRef == nil {
			r.byRef = map[string]*crm.IngestResult{}
		}
		r.byRef[in.MessageRef] = res
		r.mu.Unlock()
		r.results <- seen{in.MessageRef, res}
	}
	return res, err
}

// seen is one ingest result with its message's Message-ID.
type seen struct {
	ref string
	res *crm.IngestResult
}

// waitFor reads results until every ref was ingested (stored or found a
// duplicate) and returns, by ref, the results seen.
func (r *recordingIngester) waitFor(t *testing.T, refs ...string) map[string][]*crm.IngestResult {
	t.Helper()
	got := map[string][]*crm.IngestResult{}
	missing := func() int {
		n := 0
		for _, ref := range refs {
			if len(got[ref]) == 0 {
				n++
			}
		}
		return n
	}
	for missing() > 0 {
		select {
		case s := <-r.results:
			got[s.ref] = append(got[s.ref], s.res)
		case <-time.After(hang):
			t.Fatalf("waited for %v; saw %v", refs, got)
		}
	}
	return got
}

func readerOf(b []byte) *strings.Reader { return strings.NewReader(string(b)) }

func mail(from, subject, id string, extra ...string) []byte {
	h := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", from, imapUser, subject,
		time.Now().Format(time.RFC1123Z))
	if id != "" {
		h += "Message-ID: <" + id + ">\r\n"
	}
	for _, e := range extra {
		h += e + "\r\n"
	}
	return []byte(h + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello " + subject + "\r\n")
}
