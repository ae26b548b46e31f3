package email_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/rapport-crm/rapport/channels/email"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/files"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

const benchMessages = 10000

// BenchmarkPollIngest ingests a 10,000-message mailbox from go-imap's
// server on 127.0.0.1 into a fresh store per run, end to end (fetch, parse,
// thread, match, commit with cursors), and reports msgs/s and the ratio to
// a bare UID FETCH of the same mailbox measured in the same run:
//
//	RAPPORT_TEST_POSTGRES_URL=… go test ./channels/email -run '^$' -bench PollIngest -benchtime 1x
func BenchmarkPollIngest(b *testing.B) {
	srv := startIMAP(b)
	for i := range benchMessages {
		srv.deliver(b, "INBOX", benchMail(i))
	}
	engines := []struct {
		name string
		open func(b *testing.B) *sqlstore.DB
	}{
		{"sqlite", openBenchSQLite},
		{"postgres", openBenchPostgres},
	}
	for _, eng := range engines {
		b.Run(eng.name, func(b *testing.B) {
			for range b.N {
				bare := bareFetchRate(b, srv.proxy.port())
				b.StopTimer()
				db := eng.open(b)
				b.StartTimer()
				rate := pollIngestRate(b, db, srv.proxy.port())
				b.StopTimer()
				ceiling := ingestOnlyRate(b, eng.open(b))
				b.StartTimer()
				b.ReportMetric(rate, "msgs/s")
				b.ReportMetric(bare, "fetch-msgs/s")
				b.ReportMetric(rate/bare, "ratio")
				b.ReportMetric(ceiling, "ingest-only-msgs/s")
			}
		})
	}
}

// benchMail is a 1.5 KB message; 500 senders write 20 messages each.
func benchMail(i int) []byte {
	from := fmt.Sprintf("客户%d <buyer%d@company%d.example>", i%500, i%500, i%50)
	body := fmt.Sprintf("您好，关于订单 %d 的报价，请尽快回复。", i)
	for len(body) < 1200 {
		body += " Please confirm the delivery date and the quantity for this order."
	}
	return mail(from, "订单 "+strconv.Itoa(i), fmt.Sprintf("bench-%d@company.example", i), "X-Body: "+strconv.Itoa(len(body)))
}

func openBenchSQLite(b *testing.B) *sqlstore.DB {
	db, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(b.TempDir(), "r.db")})
	if err != nil {
		b.Fatal(err)
	}
	return migrated(b, db)
}

func openBenchPostgres(b *testing.B) *sqlstore.DB {
	db, err := postgres.Open(context.Background(), postgres.Config{URL: pgtest.FreshSchema(b, pgtest.URL(b))})
	if err != nil {
		b.Fatal(err)
	}
	return migrated(b, db)
}

func migrated(b *testing.B, db *sqlstore.DB) *sqlstore.DB {
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return db
}

// pollIngestRate runs a poller on a new mailbox until every message is
// stored, and returns messages per second.
func pollIngestRate(b *testing.B, db *sqlstore.DB, port int) float64 {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	blobs, err := files.New(filepath.Join(b.TempDir(), "blobs"), 100<<20)
	if err != nil {
		b.Fatal(err)
	}
	mb := &crm.Mailbox{Name: "Bench", Address: imapUser, IMAPHost: "127.0.0.1", IMAPPort: port,
		IMAPTLS: crm.SecurityNone, Username: imapUser, Password: imapPass, SMTPHost: "127.0.0.1", SMTPPort: 25,
		SMTPTLS: crm.SecurityNone, Enabled: true}
	if err := db.CreateMailbox(ctx, mb); err != nil {
		b.Fatal(err)
	}
	ing := crm.NewIngester(crm.IngestConfig{Store: db, Matcher: matcher.New(matcher.Config{})})
	cnt := &countingIngester{inner: ing, want: benchMessages, done: make(chan struct{})}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	wg.Go(func() { ing.Run(ctx) }) //nolint:errcheck
	p := email.NewPoller(email.PollerConfig{Store: db, Ingester: cnt, Blobs: blobs, Holder: "bench"}, mb.ID)
	start := time.Now()
	wg.Go(func() { p.Run(ctx) }) //nolint:errcheck
	select {
	case <-cnt.done:
	case <-time.After(10 * time.Minute):
		b.Fatalf("stored %d of %d", cnt.stored, benchMessages)
	}
	return benchMessages / time.Since(start).Seconds()
}

// ingestOnlyRate is the store's ceiling for the same mail: the messages
// parsed beforehand, then given to the Ingester by as many goroutines as
// the poller's workers, with no IMAP at all.
func ingestOnlyRate(b *testing.B, db *sqlstore.DB) float64 {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	ing := crm.NewIngester(crm.IngestConfig{Store: db, Matcher: matcher.New(matcher.Config{})})
	wg.Go(func() { ing.Run(ctx) }) //nolint:errcheck
	ins := make(chan *crm.Inbound, benchMessages)
	for i := range benchMessages {
		raw := benchMail(i)
		p, err := email.Parse(ctx, raw, nil)
		if err != nil {
			b.Fatal(err)
		}
		p.In.Account, p.In.ExternalID, p.In.ReceivedAt = "1", email.ExternalID(raw), time.Now()
		ins <- &p.In
	}
	close(ins)
	start := time.Now()
	var work sync.WaitGroup
	for range 64 {
		work.Go(func() {
			for in := range ins {
				if _, err := ing.Ingest(ctx, in, nil); err != nil {
					b.Error(err)
				}
			}
		})
	}
	work.Wait()
	return benchMessages / time.Since(start).Seconds()
}

type countingIngester struct {
	inner  crm.MessageIngester
	mu     sync.Mutex
	stored int
	want   int
	done   chan struct{}
}

func (c *countingIngester) Ingest(ctx context.Context, in *crm.Inbound, cur *crm.Cursor) (*crm.IngestResult, error) {
	res, err := c.inner.Ingest(ctx, in, cur)
	if err == nil && !res.Duplicate {
		c.mu.Lock()
		if c.stored++; c.stored == c.want {
			close(c.done)
		}
		c.mu.Unlock()
	}
	return res, err
}

// bareFetchRate is the ceiling: one connection reading every message with
// UID FETCH 1:* BODY.PEEK[] into memory, as the poller reads them.
func bareFetchRate(b *testing.B, port int) float64 {
	c, err := imapclient.DialInsecure("127.0.0.1:"+strconv.Itoa(port), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(imapUser, imapPass).Wait(); err != nil {
		b.Fatal(err)
	}
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var set imap.UIDSet
	set.AddRange(1, 0)
	cmd := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	n := 0
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		if _, err := msg.Collect(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := cmd.Close(); err != nil || n != benchMessages {
		b.Fatalf("fetched %d: %v", n, err)
	}
	return float64(n) / time.Since(start).Seconds()
}
