package storetest

import (
	"strconv"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// satisfactionWorld is the inbox's world with the surveys' store.
type satisfactionWorld struct {
	*inboxWorld
	sat crm.SatisfactionStore
}

// RunSatisfaction checks the satisfaction surveys' store: each resolution
// asked once, a reply's score recorded once with the bot told, low scores
// found until their task is set, and totals within what a viewer sees.
func RunSatisfaction(t *testing.T, open Opener) {
	for _, tt := range []struct {
		name string
		fn   func(t *testing.T, h *satisfactionWorld)
	}{
		{"Settings", testSatisfactionSettings},
		{"OncePerResolution", testSurveyOncePerResolution},
		{"Answer", testSurveyAnswer},
		{"LowScoreTask", testSurveyLowTask},
		{"TotalsVisible", testSatisfactionTotals},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			ib, ok := s.(crm.InboxStore)
			cw, ok2 := s.(convWriter)
			sat, ok3 := s.(crm.SatisfactionStore)
			if !ok || !ok2 || !ok3 {
				t.Fatal("the store does not implement crm.SatisfactionStore")
			}
			iw := &inboxWorld{world: newWorld(t, s), s: s, cw: cw, ib: ib, t0: time.Now().UTC().Add(-24 * time.Hour)}
			tt.fn(t, &satisfactionWorld{inboxWorld: iw, sat: sat})
		})
	}
}

func testSatisfactionSettings(t *testing.T, h *satisfactionWorld) {
	got, err := h.sat.SatisfactionSettings(ctx, crm.ChannelWeChat, "wx1")
	must(t, err)
	same(t, "nothing stored: off", got.Enabled, false)
	same(t, "nothing stored: low score", got.LowScore, 2)
	def := crm.DefaultSatisfaction()
	def.Enabled, def.LowScore = true, 3
	must(t, h.sat.SaveSatisfactionSettings(ctx, &def))
	own := crm.DefaultSatisfaction()
	own.Channel, own.Account, own.Locale = crm.ChannelWeChat, "wx1", "en"
	must(t, h.sat.SaveSatisfactionSettings(ctx, &own))
	got, err = h.sat.SatisfactionSettings(ctx, crm.ChannelWeChat, "wx1")
	must(t, err)
	same(t, "the account's own row", [2]any{got.Enabled, got.Locale}, [2]any{false, "en"})
	got, err = h.sat.SatisfactionSettings(ctx, crm.ChannelEmail, "7")
	must(t, err)
	same(t, "another account: the default row", [2]any{got.Enabled, got.LowScore}, [2]any{true, 3})
	bad := crm.DefaultSatisfaction()
	bad.Channel, bad.LowScore, bad.ReplyHours = crm.ChannelWeChat, 5, 72
	wantFields(t, h.sat.SaveSatisfactionSettings(ctx, &bad), "account", "low_score", "reply_hours")
	all, err := h.sat.ListSatisfactionSettings(ctx)
	must(t, err)
	same(t, "rows stored", len(all), 2)
}

// resolve resolves c through the inbox, as a rep does.
func (h *satisfactionWorld) resolve(t *testing.T, c *crm.Conversation) {
	t.Helper()
	_, err := h.ib.SetStatus(ctx, crm.System, c.ID, crm.ConvResolved, nil)
	must(t, err)
}

// due lists the conversation ids due a survey since an hour ago.
func (h *satisfactionWorld) due(t *testing.T) map[int64]crm.SurveyDue {
	t.Helper()
	ds, err := h.sat.DueSurveys(ctx, time.Now().Add(-time.Hour), 100)
	must(t, err)
	out := map[int64]crm.SurveyDue{}
	for _, d := range ds {
		out[d.Conversation.ID] = d
	}
	return out
}

// ask records an asked survey of c's current resolution.
func (h *satisfactionWorld) ask(t *testing.T, c *crm.Conversation, expires time.Duration) *crm.Survey {
	t.Helper()
	d, ok := h.due(t)[c.ID]
	if !ok {
		t.Fatalf("conversation %d is not due a survey", c.ID)
	}
	now := time.Now()
	sv := &crm.Survey{ConversationID: c.ID, ResolvedAt: d.ResolvedAt, Channel: c.Channel, Account: c.Account,
		RepID: c.AssigneeID, TeamID: c.TeamID, State: crm.SurveyAsked, AskedAt: now, ExpiresAt: now.Add(expires), LowScore: 2}
	ok, err := h.sat.RecordSurvey(ctx, sv)
	must(t, err)
	if !ok {
		t.Fatal("the first survey of a resolution is stored")
	}
	return sv
}

