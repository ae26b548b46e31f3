// Package sqlite opens Rapport's embedded database: one SQLite file, through
// modernc.org/sqlite (pure Go, no cgo). The queries are sqlstore's; this
// package only opens the file the right way and tells sqlstore how SQLite
// differs.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// Config says where the database file is and how the store behaves.
type Config struct {
	Path        string // e.g. ./data/rapport.db; its folder is created
	Now         func() time.Time
	Logger      *slog.Logger
	PhoneRegion string // for numbers without a country code; default CN
}

// Open opens (creating if needed) the database file. It does not migrate:
// call Migrate on the result.
//
// Writes go through one connection (SQLite has one writer; queuing in Go is
// cheaper than retrying on SQLITE_BUSY) whose transactions begin IMMEDIATE,
// so that they take the write lock up front and wait on busy_timeout instead
// of failing on upgrade. Reads use a separate pool of query_only
// connections, which WAL lets run beside the writer: at least eight, since
// every WeChat push reads twice (is the sender a colleague, is the
// follower known) while the bot reads each decision's history — with four,
// pushes queued for a reader behind the bot. The inbox's search
// index is a second file beside the first (search*.go).
//
// The writer keeps SQLite's automatic checkpoint (in the commit that
// crosses 1000 pages). Checkpointing from a separate connection instead was
// measured worse: under a steady 500 form posts a second, p99 went from
// about 40 ms to 127 ms (checkpoints every 250 ms) and 230 ms (every 5 s).
func Open(ctx context.Context, cfg Config) (*sqlstore.DB, error) {
	if cfg.Path == "" || strings.ContainsAny(cfg.Path, "?#") || strings.HasPrefix(cfg.Path, ":memory:") {
		return nil, fmt.Errorf("sqlite: database path %q must be a file path without ? or #", cfg.Path)
	}
	if err := os.MkdirAll(filepath.Dir(cfg.Path), 0o750); err != nil {
		return nil, fmt.Errorf("sqlite: create folder: %w", err)
	}
	write, err := openPool(ctx, cfg.Path, writeParams, 1)
	if err != nil {
		return nil, err
	}
	read, err := openPool(ctx, cfg.Path, readParams, max(8, 2*runtime.NumCPU()))
	if err != nil {
		write.Close()
		return nil, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	search, err := openSearch(ctx, searchPath(cfg.Path), read, log)
	if err != nil {
		write.Close()
		read.Close()
		return nil, err
	}
	return sqlstore.New(sqlstore.Options{Write: write, Read: read, Dialect: Dialect{}, Search: search,
		Migrations: migrations.SQLite(), Now: cfg.Now, Logger: cfg.Logger, PhoneRegion: cfg.PhoneRegion}), nil
}

// busy_timeout comes first so that the pragmas after it wait for a lock
// instead of failing; times are written in SQLite's own text form
// (sortable when UTC). The writer keeps temporary files in memory: a
// multi-row INSERT of an ingest batch keeps a statement journal (to undo
// that statement alone), which past 64 KiB spilled to a temporary file —
// 7.5 % of the ingest CPU went to writing it.
const commonParams = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_time_format=sqlite"

const (
	writeParams = commonParams + "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)&_txlock=immediate"
	readParams  = commonParams + "&_pragma=query_only(1)"
)

func openPool(ctx context.Context, path, params string, conns int) (*sql.DB, error) {
	c, err := newConnector("file:" + path + "?" + params)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return db, nil
}
