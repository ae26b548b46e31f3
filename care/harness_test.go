package care_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

var ctx = context.Background()

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// local is a time in Asia/Shanghai, the default care zone.
func local(y, mo, d, h int) time.Time { return time.Date(y, time.Month(mo), d, h, 0, 0, 0, shanghai) }

type engine struct {
	name string
	open func(t testing.TB, url string) (*sqlstore.DB, string)
}

// engines are real SQLite and real PostgreSQL (when
// RAPPORT_TEST_POSTGRES_URL is set); open's url, when not empty, opens a
// second handle on the same database, as a second instance would.
var engines = []engine{
	{"sqlite", func(t testing.TB, url string) (*sqlstore.DB, string) {
		if url == "" {
			url = testapp.FreshSQLite(t)
		}
		db, err := sqlite.Open(ctx, sqlite.Config{Path: url})
		return migrated(t, db, err), url
	}},
	{"postgres", func(t testing.TB, url string) (*sqlstore.DB, string) {
		if url == "" {
			url = pgtest.FreshSchema(t, pgtest.URL(t))
		}
		db, err := postgres.Open(ctx, postgres.Config{URL: url, MaxConns: 4})
		return migrated(t, db, err), url
	}},
}

func migrated(t testing.TB, db *sqlstore.DB, err error) *sqlstore.DB {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// world is one store with a rep, a customer and what the tests add.
type world struct {
	db    *sqlstore.DB
	url   string
	clock *testkit.Clock
	box   *crm.Outbox
	care  *care.Service
	rep   *crm.User
	cust  *crm.Customer
	n     int
}

func newWorld(t testing.TB, e engine, cfg care.Config) *world {
	db, url := e.open(t, "")
	w := &world{db: db, url: url, clock: testkit.NewClock(local(2027, 1, 1, 0))}
	w.rep = &crm.User{Email: "rep@us.example", Name: "Li Rep", Role: crm.RoleRep}
	must(t, db.CreateUser(ctx, w.rep))
	w.cust = &crm.Customer{Name: "华强电子", Kind: crm.KindCustomer, Level: "A", Region: "深圳", OwnerID: &w.rep.ID}
	must(t, db.CreateCustomer(ctx, w.cust))
	w.box, w.care = w.service(t, db, cfg)
	return w
}

// service is one instance's care service over db, with its own outbox.
func (w *world) service(t testing.TB, db *sqlstore.DB, cfg care.Config) (*crm.Outbox, *care.Service) {
	box := crm.NewOutbox(crm.OutboxConfig{Store: db, Now: w.clock.Now, Senders: map[string]crm.Sender{
		crm.ChannelEmail: sender{}, crm.ChannelWeChat: wechatSender{}}})
	cfg.Store, cfg.Records, cfg.Outbox, cfg.Now = db, db, box, w.clock.Now
	s, err := care.New(cfg)
	must(t, err)
	return box, s
}

// contact adds a contact of the customer with a birthday ("" for none).
func (w *world) contact(t testing.TB, name, birthday string) *crm.Contact {
	w.n++
	k := &crm.Contact{Name: name, CustomerID: &w.cust.ID, Emails: []string{fmt.Sprintf("c%d@kunde.example", w.n)}}
	if birthday != "" {
		d, err := crm.ParseDate(birthday)
		must(t, err)
		k.Birthday = &d
	}
	must(t, w.db.CreateContact(ctx, k))
	return k
}

// conv gives a contact a conversation on channel whose last inbound
// message came at last.
func (w *world) conv(t testing.TB, k *crm.Contact, channel, account string, last time.Time) *crm.Conversation {
	w.n++
	addr := k.Emails[0]
	if channel == crm.ChannelWeChat {
		addr = fmt.Sprintf("openid-%d", w.n)
	}
	c := &crm.Conversation{Channel: channel, Account: account, Status: crm.ConvOpen, ContactID: &k.ID, AssigneeID: &w.rep.ID,
		CustomerID: k.CustomerID, LastMessageAt: last, LastInboundAt: &last, CreatedAt: last}
	must(t, w.db.CreateConversation(ctx, c))
	m := &crm.Message{ConversationID: c.ID, Channel: channel, Account: account, Direction: crm.DirectionIn,
		ExternalID: fmt.Sprintf("in-%d", w.n), From: crm.Address{Name: k.Name, Address: addr}, Text: "你好",
		SentAt: last, CreatedAt: last}
	must(t, w.db.CreateMessage(ctx, m, nil))
	return c
}

func (w *world) plan(t testing.TB, p crm.CarePlan) *crm.CarePlan {
	p.Enabled = true
	if p.Action == "" {
		p.Action = crm.CareActionSend
	}
	if p.Texts == nil {
		p.Texts = map[string]crm.CareText{"zh-CN": {Subject: "{{plan.name}}", Text: "{{contact.name}}，您好！{{order.number}}"}}
	}
	must(t, w.care.SavePlan(ctx, crm.Viewer{UserID: 0, Role: crm.RoleAdmin}, &p))
	return &p
}

// sweepUntil moves the clock in steps to end, sweeping at each.
func (w *world) sweepUntil(t *testing.T, end time.Time, step time.Duration) {
	for ; !w.clock.Now().After(end); w.clock.Add(step) {
		must(t, w.care.Sweep(ctx, w.clock.Now()))
	}
}

// occurrences lists (plan, contact, date, state) of every occurrence.
func (w *world) occurrences(t *testing.T) map[string]*crm.CareOccurrence {
	os, err := w.db.ListCareOccurrences(ctx, crm.CareOccurrenceFilter{Limit: 500})
	must(t, err)
	out := map[string]*crm.CareOccurrence{}
	for _, o := range os {
		out[fmt.Sprintf("%d/%d/%s", o.PlanID, o.ContactID, o.OccursOn)] = o
	}
	return out
}

func key(p *crm.CarePlan, k *crm.Contact, on string) string {
	return fmt.Sprintf("%d/%d/%s", p.ID, k.ID, on)
}

// sender accepts everything (the tests read what was queued).
type sender struct{}

func (sender) Send(context.Context, *crm.Outgoing) (*crm.SendResult, error) {
	return &crm.SendResult{}, nil
}

// wechatSender keeps WeChat's 48-hour window the way channels/wechat does:
// a text inside it, a template outside only on account "wx-tmpl".
type wechatSender struct{ sender }

func (wechatSender) CheckSend(_ context.Context, c *crm.Conversation, d *crm.Draft, now time.Time) error {
	if d.Template != "" {
		if c.Account != "wx-tmpl" {
			return crm.Errorf(crm.EINVALID, "no template message for %q", d.Template)
		}
		return nil
	}
	if c.LastInboundAt == nil || now.Sub(*c.LastInboundAt) >= 48*time.Hour {
		return crm.Errorf(crm.EINVALID, "outside WeChat's 48-hour window")
	}
	return nil
}
