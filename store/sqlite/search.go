package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/store/sqlstore"
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

// searchPath is the index file of the database at dbPath.
func searchPath(dbPath string) string {
	return strings.TrimSuffix(dbPath, ".db") + "-search.db"
}

// openSearch opens (creating if needed) the index file of the database
// whose read pool is main, and starts the loop that keeps it filled. A file
// that cannot be used (not a database, damaged) is replaced by an empty
// one: the index is derived data, and must not keep Rapport from starting.
func openSearch(ctx context.Context, path string, main *sql.DB, log *slog.Logger) (*searchIndex, error) {
	x, err := openSearchFile(ctx, path, main, log)
	if err != nil {
		log.Warn("search index unusable; starting it again", "path", path, "err", err)
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if rmErr := os.Remove(path + suffix); rmErr != nil && !os.IsNotExist(rmErr) {
				return nil, fmt.Errorf("%w (and it could not be removed: %v)", err, rmErr)
			}
		}
		x, err = openSearchFile(ctx, path, main, log)
	}
	if err != nil {
		return nil, err
	}
	go x.loop()
	return x, nil
}

func openSearchFile(ctx context.Context, path string, main *sql.DB, log *slog.Logger) (*searchIndex, error) {
	write, err := openPool(ctx, path, writeParams, 1)
	if err != nil {
		return nil, err
	}
	read, err := openPool(ctx, path, readParams, 2)
	if err != nil {
		write.Close()
		return nil, err
	}
	x := &searchIndex{write: write, read: read, main: main, log: log,
		stop: make(chan struct{}), done: make(chan struct{})}
	if err := x.prepare(ctx); err != nil {
		x.closePools()
		return nil, err
	}
	return x, nil
}

// prepare creates the schema, or recreates it empty when it is of another
// version.
func (x *searchIndex) prepare(ctx context.Context) error {
	var version int
	err := x.write.QueryRowContext(ctx, `SELECT version FROM search_state`).Scan(&version)
	if err == nil && version == searchVersion {
		return nil
	}
	if err == nil || strings.Contains(err.Error(), "no such table") || errors.Is(err, sql.ErrNoRows) {
		return x.reset(ctx)
	}
	return fmt.Errorf("sqlite: search index: %w", err)
}

// reset empties the index, to be filled again from the first message.
func (x *searchIndex) reset(ctx context.Context) error {
	_, err := x.write.ExecContext(ctx, `DROP TABLE IF EXISTS message_search; DROP TABLE IF EXISTS search_state;`+
		searchSchema+`INSERT INTO search_state VALUES (1, $1, 0, '')`, searchVersion)
	if err != nil {
		return fmt.Errorf("sqlite: search index: reset: %w", err)
	}
	x.through = 0
	return nil
}

// Newest returns the ids of the newest limit messages whose text contains
// every word, after indexing what is new.
func (x *searchIndex) Newest(ctx context.Context, words []string, limit int) ([]int64, error) {
	if err := x.catchUp(ctx, searchCatchUpLimit); err != nil {
		return nil, err
	}
	cond, args := matchWords(words)
	rows, err := x.read.QueryContext(ctx, `SELECT rowid FROM message_search WHERE `+cond+
		` ORDER BY rowid DESC LIMIT `+fmt.Sprint(limit), args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: search: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	return ids, nil
}

// CatchUp indexes every message not indexed yet.
func (x *searchIndex) CatchUp(ctx context.Context) error {
	return x.catchUp(ctx, 1<<30)
}

// matchWords builds the condition: one MATCH of quoted phrases for the
// words of three characters or more (trigrams), LIKE for shorter ones,
// which only the rows the longer words found need to pass (alone, they
// scan every row: slower, and docs/inbox.md says so).
func matchWords(words []string) (string, []any) {
	var phrases, conds []string
	var args []any
	for _, word := range words {
		if utf8.RuneCountInString(word) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(word, `"`, `""`)+`"`)
			continue
		}
		args = append(args, "%"+sqlstore.EscapeLike(word)+"%")
		conds = append(conds, fmt.Sprintf(`doc LIKE $%d ESCAPE '\'`, len(args)))
	}
	if len(phrases) > 0 {
		args = append(args, strings.Join(phrases, " AND "))
		conds = append([]string{fmt.Sprintf("message_search MATCH $%d", len(args))}, conds...)
	}
	return strings.Join(conds, " AND "), args
}

// loop indexes new messages every searchInterval until Close.
func (x *searchIndex) loop() {
	defer close(x.done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-x.stop
		cancel()
	}()
	t := time.NewTicker(searchInterval)
	defer t.Stop()
	for {
		select {
		case <-x.stop:
			return
		case <-t.C:
			x.report(x.CatchUp(ctx))
		}
	}
}

