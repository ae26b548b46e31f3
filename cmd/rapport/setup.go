package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// flagSet returns a command's flag set, reporting to stderr.
func (c *cli) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("rapport "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = usageFunc(fs, name)
	return fs
}

// parse parses args and refuses stray arguments.
func parse(fs *flag.FlagSet, args []string) error { return parseArgs(fs, args, 0) }

// parseArgs parses args, which must end with exactly n arguments after
// the flags.
func parseArgs(fs *flag.FlagSet, args []string, n int) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errFlagsPrinted
	}
	if fs.NArg() > n && n > 0 && strings.HasPrefix(fs.Arg(n), "-") {
		return usagef("%s: unexpected argument %q: flags come before the file", fs.Name(), fs.Arg(n))
	}
	if fs.NArg() > n {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(n))
	}
	if fs.NArg() < n {
		return usagef("%s: expected %d argument(s) after the flags", fs.Name(), n)
	}
	return nil
}

// newLogger writes structured logs to w (stderr): stdout is kept for what
// a command prints for the user.
func newLogger(w io.Writer, level, format string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level)) // validated before
	opts := &slog.HandlerOptions{Level: l}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens the configured database: PostgreSQL when a URL is set,
// else SQLite in the data directory, created if needed.
func openStore(ctx context.Context, cfg *Config, log *slog.Logger) (*sqlstore.DB, error) {
	if cfg.UsesPostgres() {
		db, err := postgres.Open(ctx, postgres.Config{URL: cfg.DatabaseURL, Now: time.Now,
			Logger: log, PhoneRegion: cfg.PhoneRegion, MaxConns: int32(cfg.DBMaxConns)})
		if err != nil {
			return nil, fmt.Errorf("open the PostgreSQL database: %w", err)
		}
		return db, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create the data directory: %w", err)
	}
	db, err := sqlite.Open(ctx, sqlite.Config{Path: cfg.SQLitePath(), Now: time.Now,
		Logger: log, PhoneRegion: cfg.PhoneRegion})
	if err != nil {
		return nil, fmt.Errorf("open the SQLite database %s: %w", cfg.SQLitePath(), err)
	}
	return db, nil
}

// openMigrated opens the store and brings its schema up to date, so that
// every command works on a fresh data directory.
func openMigrated(ctx context.Context, cfg *Config, log *slog.Logger) (*sqlstore.DB, []string, error) {
	db, err := openStore(ctx, cfg, log)
	if err != nil {
		return nil, nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("migrate the database: %w", err)
	}
	if err := secureSecrets(ctx, cfg, db, log); err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, applied, nil
}

// storageCommand is the common start of the database commands: the
// environment, the storage flags plus extra ones, validation, a logger.
func (c *cli) storageCommand(name string, args []string, extra func(*flag.FlagSet, *Config)) (*Config, *slog.Logger, error) {
	cfg, log, _, err := c.storageCommandArgs(name, args, extra, 0)
	return cfg, log, err
}

// storageCommandArgs is storageCommand for a command that takes n
// arguments after its flags (rapport import FILE), which it returns.
func (c *cli) storageCommandArgs(name string, args []string, extra func(*flag.FlagSet, *Config), n int) (*Config, *slog.Logger, []string, error) {
	cfg, err := loadEnv(c.getenv)
	if err != nil {
		return nil, nil, nil, err
	}
	fs := c.flagSet(name)
	cfg.storageFlags(fs)
	if extra != nil {
		extra(fs, &cfg)
	}
	if err := parseArgs(fs, args, n); err != nil {
		return nil, nil, nil, err
	}
	if err := cfg.validateStorage(); err != nil {
		return nil, nil, nil, err
	}
	return &cfg, newLogger(c.stderr, cfg.LogLevel, cfg.LogFormat), fs.Args(), nil
}
