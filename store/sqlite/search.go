package sqlite

import (
	"database/sql"
	"log/slog"
	"sync"
	"time"
)

// The inbox's full-text index (FTS5 with trigrams, so Chinese needs no word
// segmentation) lives in a file of its own beside the database,
// rapport-search.db, and is filled from the messages table behind the
// writer's back rather than by a trigger inside every ingest transaction.
//
// Why: FTS5 writes a segment per transaction and merges segments as they
// pile up, and at a steady 500 web-form posts a second, where nearly every
// submission commits alone, those merges made some commits take 15–50 ms.
// Measured A/B (scripts/measure-forms): the slowest request took 35–51 ms
// with the index in the database and 12–20 ms with it here, and the p99,
// 16–28 ms in a busy hour, fell to what it is without any index (9 ms). In
// its own file the index has its own write lock, so its merges hold up
// only itself, and it is written in batches, which makes far fewer
// segments.
//
// The index is derived data: deleting the file rebuilds it from the
// messages. It records the last message it holds (id and key); when that
// message is not in the database any more (a restored backup, say) the
// index is rebuilt. A search first indexes what is new, so it always finds
// the messages committed before it (read-your-writes); between searches a
// background loop keeps the index close behind.

const (
	searchVersion      = 1
	searchBatch        = 500 // messages per index transaction
	searchCatchUpLimit = 8   // batches a search waits for, at most
	searchInterval     = 250 * time.Millisecond
)

// searchDoc is the text a message is found by: subject, sender and the
// first 20,000 characters of its text (PostgreSQL's index is on the same
// columns: migrations/postgres/0007_inbox.sql).
const searchDoc = `subject || ' ' || from_name || ' ' || from_address || ' ' || substr(text, 1, 20000)`

const searchSchema = `
CREATE TABLE IF NOT EXISTS search_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    through_id INTEGER NOT NULL, -- the last message indexed
    through    TEXT NOT NULL     -- its channel, account and external id
);
CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(doc, tokenize = 'trigram');`

// searchIndex is sqlstore.MessageIndex for SQLite.
type searchIndex struct {
	write *sql.DB // the index file, one connection
	read  *sql.DB // the index file, query_only
	main  *sql.DB // the database's read pool: where messages come from
	log   *slog.Logger

	mu       sync.Mutex // one indexer at a time (in this process)
	checked  bool       // the index was checked against the database
	through  int64      // the last message indexed, as last seen
	lastErr  string     // the background loop's last error, logged once
	stop     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}
