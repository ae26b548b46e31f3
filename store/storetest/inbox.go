package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunInbox is the shared inbox's conformance suite: filters, counts,
// search in Chinese and English, order and pages, visibility, assignment,
// status and snooze, labels, notes, canned replies and attachments.
func RunInbox(t *testing.T, open Opener) {
	for _, tt := range []struct {
		name string
		fn   func(t *testing.T, h *inboxWorld)
	}{
		{"FiltersAndCounts", testInboxFilters},
		{"Search", testInboxSearch},
		{"OrderAndPages", testInboxPages},
		{"Assign", testInboxAssign},
		{"StatusAndSnooze", testInboxStatus},
		{"LabelsNotesCanned", testInboxLabelsNotes},
		{"Attachment", testInboxAttachment},
		{"JoinSplitThread", testInboxJoin},
	} {
		t.Run("Inbox/"+tt.name, func(t *testing.T) {
			s := open(t)
			ib, ok := s.(crm.InboxStore)
			cw, ok2 := s.(convWriter)
			if !ok || !ok2 {
				t.Fatal("the store does not implement crm.InboxStore")
			}
			tt.fn(t, &inboxWorld{world: newWorld(t, s), s: s, cw: cw, ib: ib, t0: time.Now().UTC().Add(-24 * time.Hour)})
		})
	}
}

// convWriter is how the suite writes conversations and messages directly,
// as ingest does inside its batch.
type convWriter interface {
	CreateConversation(ctx context.Context, c *crm.Conversation) error
	UpdateConversation(ctx context.Context, c *crm.Conversation) error
	CreateMessage(ctx context.Context, m *crm.Message, raw []byte) error
}

type inboxWorld struct {
	*world
	s  crm.Store
	cw convWriter
	ib crm.InboxStore
	t0 time.Time
	n  int
}

// conv stores a conversation on channel with one inbound message per text,
// a minute apart, assigned to owner (nil: the pool).
func (h *inboxWorld) conv(t *testing.T, channel, status string, owner *crm.User, texts ...string) *crm.Conversation {
	t.Helper()
	h.n++
	at := h.t0.Add(time.Duration(h.n) * time.Hour)
	c := &crm.Conversation{Channel: channel, Account: "acct", Subject: fmt.Sprintf("subject %d", h.n), Status: status,
		AssigneeID: ownerID(owner), LastMessageAt: at, LastInboundAt: &at, CreatedAt: at}
	if owner != nil {
		c.TeamID = owner.TeamID
	}
	must(t, h.cw.CreateConversation(ctx, c))
	for i, text := range texts {
		h.msg(t, c, crm.DirectionIn, text, at.Add(time.Duration(i-len(texts))*time.Minute))
	}
	return c
}

func (h *inboxWorld) msg(t *testing.T, c *crm.Conversation, dir, text string, at time.Time) *crm.Message {
	t.Helper()
	h.n++
	m := &crm.Message{ConversationID: c.ID, Channel: c.Channel, Account: c.Account, Direction: dir,
		ExternalID: fmt.Sprintf("x%d", h.n), From: crm.Address{Name: "王小明", Address: fmt.Sprintf("wang%d@kunde.example", c.ID)},
		Text: text, SentAt: at, CreatedAt: at}
	must(t, h.cw.CreateMessage(ctx, m, nil))
	return m
}

// ids lists the conversation ids of a query's first page.
func (h *inboxWorld) ids(t *testing.T, q crm.InboxQuery) []int64 {
	t.Helper()
	p, err := h.ib.Inbox(ctx, q)
	must(t, err)
	out := []int64{}
	for _, it := range p.Items {
		out = append(out, it.ID)
	}
	return out
}

func viewer(u *crm.User) crm.Viewer {
	v := crm.Viewer{UserID: u.ID, Role: u.Role}
	if u.TeamID != nil {
		v.TeamID = *u.TeamID
	}
	return v
}

func sorted(ids ...int64) []int64 { slices.Sort(ids); return ids }

func sortedIDs(ids []int64) []int64 { return sorted(ids...) }

