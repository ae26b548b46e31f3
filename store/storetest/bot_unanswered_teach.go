package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testBotUnansweredTeach: teaching makes the question a phrasing of the
// entry (once), bumps the bot's revision, handles the identical ones,
// keeps who did it, and refuses a second time, an unknown entry and an
// entry with no room left.
func testBotUnansweredTeach(t *testing.T, h *botHarness) {
	w := newUnansweredWorld(t, h)
	_, err := w.us.TeachUnanswered(ctx, w.admin.ID, w.xinjiang[0], 999999, "")
	wantFields(t, err, "faq_id")
	_, err = w.us.TeachUnanswered(ctx, w.admin.ID, 999999, w.ship.ID, "")
	wantCode(t, err, crm.ENOTFOUND)
	rev := h.revision(t)
	tg, err := w.us.TeachUnanswered(ctx, w.admin.ID, w.xinjiang[0], w.ship.ID, "")
	must(t, err)
	if tg.Handled != 3 || tg.FAQ.ID != w.ship.ID || h.revision(t) == rev {
		t.Fatalf("taught %+v (revision %d → %d): want 3 handled and the revision bumped", tg, rev, h.revision(t))
	}
	f, err := h.bs.FAQ(ctx, w.ship.ID)
	must(t, err)
	same(t, "the phrasings", f.Alternatives, []string{"包邮吗", "寄到新疆要加钱吗？"})
	same(t, "the list after", ids(w.list(t, crm.UnansweredFilter{})), []int64{w.mailed, w.special})
	for _, id := range w.xinjiang {
		_, err = w.us.TeachUnanswered(ctx, w.admin.ID, id, w.invoice.ID, "")
		wantCode(t, err, crm.ECONFLICT)
		_, err = w.us.DismissUnanswered(ctx, w.admin.ID, id)
		wantCode(t, err, crm.ECONFLICT)
		u, err := w.us.UnansweredQuestion(ctx, id)
		must(t, err)
		if u.Outcome != crm.UnansweredTaught || u.FAQID == nil || *u.FAQID != w.ship.ID || u.HandledBy == nil ||
			*u.HandledBy != w.admin.ID || u.HandledAt == nil || u.Count != 3 {
			t.Errorf("handled %+v: want taught to the shipping entry by the admin", u)
		}
	}
	es, err := h.s.AuditOf(ctx, crm.Ref{Kind: crm.RefMessage, ID: w.xinjiang[0]}, 10)
	must(t, err)
	if len(es) != 1 || es[0].Action != "bot.unanswered_taught" || es[0].ActorID == nil || *es[0].ActorID != w.admin.ID ||
		!strings.Contains(es[0].Detail, "(3 questions)") {
		t.Errorf("audit %+v", es)
	}
	// A phrasing the entry has already is not added twice; an edited
	// text is taught instead of the question's.
	_, err = w.us.TeachUnanswered(ctx, w.admin.ID, w.mailed, w.ship.ID, "包邮吗？")
	must(t, err)
	f, err = h.bs.FAQ(ctx, w.ship.ID)
	must(t, err)
	same(t, "the phrasings after a duplicate", f.Alternatives, []string{"包邮吗", "寄到新疆要加钱吗？"})

	full := &crm.FAQ{Question: "满了", Answer: "x", Enabled: true}
	for i := range 50 {
		full.Alternatives = append(full.Alternatives, fmt.Sprint("说法", i))
	}
	must(t, h.bs.CreateFAQ(ctx, full))
	_, err = w.us.TeachUnanswered(ctx, w.admin.ID, w.special, full.ID, "")
	wantFields(t, err, "alternatives")
	same(t, "still waiting", ids(w.list(t, crm.UnansweredFilter{})), []int64{w.special})
}

// testBotUnansweredNewAndDismiss: a new entry written from a question, in
// one transaction with marking it (a refused entry marks nothing), and a
// dismissal.
func testBotUnansweredNewAndDismiss(t *testing.T, h *botHarness) {
	w := newUnansweredWorld(t, h)
	_, err := w.us.NewFAQFromUnanswered(ctx, w.admin.ID, w.special, &crm.FAQ{Question: "可以开专票吗"})
	wantFields(t, err, "answer")
	fs, err := h.bs.FAQs(ctx)
	must(t, err)
	if len(fs) != 2 || len(w.list(t, crm.UnansweredFilter{})) != 3 {
		t.Fatalf("a refused entry left %d entries and %d questions", len(fs), len(w.list(t, crm.UnansweredFilter{})))
	}
	f := &crm.FAQ{Question: "可以开专票吗", Answer: "可以，下单时选择增值税专用发票。", Enabled: true}
	tg, err := w.us.NewFAQFromUnanswered(ctx, w.admin.ID, w.special, f)
	must(t, err)
	if tg.Handled != 1 || f.ID == 0 {
		t.Fatalf("new entry %+v", tg)
	}
	tg, err = w.us.DismissUnanswered(ctx, w.admin.ID, w.mailed)
	must(t, err)
	if tg.Handled != 1 || tg.FAQ != nil {
		t.Fatalf("dismissed %+v", tg)
	}
	same(t, "left", ids(w.list(t, crm.UnansweredFilter{})), []int64{w.xinjiang[2]})
	u, err := w.us.UnansweredQuestion(ctx, w.special)
	must(t, err)
	if u.Outcome != crm.UnansweredNewEntry || u.FAQID == nil || *u.FAQID != f.ID {
		t.Errorf("the new entry's question %+v", u)
	}
	u, err = w.us.UnansweredQuestion(ctx, w.mailed)
	must(t, err)
	if u.Outcome != crm.UnansweredDismissed || u.FAQID != nil || !slices.Contains([]int64{w.admin.ID}, *u.HandledBy) {
		t.Errorf("the dismissed question %+v", u)
	}
}

// testBotUnansweredTeachRace: two admins teach the same question at once,
// one to each entry: one wins, the other is told it was handled, and the
// loser's entry is untouched.
func testBotUnansweredTeachRace(t *testing.T, h *botHarness) {
	w := newUnansweredWorld(t, h)
	errs := make(chan error, 2)
	for _, f := range []int64{w.ship.ID, w.invoice.ID} {
		go func() {
			_, err := w.us.TeachUnanswered(ctx, w.admin.ID, w.special, f, "")
			errs <- err
		}()
	}
	var won, lost int
	for range 2 {
		switch err := <-errs; crm.ErrorCode(err) {
		case "":
			won++
		case crm.ECONFLICT:
			lost++
		default:
			t.Fatal(err)
		}
	}
	fs, err := h.bs.FAQs(ctx)
	must(t, err)
	taught := 0
	for _, f := range fs {
		if slices.Contains(f.Alternatives, "可以开专票吗") {
			taught++
		}
	}
	if won != 1 || lost != 1 || taught != 1 {
		t.Fatalf("%d won, %d lost, taught to %d entries: want one of each", won, lost, taught)
	}
}
