package storetest

import (
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// UnansweredSeed is the SQL, the same on both engines, that fills a fresh
// store with n unsure hand-offs waiting on one WeChat account, in one
// conversation, asking `groups` different questions (message i asks
// question i%groups), and FAQ entry 1 to teach them to. The ids start at
// 1: the store must be fresh.
func UnansweredSeed(n, groups int) []string {
	const at = `'2026-12-03 09:00:00+00:00'`
	return []string{
		`INSERT INTO bot_faqs (question, alternatives, answer, answer_en, enabled, updated_at)
			VALUES ('运费怎么算？', '[]', '满99元包邮', '', TRUE, ` + at + `)`,
		`INSERT INTO conversations (channel, account, status, last_message_at, created_at)
			VALUES ('wechat', 'wxbench', 'open', ` + at + `, ` + at + `)`,
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
			INSERT INTO messages (conversation_id, channel, account, direction, external_id, text, sent_at, created_at)
			SELECT 1, 'wechat', 'wxbench', 'in', 'bench-' || i, '寄到新疆要加钱吗' || (i %% %d), %s, %s FROM n`, n, groups, at, at),
		`INSERT INTO bot_decisions (message_id, conversation_id, channel, account, action, reason, score, decided_at)
			SELECT id, conversation_id, channel, account, 'handoff', 'unsure: best faq 1 score 0.29 (runner-up 0.00)', 0,
			created_at FROM messages`,
		`INSERT INTO bot_unanswered (message_id, channel, account, question, question_key, asked_at)
			SELECT id, channel, account, text, text, created_at FROM messages`,
		`ANALYZE`,
	}
}

// BenchUnanswered measures the unanswered questions on a store seeded by
// UnansweredSeed(n, groups): the first page of the list (grouping all n),
// a page half-way down it by cursor, one account's first page, and teaching a
// question to an entry (its n/groups identical ones handled with it; one
// phrasing, added once, so that the entry never fills up).
// Teaching handles a group per iteration: run it at most groups times
// (-benchtime 100x).
func BenchUnanswered(b *testing.B, s crm.Store, n, groups int) {
	us := s.(crm.UnansweredStore)
	list := func(b *testing.B, f crm.UnansweredFilter) {
		for b.Loop() {
			l, err := us.Unanswered(ctx, f)
			if err != nil || len(l.Items) != f.Limit || l.Items[0].Count != n/groups {
				b.Fatalf("list %+v: %d items, %v", f, len(l.Items), err)
			}
		}
	}
	b.Run(fmt.Sprintf("list-first-page/%d", n), func(b *testing.B) { list(b, crm.UnansweredFilter{Page: crm.Page{Limit: 50}}) })
	b.Run(fmt.Sprintf("list-deep-page/%d", n), func(b *testing.B) {
		list(b, crm.UnansweredFilter{Page: crm.Page{Limit: 50, After: int64(n - groups/2)}})
	})
	b.Run(fmt.Sprintf("list-one-account/%d", n), func(b *testing.B) {
		list(b, crm.UnansweredFilter{Channel: crm.ChannelWeChat, Account: "wxbench", Page: crm.Page{Limit: 50}})
	})
	b.Run(fmt.Sprintf("teach/%d", n), func(b *testing.B) {
		i := int64(0)
		for b.Loop() {
			i++
			if i > int64(groups) {
				b.Fatal("more iterations than questions: use -benchtime 100x")
			}
			t, err := us.TeachUnanswered(ctx, 0, i, 1, "寄到新疆要加钱吗")
			if err != nil || t.Handled != n/groups {
				b.Fatalf("teach %d: %+v, %v", i, t, err)
			}
		}
	})
}

// RunUnansweredBackfill checks that migration 0048 lists the unsure hand-offs
// decided before it (those with words; not other hand-offs), grouped when
// their text is the same. exec runs SQL on the store's database; migrate
// migrates it again once 0048 is undone.
func RunUnansweredBackfill(t *testing.T, s crm.Store, exec func(sql string), migrate func()) {
	for _, q := range UnansweredSeed(3, 2) {
		exec(q)
	}
	const at = `'2026-12-03 09:00:00+00:00'`
	exec(`INSERT INTO messages (conversation_id, channel, account, direction, external_id, text, sent_at, created_at)
		VALUES (1, 'wechat', 'wxbench', 'in', 'bench-picture', '', ` + at + `, ` + at + `),
		(1, 'wechat', 'wxbench', 'in', 'bench-person', '转人工', ` + at + `, ` + at + `)`)
	exec(`INSERT INTO bot_decisions (message_id, conversation_id, channel, account, action, reason, score, decided_at)
		VALUES (4, 1, 'wechat', 'wxbench', 'handoff', 'unsure: no faq entry matched', 0, ` + at + `),
		(5, 1, 'wechat', 'wxbench', 'handoff', 'person: asked (转人工)', 0, ` + at + `)`)
	exec(`DROP TABLE bot_unanswered`)
	exec(`DELETE FROM schema_migrations WHERE version = '0048_bot_unanswered'`)
	migrate()
	l, err := s.(crm.UnansweredStore).Unanswered(ctx, crm.UnansweredFilter{})
	must(t, err)
	same(t, "the questions listed", ids(l.Items), []int64{3, 2})
	if q := l.Items[0]; q.Text != "寄到新疆要加钱吗1" || q.Count != 2 || q.GuessQuestion != "运费怎么算？" || q.ConversationID != 1 {
		t.Errorf("the backfilled question %+v", q)
	}
}
