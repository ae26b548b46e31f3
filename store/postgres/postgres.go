// Package postgres opens Rapport's PostgreSQL database through pgx/v5's
// pool. The queries are sqlstore's (the pool is wrapped as a *sql.DB); this
// package only connects and tells sqlstore how PostgreSQL differs.
package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// Config says which database to use and how the store behaves.
type Config struct {
	// URL is a postgres:// URL; runtime parameters such as search_path may
	// be given as query parameters.
	URL         string
	Now         func() time.Time
	Logger      *slog.Logger
	PhoneRegion string // for numbers without a country code; default CN
	MaxConns    int32  // 0: pgxpool's default (the larger of 4 and the CPUs)
}

// Open connects and checks that the database answers. It does not migrate:
// call Migrate on the result.
func Open(ctx context.Context, cfg Config) (*sqlstore.DB, error) {
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		// The parse error can quote the URL with its password: keep it out.
		return nil, fmt.Errorf("postgres: the database URL is not valid")
	}
	if cfg.MaxConns > 0 {
		pc.MaxConns = cfg.MaxConns
	}
	pc.AfterConnect = noJIT
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect to %s:%d/%s: %w", pc.ConnConfig.Host, pc.ConnConfig.Port,
			pc.ConnConfig.Database, err)
	}
	return sqlstore.New(sqlstore.Options{Write: stdlib.OpenDBFromPool(pool), Dialect: Dialect{},
		Migrations: migrations.Postgres(), Now: cfg.Now, Logger: cfg.Logger, PhoneRegion: cfg.PhoneRegion,
		Release: pool.Close}), nil
}

// noJIT turns PostgreSQL's JIT compilation off for the connection unless
// the URL set jit itself. Our queries are short or bounded report
// aggregations: compiling one took 80–170 ms (measured on the report
// benchmark), more than running it, whenever the planner's estimate passed
// jit_above_cost. An engine that does not know the setting keeps its own.
func noJIT(ctx context.Context, c *pgx.Conn) error {
	if _, set := c.Config().RuntimeParams["jit"]; !set {
		_, _ = c.Exec(ctx, "SET jit = off")
	}
	return nil
}
