package postgres_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/storetest"
)

// RAPPORT_TEST_POSTGRES_URL=… go test ./store/postgres -run '^$' -bench Inbox -benchtime 200x
//
// The seeded data set (100k conversations, 1M messages) stays in schema
// rapport_bench_inbox_<key> between runs; the first run seeds it.
func BenchmarkInbox(b *testing.B) {
	storetest.BenchInbox(b, openInboxBench)
}

func openInboxBench(b *testing.B) crm.Store {
	schema := "rapport_bench_inbox_" + storetest.SchemaKey(migrations.Postgres())
	analyze := []string{"conversations", "messages", "conversation_labels"}
	return openSeeded(b, schema, "the inbox data set", analyze, func(ctx context.Context, tx pgx.Tx) error {
		base := time.Now().UTC().Add(-200 * 24 * time.Hour).Truncate(time.Second)
		n, long := storetest.InboxBenchConversations, storetest.InboxBenchConversations+1
		for _, q := range inboxSeedSQL(storetest.InboxBenchPhrases) {
			if _, err := tx.Exec(ctx, q, base, n, long, storetest.InboxBenchLongThread); err != nil {
				return fmt.Errorf("%w\n%s", err, q)
			}
		}
		return nil
	})
}

// inboxSeedSQL builds the data set storetest.InboxBenchOpener describes;
// each statement takes $1 base time, $2 conversations, $3 the long
// thread's id, $4 its length.
func inboxSeedSQL(phrases []string) []string {
	var phrase strings.Builder
	phrase.WriteString("CASE j % 10")
	for i, p := range phrases {
		phrase.WriteString(" WHEN " + strconv.Itoa(i) + " THEN '" + p + "'")
	}
	phrase.WriteString(" END")
	return []string{
		`INSERT INTO users (id, email, name, role, created_at)
		 SELECT i, 'rep' || i || '@bench.example', 'rep' || i, 'rep', $1::timestamptz FROM generate_series(1, 10) i
		 WHERE $2::int > 0 AND $3::int > 0 AND $4::int > 0`,
		`INSERT INTO conversations (id, channel, account, subject, status, assignee_id, labels, last_message_at,
		   last_inbound_at, created_at)
		 SELECT i, CASE i % 3 WHEN 0 THEN 'email' WHEN 1 THEN 'wechat' ELSE 'webform' END, 'acct', '订单' || i || ' inquiry',
		   CASE WHEN i = $3 THEN 'open' ELSE CASE i % 5 WHEN 0 THEN 'pending' WHEN 1 THEN 'resolved' WHEN 2 THEN 'resolved' ELSE 'open' END END,
		   CASE WHEN i = $3 THEN NULL ELSE NULLIF(i % 11, 0) END,
		   CASE WHEN i % 20 = 0 THEN '["VIP"]' ELSE '[]' END,
		   $1::timestamptz + i * interval '1 second', $1::timestamptz + (i - (i % 2) * 60) * interval '1 second', $1::timestamptz
		 FROM generate_series(1, $3::int) i WHERE $2::int > 0 AND $4::int > 0`,
		`INSERT INTO conversation_labels (label, conversation_id) SELECT 'VIP', id FROM conversations
		 WHERE id % 20 = 0 AND $1::timestamptz IS NOT NULL AND $2::int > 0 AND $3::int > 0 AND $4::int > 0`,
		`INSERT INTO messages (conversation_id, channel, account, direction, external_id, from_address, subject, text, sent_at, created_at)
		 SELECT c, 'email', 'acct', CASE WHEN j % 10 = 0 THEN 'out' ELSE 'in' END, 'b' || j, 'c' || c || '@bench.example',
		   '订单' || c || ' inquiry', ` + phrase.String() + ` || ' #' || j,
		   $1::timestamptz + c * interval '1 second', $1::timestamptz + c * interval '1 second'
		 FROM (SELECT j, CASE WHEN j > $2::int * 10 THEN $3::int ELSE (j - 1) / 10 + 1 END AS c
		       FROM generate_series(1, $2::int * 10 + $4::int) j) s`,
		`SELECT setval(pg_get_serial_sequence('conversations', 'id'), (SELECT max(id) FROM conversations) + $2::int * 0 + $3::int * 0 + $4::int * 0 + extract(epoch from $1::timestamptz)::int * 0)`,
		`SELECT setval(pg_get_serial_sequence('users', 'id'), 10 + $2::int * 0 + $3::int * 0 + $4::int * 0 + extract(epoch from $1::timestamptz)::int * 0)`,
	}
}