// report logs the loop's errors once each, and their end.
func (x *searchIndex) report(err error) {
	msg := ""
	if err != nil && !errors.Is(err, context.Canceled) {
		msg = err.Error()
	}
	switch {
	case msg == x.lastErr:
	case msg == "":
		x.log.Info("search index works again")
	default:
		x.log.Warn("search index: cannot index new messages", "err", msg)
	}
	x.lastErr = msg
}

// catchUp indexes the messages written since it last ran, in at most
// batches transactions (a search does not wait for a whole rebuild).
func (x *searchIndex) catchUp(ctx context.Context, batches int) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	last, err := x.lastMessage(ctx)
	if err != nil || last == x.through {
		return err
	}
	if !x.checked {
		if err := x.check(ctx); err != nil {
			return err
		}
		x.checked = true
	}
	for range batches {
		n, err := x.indexBatch(ctx)
		if err != nil || n < searchBatch {
			return err
		}
	}
	return nil
}

// lastMessage is the newest message's id, 0 while there is none or the
// database is not migrated yet (the loop starts before Migrate runs).
func (x *searchIndex) lastMessage(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	err := x.main.QueryRowContext(ctx, `SELECT max(id) FROM messages`).Scan(&id)
	if err != nil && strings.Contains(err.Error(), "no such table") {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	return id.Int64, nil
}

// check resets the index when the last message it holds is not in the
// database as it was indexed: the database is not the one it was built
// from (restored from a backup, or replaced).
func (x *searchIndex) check(ctx context.Context) error {
	var id int64
	var key string
	if err := x.write.QueryRowContext(ctx, `SELECT through_id, through FROM search_state`).Scan(&id, &key); err != nil {
		return fmt.Errorf("sqlite: search index: %w", err)
	}
	if id == 0 {
		x.through = 0
		return nil
	}
	var now string
	err := x.main.QueryRowContext(ctx, `SELECT `+messageKey+` FROM messages WHERE id = $1`, id).Scan(&now)
	if err == nil && now == key {
		x.through = id
		return nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: search index: %w", err)
	}
	x.log.Warn("search index: built from another copy of the database; rebuilding it", "last_indexed", id)
	return x.reset(ctx)
}

// messageKey identifies a message beyond its id.
const messageKey = `channel || ' ' || account || ' ' || external_id`

// indexBatch indexes up to searchBatch messages after the last one indexed,
// in one transaction of the index file, and returns how many.
func (x *searchIndex) indexBatch(ctx context.Context) (int, error) {
	tx, err := x.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	defer tx.Rollback()
	// Read inside the transaction: another process (a CLI command) may
	// have indexed since this one last looked.
	var through int64
	if err := tx.QueryRowContext(ctx, `SELECT through_id FROM search_state`).Scan(&through); err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	docs, err := x.newDocs(ctx, through)
	if err != nil || len(docs) == 0 {
		x.through = through
		return 0, err
	}
	for _, d := range docs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO message_search (rowid, doc) VALUES ($1, $2)`, d.id, d.doc); err != nil {
			return 0, fmt.Errorf("sqlite: search index: message %d: %w", d.id, err)
		}
	}
	last := docs[len(docs)-1]
	if _, err := tx.ExecContext(ctx, `UPDATE search_state SET through_id = $1, through = $2`, last.id, last.key); err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	x.through = last.id
	return len(docs), nil
}

type searchDocRow struct {
	id       int64
	key, doc string
}

// newDocs reads the next messages after through, oldest first. Ids only
// grow in commit order (one writer; AUTOINCREMENT), so none is skipped.
func (x *searchIndex) newDocs(ctx context.Context, through int64) ([]searchDocRow, error) {
	rows, err := x.main.QueryContext(ctx, `SELECT id, `+messageKey+`, `+searchDoc+`
		FROM messages WHERE id > $1 ORDER BY id LIMIT $2`, through, searchBatch)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search index: %w", err)
	}
	defer rows.Close()
	var docs []searchDocRow
	for rows.Next() {
		var d searchDocRow
		if err := rows.Scan(&d.id, &d.key, &d.doc); err != nil {
			return nil, fmt.Errorf("sqlite: search index: %w", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search index: %w", err)
	}
	return docs, nil
}

// Close stops the loop (waiting for its transaction) and closes the file.
// A second Close does nothing.
func (x *searchIndex) Close() error {
	var err error
	x.stopOnce.Do(func() {
		close(x.stop)
		<-x.done
		err = x.closePools()
	})
	return err
}

func (x *searchIndex) closePools() error {
	return errors.Join(x.write.Close(), x.read.Close())
}
