package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// The search index's file: opened, created, checked for its version and
// against the database it was built from, emptied and closed.

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
