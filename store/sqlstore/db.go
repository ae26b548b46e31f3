// Package sqlstore is Rapport's one implementation of crm.Store in raw SQL
// over database/sql. The engine packages (store/sqlite, store/postgres) open
// the connections and supply a Dialect for the few things that differ; the
// queries, the rules and the transactions live here, so that both engines
// behave the same.
//
// SQL uses $1, $2… placeholders, which both PostgreSQL and SQLite bind by
// number.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"log/slog"
	"time"

	"github.com/rapport-crm/rapport/crm"
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
}

var _ crm.Store = (*DB)(nil)

// New returns a DB over already opened connections. It does not migrate.
func New(o Options) *DB {
	db := &DB{write: o.Write, read: o.Read, dialect: o.Dialect, migrations: o.Migrations,
		clock: o.Now, log: o.Logger, region: o.PhoneRegion, release: o.Release}
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

// Close releases both pools.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	if db.release != nil {
		db.release()
	}
	return err
}
