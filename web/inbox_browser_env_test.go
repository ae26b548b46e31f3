package web_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// liveEnv is a real server for browser tests: SQLite, the real Ingester
// and Outbox on one event broker, and a Sender that records what leaves
// and waits for the test's go-ahead (so that "queued" can be seen before
// "sent"). Time is real: the outbox and presence run on it.
type liveEnv struct {
	*env
	ing     *crm.Ingester
	sender  *gatedSender
	beacons *beacons
	seq     int
}

// liveOpt changes a live env's parts before they start: its Senders, or
// the clock it runs on (real time by default).
type liveOpt func(*liveParts)

type liveParts struct {
	clocked bool                                              // the app's movable clock instead of real time
	senders []func(app *testapp.App, m map[string]crm.Sender) // replace or add Senders
}

func newLiveEnv(t *testing.T, opts ...liveOpt) *liveEnv {
	t.Helper()
	var p liveParts
	for _, o := range opts {
		o(&p)
	}
	sender := &gatedSender{next: make(chan struct{}, 8), sent: make(chan *crm.Outgoing, 8)}
	app := testapp.New(t, testapp.Options{RealTime: !p.clocked, Senders: func(a *testapp.App) map[string]crm.Sender {
		m := map[string]crm.Sender{crm.ChannelEmail: sender, crm.ChannelWeChat: sender}
		for _, f := range p.senders {
			f(a, m)
		}
		return m
	}})
	le := &liveEnv{env: newEnvOn(t, app), ing: app.Ingester, sender: sender, beacons: &beacons{image: make(chan struct{}, 1)}}
	le.serve(web.Config{}, web.Deps{Events: app.Events, Outbox: app.Outbox, Inbox: app.DB, Mailboxes: app.DB}, le.beacons.wrap)
	return le
}

// gatedSender records each outgoing message, sending it only when the
// test says so.
type gatedSender struct {
	next chan struct{}
	sent chan *crm.Outgoing
}

func (g *gatedSender) Send(ctx context.Context, m *crm.Outgoing) (*crm.SendResult, error) {
	select {
	case <-g.next:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	g.sent <- m
	return &crm.SendResult{ExternalID: fmt.Sprintf("sent-%d", m.MessageID), MessageRef: fmt.Sprintf("<out%d@rapport.example>", m.MessageID)}, nil
}

// beacons counts requests to /beacon?<name>: hostile mail calls it if
// any of its scripts ever runs, and its remote image loads it.
type beacons struct {
	mu    sync.Mutex
	hits  map[string]int
	image chan struct{} // the remote image was fetched
}

func (b *beacons) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/beacon" {
			b.mu.Lock()
			if b.hits == nil {
				b.hits = map[string]int{}
			}
			b.hits[r.URL.RawQuery]++
			b.mu.Unlock()
			if r.URL.RawQuery == "image" {
				select {
				case b.image <- struct{}{}:
				default:
				}
			}
			w.Header().Set("Content-Type", "image/gif")
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (b *beacons) get() map[string]int {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := map[string]int{}
	for k, v := range b.hits {
		out[k] = v
	}
	return out
}

// mail ingests an email from addr, as the email adapter would.
func (le *liveEnv) mail(t *testing.T, from, subject, text, html string, inReplyTo string) *crm.IngestResult {
	t.Helper()
	le.seq++
	id := fmt.Sprintf("<live%d@kunde.example>", le.seq)
	in := &crm.Inbound{Channel: crm.ChannelEmail, Account: "sales@rapport.example", ExternalID: id, MessageRef: id,
		From: crm.Address{Name: "王经理", Address: from}, To: []crm.Address{{Address: "sales@rapport.example"}},
		Subject: subject, Text: text, HTML: html, ReceivedAt: time.Now(), Raw: []byte("Subject: " + subject + "\r\n\r\n" + text)}
	if inReplyTo != "" {
		in.References = []string{inReplyTo}
	}
	res, err := le.ing.Ingest(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// browser opens a tab (in its own browser context, so with its own
// cookies, when parent is given) logged in as who.
func (le *liveEnv) browser(t *testing.T, parent context.Context, who string) context.Context {
	t.Helper()
	var ctx context.Context
	if parent == nil {
		ctx = browsertest.New(t)
	} else {
		var cancel context.CancelFunc
		ctx, cancel = chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
		t.Cleanup(cancel)
		// The first action makes the tab, which lives as long as the
		// context it gets: no timeout on this one.
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
	}
	do(t, ctx, chromedp.Navigate(le.srv.URL+"/login?lang=en"),
		chromedp.SetValue(`input[name=email]`, who+"@example.com"),
		chromedp.SetValue(`input[name=password]`, password),
		chromedp.Click(`form[action="/login"] button[type=submit]`),
		chromedp.WaitVisible(`#inbox`))
	return ctx
}

// do runs actions with a bound, so that a broken page fails the test
// instead of hanging it.
func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for _, a := range actions {
		if err := chromedp.Do(c, a); err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
}

// loads runs steps that replace the page (a form submitted, a link
// followed) and returns once the next page has loaded. Waiting for a
// selector instead can match the page being left, and the step after it
// then reaches for a node that is gone ("Could not find node with given
// id"), which a loaded machine makes likely.
func loads(steps ...chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.RunResponse(ctx, steps...)
		return chromedp.Void{}, err
	}
}

// waitFor polls a JavaScript condition in the page until it holds.
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// screenshot saves the page as name.png in $RAPPORT_SCREENSHOTS, by
// default artifacts/screenshots at the repository's root.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("RAPPORT_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "artifacts", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func jsContains(js, s string) string {
	return fmt.Sprintf("(%s || '').includes(%q)", js, s)
}
