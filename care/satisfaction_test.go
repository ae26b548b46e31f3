package care_test

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// surveyWorld is a store on the test's clock with the ingest door (taking
// score replies), an outbox whose channels record what they send, and a
// team: a manager and a rep.
type surveyWorld struct {
	db       *sqlstore.DB
	clock    *testkit.Clock
	ing      *crm.Ingester
	box      *crm.Outbox
	svc      *care.Service
	mgr, rep *crm.User
	team     *crm.Team
	sent     *recorder
	seq      int
}

// recorder is a channel that accepts everything and keeps it.
type recorder struct {
	mu   sync.Mutex
	sent []*crm.Outgoing
}

func (r *recorder) Send(_ context.Context, o *crm.Outgoing) (*crm.SendResult, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, o)
	return &crm.SendResult{}, nil
}

func (r *recorder) texts() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, o := range r.sent {
		out = append(out, o.Text)
	}
	return out
}

func openOnClock(t *testing.T, engine string, clock *testkit.Clock) *sqlstore.DB {
	if engine == "sqlite" {
		db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "r.db"), Now: clock.Now})
		return migrated(t, db, err)
	}
	db, err := postgres.Open(ctx, postgres.Config{URL: pgtest.FreshSchema(t, pgtest.URL(t)), MaxConns: 4, Now: clock.Now})
	return migrated(t, db, err)
}

func newSurveyWorld(t *testing.T, engine string) *surveyWorld {
	w := &surveyWorld{clock: testkit.NewClock(local(2027, 3, 1, 10)), sent: &recorder{}}
	w.db = openOnClock(t, engine, w.clock)
	w.ing = crm.NewIngester(crm.IngestConfig{Store: w.db, Matcher: matcher.New(matcher.Config{}), Now: w.clock.Now,
		Surveys: w.db})
	run, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { w.ing.Run(run); close(done) }() //nolint:errcheck // ends with the test
	t.Cleanup(func() { cancel(); <-done })
	w.box = crm.NewOutbox(crm.OutboxConfig{Store: w.db, Now: w.clock.Now,
		Senders: map[string]crm.Sender{crm.ChannelEmail: w.sent, crm.ChannelWeChat: wechatSender{}}})
	w.svc = w.service(t)
	w.team = &crm.Team{Name: "华南"}
	must(t, w.db.CreateTeam(ctx, w.team))
	w.mgr = &crm.User{Email: "mgr@us.example", Name: "Wang Mgr", Role: crm.RoleManager, TeamID: &w.team.ID}
	must(t, w.db.CreateUser(ctx, w.mgr))
	w.rep = &crm.User{Email: "rep@us.example", Name: "Li Rep", Role: crm.RoleRep, TeamID: &w.team.ID}
	must(t, w.db.CreateUser(ctx, w.rep))
	on := crm.DefaultSatisfaction()
	on.Enabled = true
	must(t, w.db.SaveSatisfactionSettings(ctx, &on))
	return w
}

// service is one instance's care service (a restart makes another).
func (w *surveyWorld) service(t *testing.T) *care.Service {
	s, err := care.New(care.Config{Store: w.db, Records: w.db, Outbox: w.box, Now: w.clock.Now, Satisfaction: w.db,
		Users: w.db, BaseURL: "https://crm.example.com"})
	must(t, err)
	return s
}

// push ingests a follower's WeChat message.
func (w *surveyWorld) push(t *testing.T, openid, text string) *crm.IngestResult {
	t.Helper()
	w.seq++
	thread := "follower-" + openid
	res, err := w.ing.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelWeChat, Account: "wx1", ExternalID: fmt.Sprint(w.seq),
		References: []string{thread}, MessageRef: thread, From: crm.Address{Address: openid},
		Identity: &crm.Identity{Kind: crm.IdentityWeChat, Key: "wx1", Value: openid}, Text: text,
		ReceivedAt: w.clock.Now()}, nil)
	must(t, err)
	return res
}

func (w *surveyWorld) resolve(t *testing.T, id int64) {
	t.Helper()
	_, err := w.db.Assign(ctx, crm.System, id, crm.Assignment{AssigneeID: &w.rep.ID})
	must(t, err)
	_, err = w.db.SetStatus(ctx, crm.System, id, crm.ConvResolved, nil)
	must(t, err)
}

func (w *surveyWorld) surveys(t *testing.T, conv int64) []*crm.Survey {
	t.Helper()
	svs, err := w.db.ListSurveys(ctx, crm.System, crm.SurveyFilter{ConversationID: &conv})
	must(t, err)
	return svs
}

