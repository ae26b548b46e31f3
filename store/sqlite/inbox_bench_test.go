package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/store/storetest"
)

// go test ./store/sqlite -run '^$' -bench Inbox -benchtime 200x
//
// The seeded database (100k conversations, 1M messages) is cached like
// BenchmarkStore's; the first run seeds it.
func BenchmarkInbox(b *testing.B) {
	storetest.BenchInbox(b, openInboxBench)
}

func openInboxBench(b *testing.B) crm.Store {
	name := "sqlite-inbox-" + storetest.SchemaKey(migrations.SQLite()) + ".db"
	s := openSeededInbox(b, name)
	// The search index is built once beside the cached file; a search
	// timed while it is being built would measure the build.
	start := time.Now()
	if err := s.(*sqlstore.DB).IndexSearch(context.Background()); err != nil {
		b.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		b.Logf("search index brought up to date in %v", d.Round(time.Millisecond))
	}
	return s
}

func openSeededInbox(b *testing.B, name string) crm.Store {
	return openSeeded(b, name, "the inbox data set", func(ctx context.Context, raw *sql.DB) error {
		base := time.Now().UTC().Add(-200 * 24 * time.Hour).Truncate(time.Second)
		n, long := storetest.InboxBenchConversations, storetest.InboxBenchConversations+1
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		for _, q := range inboxSeedSQL(storetest.InboxBenchPhrases) {
			if _, err := tx.ExecContext(ctx, q, base, n, long, storetest.InboxBenchLongThread); err != nil {
				return fmt.Errorf("%w\n%s", err, q)
			}
		}
		return tx.Commit()
	})
}

// inboxSeedSQL builds the data set storetest.InboxBenchOpener describes;
// every statement takes $1 base time, $2 conversations, $3 the long
// thread's id, $4 its length.
func inboxSeedSQL(phrases []string) []string {
	phrase := "CASE j % 10"
	for i, p := range phrases {
		phrase += " WHEN " + itoa(i) + " THEN '" + p + "'"
	}
	phrase += " END"
	return []string{
		`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 10)
		 INSERT INTO users (id, email, name, role, created_at) SELECT i, 'rep' || i || '@bench.example', 'rep' || i, 'rep', $1
		 FROM s WHERE $2 > 0 AND $3 > 0 AND $4 > 0`,
		`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $3)
		 INSERT INTO conversations (id, channel, account, subject, status, assignee_id, labels, last_message_at,
		   last_inbound_at, created_at)
		 SELECT i, CASE i % 3 WHEN 0 THEN 'email' WHEN 1 THEN 'wechat' ELSE 'webform' END, 'acct', '订单' || i || ' inquiry',
		   CASE WHEN i = $3 THEN 'open' ELSE CASE i % 5 WHEN 0 THEN 'pending' WHEN 1 THEN 'resolved' WHEN 2 THEN 'resolved' ELSE 'open' END END,
		   CASE WHEN i = $3 THEN NULL ELSE NULLIF(i % 11, 0) END,
		   CASE WHEN i % 20 = 0 THEN '["VIP"]' ELSE '[]' END,
		   strftime('%Y-%m-%d %H:%M:%S+00:00', $1, '+' || i || ' seconds'),
		   strftime('%Y-%m-%d %H:%M:%S+00:00', $1, '+' || (i - (i % 2) * 60) || ' seconds'), $1 FROM s
		 WHERE $4 > 0 AND $2 > 0`,
		`INSERT INTO conversation_labels (label, conversation_id) SELECT 'VIP', id FROM conversations WHERE id % 20 = 0 AND $1 IS NOT NULL AND $2 > 0 AND $3 > 0 AND $4 > 0`,
		`WITH RECURSIVE s(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM s WHERE j < $2 * 10 + $4)
		 INSERT INTO messages (conversation_id, channel, account, direction, external_id, from_address, subject, text, sent_at, created_at)
		 SELECT c, 'email', 'acct', CASE WHEN j % 10 = 0 THEN 'out' ELSE 'in' END, 'b' || j, 'c' || c || '@bench.example',
		   '订单' || c || ' inquiry', ` + phrase + ` || ' #' || j, strftime('%Y-%m-%d %H:%M:%S+00:00', $1, '+' || c || ' seconds'),
		   strftime('%Y-%m-%d %H:%M:%S+00:00', $1, '+' || c || ' seconds')
		 FROM (SELECT j, CASE WHEN j > $2 * 10 THEN $3 ELSE (j - 1) / 10 + 1 END AS c FROM s)`,
	}
}

func itoa(i int) string { return string(rune('0' + i)) }
