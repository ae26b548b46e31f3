package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"log/slog"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/sealed"
)

// Options are what an engine package hands to New.
type Options struct {
	Write      *sql.DB // every transaction that writes
	Read       *sql.DB // reads; nil: Write
	Dialect    Dialect
	Migrations fs.FS // the engine's numbered .sql files
	Now        func() time.Time
	Logger     *slog.Logger
	// PhoneRegion is the region for phone numbers written without a country
	// code; empty: crm.DefaultRegion.
	PhoneRegion string
	// Release, if set, frees what the engine holds beside the pools (the
	// pgx pool under PostgreSQL's *sql.DB); Close calls it last.
	Release func()
	// Search, if set, is where the inbox search finds messages by their
	// text (SQLite's index file); nil: a trigram index on messages itself
	// (PostgreSQL).
	Search MessageIndex
}

// MessageIndex is a full-text index of messages kept apart from the
// messages table.
type MessageIndex interface {
	// Newest returns the ids of the newest limit messages whose search
	// text contains every word (in any case for Latin letters), counting
	// every message committed before the call.
	Newest(ctx context.Context, words []string, limit int) ([]int64, error)
	// CatchUp indexes every message not indexed yet, now.
	CatchUp(ctx context.Context) error
	// Close stops the index's work; a second Close does nothing.
	Close() error
}

// DB implements crm.Store.
type DB struct {
	write      *sql.DB
	read       *sql.DB
	dialect    Dialect
	migrations fs.FS
	clock      func() time.Time
	log        *slog.Logger
	region     string
	release    func()
	search     MessageIndex
	box        *sealed.Box // seals secrets; nil: written clear (UseSealer)
}

var _ crm.Store = (*DB)(nil)

// New returns a DB over already opened connections. It does not migrate.
func New(o Options) *DB {
	db := &DB{write: o.Write, read: o.Read, dialect: o.Dialect, migrations: o.Migrations,
		clock: o.Now, log: o.Logger, region: o.PhoneRegion, release: o.Release, search: o.Search}
	if db.read == nil {
		db.read = db.write
	}
	if db.clock == nil {
		db.clock = time.Now
	}
	if db.log == nil {
		db.log = slog.New(slog.DiscardHandler)
	}
	if db.region == "" {
		db.region = crm.DefaultRegion
	}
	return db
}

// now returns the current time as the database keeps it: UTC, microseconds
// (PostgreSQL's precision), so that what is written reads back equal.
func (db *DB) now() time.Time { return utc(db.clock()) }

func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return err
	}
	if db.read != db.write {
		return db.read.PingContext(ctx)
	}
	return nil
}

// IndexSearch brings the search index up to date with every stored message
// (a search does so itself, in part: this is for benchmarks, which must not
// time an index being built). Without a MessageIndex it does nothing.
func (db *DB) IndexSearch(ctx context.Context) error {
	if db.search == nil {
		return nil
	}
	return db.search.CatchUp(ctx)
}

// Close stops the search index's work and releases both pools.
func (db *DB) Close() error {
	var err error
	if db.search != nil {
		err = db.search.Close()
	}
	err = errors.Join(err, db.write.Close())
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	if db.release != nil {
		db.release()
	}
	return err
}
