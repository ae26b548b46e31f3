package bot

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

var ctx = context.Background()

// world is a real SQLite store with the ingest door, the outbox (its
// channels record what they are asked to send) and a bot, on a clock the
// test moves.
type world struct {
	db  *sqlstore.DB
	ing *crm.Ingester
	box *crm.Outbox
	bot *Bot
	mu  sync.Mutex
	now time.Time
	seq atomic.Int64
	rep *crm.User
}

type nopSender struct{}

func (nopSender) Send(context.Context, *crm.Outgoing) (*crm.SendResult, error) {
	return &crm.SendResult{}, nil
}

func newWorld(t testing.TB) *world {
	db, err := sqlite.Open(ctx, sqlite.Config{Path: testapp.FreshSQLite(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// Tuesday 2026-12-01 10:00 in Shanghai.
	w := &world{db: db, now: time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)}
	w.ing = crm.NewIngester(crm.IngestConfig{Store: db, Matcher: matcher.New(matcher.Config{}), Now: w.clock})
	run, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { w.ing.Run(run); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	senders := map[string]crm.Sender{crm.ChannelWeChat: nopSender{}, crm.ChannelEmail: nopSender{}}
	w.box = crm.NewOutbox(crm.OutboxConfig{Store: db, Senders: senders, Now: w.clock})
	w.bot = New(Config{Store: db, Outbox: w.box, Now: w.clock, OwnDomains: []string{"rapport.example"}})
	w.rep = &crm.User{Email: "rep@rapport.example", Name: "Rep", Role: crm.RoleRep}
	if err := db.CreateUser(ctx, w.rep); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *world) advance(d time.Duration) {
	w.mu.Lock()
	w.now = w.now.Add(d)
	w.mu.Unlock()
}

// push ingests a WeChat message (or event, with its adapter's key and text)
// from openid.
func (w *world) push(t testing.TB, openid, text, event string) *crm.IngestResult {
	t.Helper()
	id := fmt.Sprint(1000 + w.seq.Add(1))
	if event != "" {
		id = fmt.Sprintf("%s-%d-%s", openid, w.seq.Add(1), event)
	}
	// A follower's pushes share a thread reference: the test does not
	// depend on how ingest groups a follower's messages (one follower = one
	// conversation is being built on the wechat branch).
	thread := "test-follower-" + openid
	res, err := w.ing.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelWeChat, Account: "wx1", ExternalID: id,
		References: []string{thread}, MessageRef: thread,
		From: crm.Address{Address: openid}, Identity: &crm.Identity{Kind: crm.IdentityWeChat, Key: "wx1", Value: openid},
		Text: text, ReceivedAt: w.clock(), Automated: event == "unsubscribe"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (w *world) mail(t testing.TB, from, subject, text string, automated bool) *crm.IngestResult {
	t.Helper()
	id := fmt.Sprintf("<m%d@mail.example>", w.seq.Add(1))
	res, err := w.ing.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelEmail, Account: "mb1", ExternalID: id, MessageRef: id,
		From: crm.Address{Address: from}, Subject: subject, Text: text, ReceivedAt: w.clock(), Automated: automated}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// decide runs the bot on a message and returns the decision and the text
// it queued ("" when none).
func (w *world) decide(t testing.TB, res *crm.IngestResult) (*crm.BotDecision, string) {
	t.Helper()
	d, err := w.bot.Decide(ctx, res.MessageID)
	if err != nil {
		t.Fatal(err)
	}
	if d == nil || d.ReplyMessageID == nil {
		return d, ""
	}
	m, err := w.db.InboxMessage(ctx, crm.System, *d.ReplyMessageID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Direction != crm.DirectionOut || !m.Automated || m.Delivery != crm.DeliveryQueued {
		t.Fatalf("the answer %+v: want an automatic outbound message, queued", m)
	}
	return d, m.Text
}
