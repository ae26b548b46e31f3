package storetest

import (
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testBotGenerative: the generative settings are off until saved, refused
// with the field named when incomplete, keep the stored key when a save
// leaves it empty, and move the bot's revision.
func testBotGenerative(t *testing.T, h *botHarness) {
	gs, ok := h.s.(crm.GenerativeStore)
	if !ok {
		t.Fatal("the store does not keep the generative settings")
	}
	g, err := gs.GenerativeSettings(ctx)
	must(t, err)
	if g.Enabled || g.KeySet || g.TimeoutMS != crm.DefaultGenerativeTimeoutMS || g.DailyCap != crm.DefaultGenerativeDailyCap {
		t.Fatalf("unsaved generative settings %+v: want off, no key, the defaults", g)
	}
	wantFields(t, gs.SaveGenerativeSettings(ctx, &crm.GenerativeSettings{Enabled: true, BaseURL: "ftp://x", MinScore: 2}),
		"base_url", "model", "min_score")
	rev := h.revision(t)
	must(t, gs.SaveGenerativeSettings(ctx, &crm.GenerativeSettings{Enabled: true, BaseURL: "http://127.0.0.1:9/v1/",
		Model: "qwen2.5-7b-instruct", APIKey: "sk-local-1", DailyCap: 20}))
	if h.revision(t) == rev {
		t.Fatal("saving the generative settings did not bump the bot's revision")
	}
	must(t, gs.SaveGenerativeSettings(ctx, &crm.GenerativeSettings{Enabled: true, BaseURL: "http://127.0.0.1:9/v1",
		Model: "deepseek-chat", DailyCap: 20}))
	g, err = gs.GenerativeSettings(ctx)
	must(t, err)
	same(t, "settings", []any{g.Enabled, g.BaseURL, g.Model, g.APIKey.Reveal(), g.KeySet, g.DailyCap},
		[]any{true, "http://127.0.0.1:9/v1", "deepseek-chat", "sk-local-1", true, 20})
}

// testBotGenerativeCap: concurrent takers never take more than the day's
// cap; another day starts again; a cap of 0 takes nothing.
func testBotGenerativeCap(t *testing.T, h *botHarness) {
	gs := h.s.(crm.GenerativeStore)
	var took atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				ok, err := gs.TakeGenerativeCall(ctx, "2026-12-01", 5)
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					took.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	same(t, "calls taken under a cap of 5", took.Load(), int64(5))
	ok, err := gs.TakeGenerativeCall(ctx, "2026-12-02", 5)
	must(t, err)
	same(t, "the next day", ok, true)
	ok, err = gs.TakeGenerativeCall(ctx, "2026-12-03", 0)
	must(t, err)
	same(t, "a cap of 0", ok, false)
}

// testBotHandoffAssigns: a hand-off gives an unassigned conversation to
// the next rep of the account's hand-off team, says so in the decision's
// reason, and leaves an assigned one with its rep.
func testBotHandoffAssigns(t *testing.T, h *botHarness) {
	must(t, h.s.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: h.w.teamB.ID, LeadCap: 10}))
	handoff := func(in *crm.IngestResult) *crm.BotDecision {
		d := &crm.BotDecision{MessageID: in.MessageID, ConversationID: in.ConversationID, Channel: crm.ChannelEmail,
			Account: "sales@rapport.example", Action: crm.BotHandoff, Reason: "person: asked (转人工)", DecidedAt: h.now,
			HandoffTeamID: h.w.teamB.ID}
		ok, err := h.bs.RecordBotDecision(ctx, d, nil, nil)
		must(t, err)
		same(t, "recorded", ok, true)
		return d
	}
	in := h.ingest(t, mail("wang@gmail.com", "你好", "转人工"))
	d := handoff(in)
	c, err := h.s.Conversation(ctx, crm.System, in.ConversationID)
	must(t, err)
	same(t, "assignee", c.AssigneeID, &h.w.repB.ID)
	ds, err := h.bs.BotDecisions(ctx, in.ConversationID)
	must(t, err)
	want := "person: asked (转人工); assigned to user " + strconv.FormatInt(h.w.repB.ID, 10) + " (round robin of team " + strconv.FormatInt(h.w.teamB.ID, 10) + ")"
	same(t, "reason", []string{d.Reason, ds[0].Reason}, []string{want, want})
	again := h.ingest(t, mail("wang@gmail.com", "Re: 你好", "还在吗"))
	ib, ok := h.s.(crm.InboxStore)
	if !ok {
		t.Fatal("the store has no inbox")
	}
	_, err = ib.Assign(ctx, crm.System, again.ConversationID, crm.Assignment{AssigneeID: &h.w.repA1.ID})
	must(t, err)
	d = handoff(again)
	c, err = h.s.Conversation(ctx, crm.System, again.ConversationID)
	must(t, err)
	same(t, "an assigned conversation keeps its rep", []any{c.AssigneeID, d.Reason}, []any{&h.w.repA1.ID, "person: asked (转人工)"})
}