func (w *surveyWorld) managerTasks(t *testing.T) []*crm.Task {
	t.Helper()
	l, err := w.db.ListTasks(ctx, crm.TaskFilter{Viewer: crm.System, AssigneeID: &w.mgr.ID})
	must(t, err)
	return l.Items
}

// TestSatisfactionOnWeChat: a resolution is asked about once, across a
// restart; the follower's "2分" is the score, not a question (the
// conversation stays resolved, no lead, the bot has nothing to decide);
// the low score gives the team's manager one task naming the reason; a
// second "2" is an ordinary message again.
func TestSatisfactionOnWeChat(t *testing.T) {
	for _, e := range []string{"sqlite", "postgres"} {
		t.Run(e, func(t *testing.T) {
			if e == "postgres" {
				pgtest.URL(t)
			}
			w := newSurveyWorld(t, e)
			first := w.push(t, "o-1", "你们的产品多少钱？")
			w.resolve(t, first.ConversationID)
			w.clock.Add(time.Minute)
			w.svc = w.service(t) // a restart between the resolution and the sweep loses nothing
			must(t, w.svc.Satisfaction(ctx, w.clock.Now()))
			must(t, w.svc.Satisfaction(ctx, w.clock.Now()))
			svs := w.surveys(t, first.ConversationID)
			if len(svs) != 1 || svs[0].State != crm.SurveyAsked || svs[0].MessageID == nil {
				t.Fatalf("surveys = %+v, want one asked with its question", svs)
			}
			q, err := w.db.InboxMessage(ctx, crm.System, *svs[0].MessageID)
			must(t, err)
			if !strings.Contains(q.Text, "1–5") || q.Direction != crm.DirectionOut {
				t.Fatalf("question %q", q.Text)
			}
			if svs[0].RepID == nil || *svs[0].RepID != w.rep.ID || svs[0].TeamID == nil || *svs[0].TeamID != w.team.ID {
				t.Fatalf("the survey keeps the rep and team of the resolution: %+v", svs[0])
			}
			w.clock.Add(10 * time.Minute)
			ans := w.push(t, "o-1", " 2分 ")
			c, err := w.db.Conversation(ctx, crm.System, first.ConversationID)
			must(t, err)
			if ans.ConversationID != first.ConversationID || c.Status != crm.ConvResolved || ans.NewLead {
				t.Fatalf("the score reply: %+v, conversation %s; want the same conversation, still resolved, no lead", ans, c.Status)
			}
			svs = w.surveys(t, first.ConversationID)
			if svs[0].Score == nil || *svs[0].Score != 2 || svs[0].AnsweredBy != crm.AnsweredByReply {
				t.Fatalf("survey after the reply: %+v", svs[0])
			}
			ok, err := w.db.RecordBotDecision(ctx, &crm.BotDecision{MessageID: ans.MessageID, ConversationID: c.ID,
				Channel: c.Channel, Account: c.Account, Action: crm.BotAnswer, DecidedAt: w.clock.Now()}, nil, nil)
			must(t, err)
			if ok {
				t.Fatal("the bot could still answer the score as a question")
			}
			must(t, w.svc.Satisfaction(ctx, w.clock.Now()))
			must(t, w.svc.Satisfaction(ctx, w.clock.Now()))
			tasks := w.managerTasks(t)
			if len(tasks) != 1 || !strings.Contains(tasks[0].Details, "2/5") || !strings.Contains(tasks[0].Details, "Li Rep") {
				t.Fatalf("manager's tasks = %+v, want one naming the score and the rep", tasks)
			}
			again := w.push(t, "o-1", "2")
			c, err = w.db.Conversation(ctx, crm.System, first.ConversationID)
			must(t, err)
			if again.ConversationID != c.ID || c.Status != crm.ConvOpen {
				t.Fatalf("a second 2 is a message like any other: conversation %s", c.Status)
			}
		})
	}
}

// TestSatisfactionByEmail: the email carries one signed link per score; a
// click records it without login, the same click again changes nothing,
// another score replaces it, a forged or expired link does nothing.
func TestSatisfactionByEmail(t *testing.T) {
	w := newSurveyWorld(t, "sqlite")
	k := &crm.Contact{Name: "陈女士", Emails: []string{"chen@kunde.example"}}
	must(t, w.db.CreateContact(ctx, k))
	now := w.clock.Now()
	c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "1", Subject: "发票问题", Status: crm.ConvOpen,
		ContactID: &k.ID, LastMessageAt: now, LastInboundAt: &now, CreatedAt: now}
	must(t, w.db.CreateConversation(ctx, c))
	must(t, w.db.CreateMessage(ctx, &crm.Message{ConversationID: c.ID, Channel: crm.ChannelEmail, Account: "1",
		Direction: crm.DirectionIn, ExternalID: "<a@kunde.example>", From: crm.Address{Address: "chen@kunde.example"},
		Text: "发票开错了", SentAt: now, CreatedAt: now}, nil))
	w.resolve(t, c.ID)
	must(t, w.svc.Satisfaction(ctx, w.clock.Now()))
	svs := w.surveys(t, c.ID)
	if len(svs) != 1 || svs[0].State != crm.SurveyAsked {
		t.Fatalf("surveys = %+v", svs)
	}
	q, err := w.db.InboxMessage(ctx, crm.System, *svs[0].MessageID)
	must(t, err)
	links := regexp.MustCompile(`https://crm\.example\.com/satisfaction/([^/\s]+)/([1-5])`).FindAllStringSubmatch(q.Text, -1)
	if len(links) != 5 {
		t.Fatalf("want five score links in %q", q.Text)
	}
	tok := links[0][1]
	sv, err := w.svc.AnswerByLink(ctx, tok, 4)
	must(t, err)
	sv2, err := w.svc.AnswerByLink(ctx, tok, 4)
	must(t, err)
	if *sv.Score != 4 || *sv2.AnsweredAt != *sv.AnsweredAt {
		t.Fatalf("the same click twice: %+v then %+v", sv, sv2)
	}
	sv, err = w.svc.AnswerByLink(ctx, tok, 1)
	must(t, err)
	if *sv.Score != 1 || sv.TaskID == nil {
		t.Fatalf("another score replaces it, and a low one opens the task at once: %+v", sv)
	}
	forged := strings.Replace(tok, fmt.Sprint(sv.ID)+".", fmt.Sprint(sv.ID+1)+".", 1)
	_, err = w.svc.AnswerByLink(ctx, forged, 5)
	if crm.ErrorCode(err) != crm.ENOTFOUND {
		t.Fatalf("a forged link: %v", err)
	}
	w.clock.Add(8 * 24 * time.Hour)
	_, err = w.svc.AnswerByLink(ctx, tok, 5)
	if crm.ErrorCode(err) != crm.EINVALID {
		t.Fatalf("an expired link: %v", err)
	}
	if n := len(w.managerTasks(t)); n != 1 {
		t.Fatalf("one task per survey, got %d", n)
	}
}

// TestSatisfactionSkips: an account with surveys off, a contact who
// opted out and a WeChat follower outside the 48-hour window are not
// asked, each with the reason.
func TestSatisfactionSkips(t *testing.T) {
	w := newSurveyWorld(t, "sqlite")
	off := crm.DefaultSatisfaction()
	off.Channel, off.Account = crm.ChannelWeChat, "wx-off"
	must(t, w.db.SaveSatisfactionSettings(ctx, &off))
	late := w.push(t, "o-late", "在吗")
	w.clock.Add(49 * time.Hour)
	w.resolve(t, late.ConversationID)
	must(t, w.svc.Satisfaction(ctx, w.clock.Now()))
	svs := w.surveys(t, late.ConversationID)
	if len(svs) != 1 || svs[0].State != crm.SurveySkipped || !strings.Contains(svs[0].Reason, "48-hour") {
		t.Fatalf("outside the window: %+v", svs)
	}
	w.seq++
	res, err := w.ing.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelWeChat, Account: "wx-off", ExternalID: "off-1",
		From: crm.Address{Address: "o-off"}, Identity: &crm.Identity{Kind: crm.IdentityWeChat, Key: "wx-off", Value: "o-off"},
		Text: "hello", ReceivedAt: w.clock.Now()}, nil)
	must(t, err)
	w.resolve(t, res.ConversationID)
	must(t, w.svc.Satisfaction(ctx, w.clock.Now()))
	svs = w.surveys(t, res.ConversationID)
	if len(svs) != 1 || !strings.Contains(svs[0].Reason, "off for this account") {
		t.Fatalf("surveys off: %+v", svs)
	}
	if texts := w.sent.texts(); len(texts) != 0 {
		t.Fatalf("nothing sent by email: %q", texts)
	}
}