func testSurveyOncePerResolution(t *testing.T, h *satisfactionWorld) {
	c := h.conv(t, crm.ChannelWeChat, crm.ConvOpen, h.repA1, "你好", "谢谢")
	auto := h.conv(t, crm.ChannelWeChat, crm.ConvOpen, h.repA1)
	if _, ok := h.due(t)[c.ID]; ok {
		t.Fatal("an open conversation is not due a survey")
	}
	h.resolve(t, c)
	h.resolve(t, auto)
	due := h.due(t)
	same(t, "the customer's messages counted", due[c.ID].Inbound, 2)
	same(t, "a conversation without them is listed with none", due[auto.ID].Inbound, 0)
	h.resolve(t, c) // resolving again is the same resolution
	same(t, "one resolution", due[c.ID].ResolvedAt, h.due(t)[c.ID].ResolvedAt)
	first := h.ask(t, c, time.Hour)
	again := *first
	ok, err := h.sat.RecordSurvey(ctx, &again)
	must(t, err)
	same(t, "a second survey of one resolution (another instance)", ok, false)
	if _, ok := h.due(t)[c.ID]; ok {
		t.Fatal("an asked resolution is not due again")
	}
	last, err := h.sat.LastSurveyAsked(ctx, c.ID)
	must(t, err)
	same(t, "last asked", last, stored(first.AskedAt))
	_, err = h.ib.SetStatus(ctx, crm.System, c.ID, crm.ConvOpen, nil)
	must(t, err)
	h.resolve(t, c)
	if _, ok := h.due(t)[c.ID]; !ok {
		t.Fatal("a new resolution after reopening is due again")
	}
}

func testSurveyAnswer(t *testing.T, h *satisfactionWorld) {
	c := h.conv(t, crm.ChannelWeChat, crm.ConvOpen, h.repA1, "问题")
	h.resolve(t, c)
	sv := h.ask(t, c, time.Hour)
	open, err := h.sat.OpenSurvey(ctx, c.ID, time.Now())
	must(t, err)
	same(t, "open survey", open.ID, sv.ID)
	_, err = h.sat.OpenSurvey(ctx, c.ID, time.Now().Add(2*time.Hour))
	wantCode(t, err, crm.ENOTFOUND)
	reply := h.msg(t, c, crm.DirectionIn, "5分", time.Now())
	_, err = h.sat.AnswerSurvey(ctx, crm.SurveyAnswer{SurveyID: sv.ID, Score: 6, By: crm.AnsweredByReply, At: time.Now()})
	wantFields(t, err, "score")
	got, err := h.sat.AnswerSurvey(ctx, crm.SurveyAnswer{SurveyID: sv.ID, Score: 5, By: crm.AnsweredByReply,
		MessageID: &reply.ID, At: time.Now()})
	must(t, err)
	same(t, "answered", [3]any{got.State, *got.Score, got.AnsweredBy}, [3]any{crm.SurveyAnswered, 5, crm.AnsweredByReply})
	same(t, "the reply", *got.AnswerMessageID, reply.ID)
	bs, ok := h.s.(crm.BotStore)
	if !ok {
		t.Fatal("the store does not implement crm.BotStore")
	}
	undecided, err := bs.UndecidedMessages(ctx, time.Now().Add(-48*time.Hour), 100)
	must(t, err)
	for _, id := range undecided {
		if id == reply.ID {
			t.Fatal("a score reply is decided for the bot (nothing to answer)")
		}
	}
	_, err = h.sat.OpenSurvey(ctx, c.ID, time.Now())
	wantCode(t, err, crm.ENOTFOUND) // a second "5" is a message like any other
	_, err = h.sat.AnswerSurvey(ctx, crm.SurveyAnswer{SurveyID: sv.ID, Score: 3, By: crm.AnsweredByLink, At: time.Now().Add(2 * time.Hour)})
	wantCode(t, err, crm.EINVALID)
	got, err = h.sat.AnswerSurvey(ctx, crm.SurveyAnswer{SurveyID: sv.ID, Score: 3, By: crm.AnsweredByLink, At: time.Now()})
	must(t, err)
	same(t, "a later click replaces the score", [2]any{*got.Score, got.AnsweredBy}, [2]any{3, crm.AnsweredByLink})
	list, err := h.sat.ListSurveys(ctx, viewer(h.repA1), crm.SurveyFilter{ConversationID: &c.ID})
	must(t, err)
	same(t, "the rep sees it", len(list), 1)
	list, err = h.sat.ListSurveys(ctx, viewer(h.repB), crm.SurveyFilter{ConversationID: &c.ID})
	must(t, err)
	same(t, "another team's rep does not", len(list), 0)
}

func testSurveyLowTask(t *testing.T, h *satisfactionWorld) {
	c := h.conv(t, crm.ChannelEmail, crm.ConvOpen, h.repA1, "problem")
	h.resolve(t, c)
	sv := h.ask(t, c, time.Hour)
	_, err := h.sat.AnswerSurvey(ctx, crm.SurveyAnswer{SurveyID: sv.ID, Score: 2, By: crm.AnsweredByLink, At: time.Now()})
	must(t, err)
	low, err := h.sat.LowSurveys(ctx, 10)
	must(t, err)
	same(t, "one low survey", len(low), 1)
	task := &crm.Task{Title: "low", AssigneeID: &h.mgrA.ID}
	must(t, h.s.CreateTask(ctx, task))
	ok, err := h.sat.SetSurveyTask(ctx, sv.ID, task.ID)
	must(t, err)
	same(t, "the task is set", ok, true)
	ok, err = h.sat.SetSurveyTask(ctx, sv.ID, task.ID)
	must(t, err)
	same(t, "once", ok, false)
	low, err = h.sat.LowSurveys(ctx, 10)
	must(t, err)
	same(t, "no low survey left", len(low), 0)
	k1, err := h.sat.ServerKey(ctx, "links")
	must(t, err)
	k2, err := h.sat.ServerKey(ctx, "links")
	must(t, err)
	same(t, "one key", string(k1), string(k2))
	same(t, "32 bytes", len(k1), 32)
}

func testSatisfactionTotals(t *testing.T, h *satisfactionWorld) {
	scores := []struct {
		rep     *crm.User
		channel string
		score   int
	}{{h.repA1, crm.ChannelWeChat, 5}, {h.repA1, crm.ChannelEmail, 2}, {h.repA2, crm.ChannelWeChat, 4}, {h.repB, crm.ChannelWeChat, 1}}
	for _, sc := range scores {
		c := h.conv(t, sc.channel, crm.ConvOpen, sc.rep, "q")
		h.resolve(t, c)
		sv := h.ask(t, c, time.Hour)
		_, err := h.sat.AnswerSurvey(ctx, crm.SurveyAnswer{SurveyID: sv.ID, Score: sc.score, By: crm.AnsweredByLink, At: time.Now()})
		must(t, err)
	}
	key := func(u *crm.User) string { return itoa(u.ID) }
	totals := func(v crm.Viewer, by string) map[string]crm.SatisfactionRow {
		rows, err := h.sat.SatisfactionTotals(ctx, crm.SatisfactionQuery{Viewer: v, By: by, From: time.Now().Add(-time.Hour)})
		must(t, err)
		out := map[string]crm.SatisfactionRow{}
		for _, r := range rows {
			out[r.Key] = r
		}
		return out
	}
	all := totals(crm.System, crm.SatisfactionByRep)
	same(t, "rep A1", [4]any{all[key(h.repA1)].Count, all[key(h.repA1)].Average, all[key(h.repA1)].Low, all[key(h.repA1)].Percent},
		[4]any{2, 3.5, 1, 50.0})
	same(t, "reps", len(all), 3)
	same(t, "the rep sees their own", len(totals(viewer(h.repA1), crm.SatisfactionByRep)), 1)
	mgr := totals(viewer(h.mgrA), crm.SatisfactionByTeam)
	same(t, "the manager sees their team's", [2]any{len(mgr), mgr[itoa(h.teamA.ID)].Count}, [2]any{1, 3})
	ch := totals(crm.System, crm.SatisfactionByChannel)
	same(t, "by channel", [2]any{ch[crm.ChannelWeChat].Count, ch[crm.ChannelEmail].Scores}, [2]any{3, [5]int{0, 1, 0, 0, 0}})
	n := 0
	for k, r := range totals(crm.System, crm.SatisfactionByMonth) {
		same(t, "a month key", len(k), len("2026-12"))
		n += r.Count
	}
	same(t, "by month, every score", n, 4)
	_, err := h.sat.SatisfactionTotals(ctx, crm.SatisfactionQuery{Viewer: crm.System, By: "planet"})
	wantFields(t, err, "by")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
