package sqlite

import (
	"context"
	"database/sql/driver"

	"modernc.org/sqlite"
)

// Every store call runs a handful of statements, and modernc prepares each
// one anew: parsing was the largest part of a contact lookup's CPU time.
// This connector keeps each connection's prepared statements by their SQL
// text and reuses them. (A multi-statement script is kept too, but modernc
// parses those on every run anyway; migrations run once.)

// maxCached bounds the statements kept per connection. The store's queries
// are a fixed set (filters combine into a few hundred texts at most).
const maxCached = 512

type cachingConnector struct{ base driver.Connector }

func newConnector(dsn string) (driver.Connector, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return cachingConnector{base}, nil
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &cachedConn{Conn: conn, stmts: map[string]*cachedStmt{}}, nil
}

func (c cachingConnector) Driver() driver.Driver { return c.base.Driver() }

// cachedConn is used by one goroutine at a time (database/sql's rule for
// driver connections), so the cache needs no lock.
type cachedConn struct {
	driver.Conn
	stmts map[string]*cachedStmt
}

type cachedStmt struct {
	st   driver.Stmt
	busy bool // its rows are open: a second use must not reset it
}

// stmt returns the cached statement for query, preparing it on first use,
// or nil when the caller should run query uncached.
func (c *cachedConn) stmt(ctx context.Context, query string) *cachedStmt {
	if s, ok := c.stmts[query]; ok {
		if s.busy {
			return nil
		}
		return s
	}
	if len(c.stmts) >= maxCached {
		c.evict()
	}
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil // the uncached path reports the error
	}
	s := &cachedStmt{st: st}
	c.stmts[query] = s
	return s
}

func (c *cachedConn) evict() {
	for q, s := range c.stmts {
		if !s.busy {
			s.st.Close()
			delete(c.stmts, q)
		}
	}
}

func (c *cachedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s := c.stmt(ctx, query)
	if s == nil {
		return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	}
	s.busy = true
	defer func() { s.busy = false }()
	return s.st.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *cachedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s := c.stmt(ctx, query)
	if s == nil {
		return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	}
	s.busy = true
	rows, err := s.st.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		s.busy = false
		return nil, err
	}
	return &cachedRows{Rows: rows, s: s}, nil
}

// cachedRows frees its statement for reuse when closed (modernc resets it).
type cachedRows struct {
	driver.Rows
	s *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.s.busy = false
	return err
}

func (c *cachedConn) Close() error {
	for _, s := range c.stmts {
		s.st.Close()
	}
	c.stmts = nil
	return c.Conn.Close()
}

// The methods below pass on what modernc's connection offers, which
// embedding driver.Conn alone would hide from database/sql.

func (c *cachedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *cachedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *cachedConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *cachedConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *cachedConn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }
