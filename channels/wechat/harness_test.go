package wechat_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"text/template"
	"time"

	"github.com/rapport-crm/rapport/channels/wechat"
	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/files"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

var ctx = context.Background()

// client keeps connections open, as WeChat's pushers do.
var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

// clock is the injected Now, moved by tests, with the forms WeChat's
// timestamps take.
type clock struct{ *testkit.Clock }

func newClock() *clock                   { return &clock{testkit.NewClock(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))} }
func (c *clock) Move(d time.Duration)    { c.Add(d) }
func (c *clock) Unix() int64             { return c.Now().Unix() }
func (c *clock) UnixNano() int64         { return c.Now().UnixNano() }
func (c *clock) Stamp() string           { return fmt.Sprint(c.Unix()) }
func (c *clock) since(t time.Time) int64 { return int64(c.Now().Sub(t) / time.Second) }

// env is a real SQLite store, the ingest writer, the outbox, the fake
// WeChat API and the channel's callback on 127.0.0.1.
type env struct {
	db      *sqlstore.DB
	clock   *clock
	api     *wechattest.Server
	ch      *wechat.Channel
	box     *crm.Outbox
	srv     *httptest.Server
	account *crm.WeChatAccount
	blobs   crm.BlobStore
	ing     *recIngester
	open    func() *sqlstore.DB
	logs    *testkit.SyncBuffer // the channel's log
}

const (
	appID  = "wxtest0001"
	aesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
)

func newEnv(t testing.TB) *env { return newEnvOn(t, "sqlite") }

// newEnvOn is newEnv on engine ("sqlite" or "postgres", in a fresh schema).
func newEnvOn(t testing.TB, engine string) *env {
	t.Helper()
	e := &env{clock: newClock(), api: wechattest.New(t), logs: &testkit.SyncBuffer{}}
	e.open = e.opener(t, engine)
	e.db = e.open()
	var err error
	e.blobs, err = files.New(filepath.Join(t.TempDir(), "blobs"), 50<<20)
	check(t, err)
	e.account = &crm.WeChatAccount{AppID: appID, AppSecret: "s3cret", Token: "tok", EncodingAESKey: aesKey,
		Mode: crm.WeChatCompatible, APIBase: e.api.URL,
		Templates: map[string]crm.WeChatTemplate{"care": {ID: "TPL-care", Fields: map[string]string{"first": "text", "keyword1": "name"}},
			"notice":   {ID: "SUB-care", Subscribe: true, URL: "pages/care", Fields: map[string]string{"thing1": "contact.name", "thing2": "text"}},
			"reminder": {ID: "TPL-reminder", Fields: map[string]string{"first": "title", "keyword1": "text"}}}}
	check(t, e.db.CreateWeChatAccount(ctx, e.account))
	ing := &recIngester{Ingester: crm.NewIngester(crm.IngestConfig{Store: e.db, Matcher: matcher.New(matcher.Config{}),
		Now: e.clock.Now})}
	e.ing = ing
	e.ch = e.channel(ing, "a")
	e.box = crm.NewOutbox(crm.OutboxConfig{Store: e.db, Senders: map[string]crm.Sender{crm.ChannelWeChat: e.ch},
		Now: e.clock.Now, MaxAttempts: 2, Backoff: func(int) time.Duration { return time.Hour }})
	e.ch = e.channel(ing, "a") // now with the outbox for template reports
	run(t, ing.Run, e.ch.RunUsers, e.ch.RunMedia, e.box.Run)
	e.srv = httptest.NewServer(e.ch)
	t.Cleanup(e.srv.Close)
	return e
}

// channel builds one instance of the channel on e's store.
func (e *env) channel(ing crm.MessageIngester, instance string) *wechat.Channel {
	var d crm.DeliveryReporter
	if e.box != nil {
		d = e.box
	}
	return wechat.New(wechat.Config{Store: e.db, Ingester: ing, Deliveries: d, Blobs: e.blobs, Staff: e.db,
		HTTPClient: &http.Client{Timeout: 2 * time.Second}, Now: e.clock.Now, Instance: instance,
		Logger:        slog.New(slog.NewTextHandler(e.logs, nil)),
		MediaAttempts: 3, MediaBackoff: func(int) time.Duration { return 0 }})
}

func run(t testing.TB, fns ...func(context.Context) error) {
	c, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Add(1)
		go func() { defer wg.Done(); _ = fn(c) }()
	}
	t.Cleanup(func() { cancel(); wg.Wait() })
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (e *env) wxAccount() wechattest.Account {
	return wechattest.Account{AppID: appID, Token: "tok", EncodingAESKey: aesKey}
}

// post sends a safe-mode push of xml to the callback.
func (e *env) post(t testing.TB, xml string) (int, string) {
	t.Helper()
	return e.postTo(t, e.srv.URL, xml)
}

// postTo sends a safe-mode push of xml to the callback at base.
func (e *env) postTo(t testing.TB, base, xml string) (int, string) {
	t.Helper()
	q, body, err := wechattest.SafePush(e.wxAccount(), xml, e.clock.Stamp(), "n0nce")
	check(t, err)
	return e.doAt(t, base, http.MethodPost, "/wechat/"+appID, q, body)
}

func (e *env) do(t testing.TB, method, path string, q url.Values, body []byte) (int, string) {
	t.Helper()
	return e.doAt(t, e.srv.URL, method, path, q, body)
}

func (e *env) doAt(t testing.TB, base, method, path string, q url.Values, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, base+path+"?"+q.Encode(), strings.NewReader(string(body)))
	check(t, err)
	resp, err := client.Do(req)
	check(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// pushFiles are the XML pushes of the tests, as WeChat sends them, one file
// each in testdata/pushes; push fills one in.
var pushFiles = template.Must(template.ParseGlob("testdata/pushes/*.xml"))

// pushVars fill a push: who sent it, when, its id (a template report's
// MsgID) and the parts that vary.
type pushVars struct {
	From                   string
	At                     int64
	ID                     string
	Content, Media, Status string
	Event, Extra           string // event.xml: any event, its elements as XML (odd pushes)
}

// push is testdata/pushes/<name>.xml filled with v.
func push(name string, v pushVars) string {
	var b strings.Builder
	if err := pushFiles.ExecuteTemplate(&b, name+".xml", v); err != nil {
		panic(err) // a test names a push that does not exist
	}
	return b.String()
}

// text is a text push from openID (testdata/pushes/text.xml).
func text(openID, msgID, content string, at int64) string {
	return push("text", pushVars{From: openID, ID: msgID, Content: content, At: at})
}

// event is an event push from openID with extra elements
// (testdata/pushes/event.xml): for the odd and new events tests make up;
// the ordinary ones have files of their own.
func event(openID, ev, extra string, at int64) string {
	return push("event", pushVars{From: openID, Event: ev, Extra: extra, At: at})
}

// recIngester records what the channel ingested and what became of it.
type recIngester struct {
	*crm.Ingester
	mu  sync.Mutex
	ins []*crm.Inbound
	res []*crm.IngestResult
}

func (r *recIngester) Ingest(c context.Context, in *crm.Inbound, cur *crm.Cursor) (*crm.IngestResult, error) {
	res, err := r.Ingester.Ingest(c, in, cur)
	if err == nil {
		r.mu.Lock()
		r.ins, r.res = append(r.ins, in), append(r.res, res)
		r.mu.Unlock()
	}
	return res, err
}

// last returns the last inbound from openID and its result.
func (r *recIngester) last(openID string) (*crm.Inbound, *crm.IngestResult) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.ins) - 1; i >= 0; i-- {
		if r.ins[i].From.Address == openID {
			return r.ins[i], r.res[i]
		}
	}
	return nil, nil
}

// messages returns the messages of openid's conversation, oldest first.
func (e *env) messages(t testing.TB, openID string) []*crm.Message {
	t.Helper()
	_, res := e.ing.last(openID)
	if res == nil {
		return nil
	}
	l, err := e.db.Messages(ctx, crm.System, res.ConversationID, crm.Page{})
	check(t, err)
	return l.Items
}

// eventually polls cond (the runners work after the reply) for up to 10 s.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s: not within 10 s", what)
}
