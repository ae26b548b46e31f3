package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/webhook"
)

var ctx = context.Background()

// received is one request as the receiver saw it.
type received struct {
	header http.Header
	body   []byte
	at     time.Time // on the test's clock
}

// receiver is a webhook endpoint on 127.0.0.1 that answers each request
// with the next status of its script (0: hang until the caller gives up);
// past the script's end it answers 200.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	script []int
	got    []received
	now    func() time.Time // the test's clock, set by newWorld
}

func newReceiver(t testing.TB, script ...int) *receiver {
	rc := &receiver{script: script, now: time.Now}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, received{r.Header.Clone(), body, rc.now()})
		status := 200
		if len(rc.script) > 0 {
			status, rc.script = rc.script[0], rc.script[1:]
		}
		rc.mu.Unlock()
		if status == 0 {
			<-r.Context().Done() // the client timed out and hung up
			return
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) requests() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// world is a real SQLite store, a clock, a webhook pointing at a receiver
// and the dispatcher and deliverer wired as serve wires them.
type world struct {
	db    *sqlstore.DB
	clock *testkit.Clock
	hook  *crm.Webhook
	disp  *webhook.Dispatcher
	deliv *webhook.Deliverer
}

func newWorld(t testing.TB, url string, cfg webhook.Config, events ...string) *world {
	t.Helper()
	db, err := sqlite.Open(ctx, sqlite.Config{Path: testapp.FreshSQLite(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	w := &world{db: db, clock: testkit.NewClock(time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))}
	w.hook = &crm.Webhook{URL: url, Events: events, Secret: "whsec_independent"}
	must(t, db.CreateWebhook(ctx, w.hook))
	cfg.Store, cfg.Now = db, w.clock.Now
	if cfg.Client == nil {
		cfg.Client = webhook.Guard{AllowPrivate: true}.Client(cfg.Timeout)
	}
	w.deliv = webhook.NewDeliverer(cfg)
	w.disp = webhook.NewDispatcher(webhook.DispatchConfig{Store: db, Records: db, Now: w.clock.Now})
	return w
}

// deliver runs one delivery pass and returns how many it attempted.
func (w *world) deliver(t *testing.T) int {
	t.Helper()
	n, err := w.deliv.DeliverDue(ctx)
	must(t, err)
	return n
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// verifySignature checks a Rapport-Signature header the way a receiver in
// another language would, written from the docs, not with package webhook:
// HMAC-SHA256 over "<t>.<body>", hex, timestamp within 5 minutes.
func verifySignature(secret, header string, body []byte, now time.Time) bool {
	var ts, sig string
	for _, kv := range strings.Split(header, ",") {
		if v, ok := strings.CutPrefix(kv, "t="); ok {
			ts = v
		} else if v, ok := strings.CutPrefix(kv, "v1="); ok {
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		return false
	}
	m := hmac.New(sha256.New, []byte(secret))
	io.WriteString(m, ts+"."+string(body))
	want := hex.EncodeToString(m.Sum(nil))
	return hmac.Equal([]byte(want), []byte(sig))
}