func testInboxFilters(t *testing.T, h *inboxWorld) {
	mine := h.conv(t, crm.ChannelEmail, crm.ConvOpen, h.repA1, "hello")
	pool := h.conv(t, crm.ChannelWeChat, crm.ConvOpen, nil, "你好")
	other := h.conv(t, crm.ChannelEmail, crm.ConvOpen, h.repA2, "hi")
	pending := h.conv(t, crm.ChannelWebForm, crm.ConvPending, h.repA1, "form")
	done := h.conv(t, crm.ChannelEmail, crm.ConvResolved, nil, "thanks")
	_, err := h.ib.SetLabels(ctx, crm.System, pool.ID, []string{"VIP", "发票"})
	must(t, err)
	rep := viewer(h.repA1)
	mgr := viewer(h.mgrA)
	for _, tc := range []struct {
		name string
		q    crm.InboxQuery
		want []int64
	}{
		{"rep all", crm.InboxQuery{Viewer: rep}, sorted(mine.ID, pool.ID, pending.ID, done.ID)},
		{"rep mine", crm.InboxQuery{Viewer: rep, View: crm.ViewMine}, sorted(mine.ID, pending.ID)},
		{"rep unassigned open", crm.InboxQuery{Viewer: rep, View: crm.ViewUnassigned, Status: crm.ConvOpen}, sorted(pool.ID)},
		{"manager sees team", crm.InboxQuery{Viewer: mgr, Status: crm.ConvOpen}, sorted(mine.ID, pool.ID, other.ID)},
		{"other team's rep", crm.InboxQuery{Viewer: viewer(h.repB)}, sorted(pool.ID, done.ID)},
		{"channel", crm.InboxQuery{Viewer: crm.System, Channel: crm.ChannelEmail}, sorted(mine.ID, other.ID, done.ID)},
		{"status", crm.InboxQuery{Viewer: crm.System, Status: crm.ConvPending}, sorted(pending.ID)},
		{"label", crm.InboxQuery{Viewer: crm.System, Label: "发票"}, sorted(pool.ID)},
		{"team", crm.InboxQuery{Viewer: crm.System, TeamID: h.repA1.TeamID}, sorted(mine.ID, other.ID, pending.ID)},
	} {
		if got := sortedIDs(h.ids(t, tc.q)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
	counts, err := h.ib.InboxCounts(ctx, crm.InboxQuery{Viewer: rep, View: crm.ViewMine, Status: crm.ConvOpen})
	must(t, err)
	same(t, "views under open", counts.Views, map[string]int{"all": 2, "mine": 1, "unassigned": 1})
	same(t, "statuses under mine", counts.Statuses, map[string]int{"open": 1, "pending": 1, "snoozed": 0, "resolved": 0})
	_, err = h.ib.Inbox(ctx, crm.InboxQuery{Viewer: rep, View: "everything", Status: "lost"})
	wantFields(t, err, "view", "status")
}

func testInboxSearch(t *testing.T, h *inboxWorld) {
	zh := h.conv(t, crm.ChannelWeChat, crm.ConvOpen, nil, "您好，我想订购三台激光打印机，请报价")
	en := h.conv(t, crm.ChannelEmail, crm.ConvOpen, nil, "Please send the INVOICE for the printer order")
	both := h.conv(t, crm.ChannelEmail, crm.ConvOpen, h.repB, "first line", "发票 and Printer toner")
	for _, tc := range []struct {
		q    string
		v    crm.Viewer
		want []int64
	}{
		{"打印机", crm.System, sorted(zh.ID)},
		{"打印", crm.System, sorted(zh.ID)}, // two characters: below the trigram, still found
		{"订购 报价", crm.System, sorted(zh.ID)},
		{"printer", crm.System, sorted(en.ID, both.ID)},
		{"invoice PRINTER", crm.System, sorted(en.ID)},
		{"发票 toner", crm.System, sorted(both.ID)},
		{"first toner", crm.System, nil}, // words must meet in one message
		{"printer", viewer(h.repA1), sorted(en.ID)},
		{fmt.Sprintf("wang%d@kunde", en.ID), crm.System, sorted(en.ID)},
		{`100% "_`, crm.System, nil},
	} {
		got := sortedIDs(h.ids(t, crm.InboxQuery{Viewer: tc.v, Search: tc.q}))
		if !slices.Equal(got, append([]int64{}, tc.want...)) {
			t.Errorf("search %q as %d: got %v, want %v", tc.q, tc.v.UserID, got, tc.want)
		}
	}
}

func testInboxPages(t *testing.T, h *inboxWorld) {
	var all []*crm.Conversation
	for i := range 7 {
		all = append(all, h.conv(t, crm.ChannelEmail, crm.ConvOpen, nil, fmt.Sprintf("m%d", i)))
	}
	// Two answered: not waiting any more.
	for _, c := range all[:2] {
		h.answer(t, c)
	}
	var newest []int64
	q := crm.InboxQuery{Viewer: crm.System, Limit: 3}
	for pages := 0; ; pages++ {
		p, err := h.ib.Inbox(ctx, q)
		must(t, err)
		for _, it := range p.Items {
			newest = append(newest, it.ID)
		}
		if p.Next == "" || pages > 5 {
			break
		}
		q.Cursor = p.Next
	}
	want := []int64{all[1].ID, all[0].ID, all[6].ID, all[5].ID, all[4].ID, all[3].ID, all[2].ID}
	same(t, "newest first over pages", newest, want)
	waiting := h.ids(t, crm.InboxQuery{Viewer: crm.System, Sort: crm.SortWaiting, Limit: 50})
	same(t, "longest waiting first", waiting, []int64{all[2].ID, all[3].ID, all[4].ID, all[5].ID, all[6].ID})
	p, err := h.ib.Inbox(ctx, crm.InboxQuery{Viewer: crm.System, Limit: 1})
	must(t, err)
	same(t, "preview", p.Items[0].Preview, "answered")
	same(t, "last is ours", p.Items[0].LastIsOut, true)
	same(t, "from", p.Items[0].From, "王小明")
	_, err = h.ib.Inbox(ctx, crm.InboxQuery{Viewer: crm.System, Cursor: "x"})
	wantCode(t, err, crm.EINVALID)
}

// answer adds our reply to c, later than anything else.
func (h *inboxWorld) answer(t *testing.T, c *crm.Conversation) {
	t.Helper()
	at := h.t0.Add(100*time.Hour + time.Duration(h.n)*time.Minute)
	h.msg(t, c, crm.DirectionOut, "answered", at)
	c.LastMessageAt = at
	must(t, h.cw.UpdateConversation(ctx, c))
}
