package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/rapport-crm/rapport/web"
)

// serve runs the web app until SIGINT or SIGTERM: open and migrate the
// database, create the first administrator on an empty one, listen, and
// shut down gracefully.
func (c *cli) serve(ctx context.Context, args []string) error {
	cfg, log, err := c.storageCommand("serve", args, func(fs *flag.FlagSet, cfg *Config) { cfg.serveFlags(fs) })
	if err != nil {
		return err
	}
	if err := cfg.validateServe(); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	db, applied, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	log.Info("database ready", "engine", engineName(cfg), "migrations_applied", len(applied))
	blobs, err := openFiles(ctx, cfg, cfg.FilesURL)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	defer ln.Close()
	baseURL := cfg.publicURL(ln.Addr())
	if err := ensureAdmin(ctx, db, cfg.AdminEmail, baseURL, c.self, c.stdout, log); err != nil {
		return err
	}
	// Hand start-up garbage back to the OS now rather than over minutes:
	// hashing the first administrator's password takes 64 MiB (argon2id).
	debug.FreeOSMemory()
	inst := claimInstance(cfg.DataDir, log)
	defer inst.release()
	log.Info("instance", "holder", inst.name)
	p, err := newPipeline(cfg, db, blobs, baseURL, inst.name, log)
	if err != nil {
		return err
	}
	deps := p.webDeps(web.Deps{Store: db, Blobs: blobs, Logger: log, Now: time.Now, Version: versionString(),
		TimeZone: cfg.CareTimeZone}, db)
	h := web.New(web.Config{BaseURL: baseURL, SessionTTL: cfg.SessionTTL, MaxBodyBytes: cfg.MaxBodyBytes,
		TrustedProxies: cfg.trustedProxies, MetricsToken: cfg.MetricsToken, AccessLog: cfg.AccessLog}, deps)
	bg := startWorkers(log, p.workers)
	defer bg.stop()
	log.Info("listening", "addr", ln.Addr().String(), "url", baseURL, "version", versionString())
	return runHTTP(ctx, stop, ln, h, cfg.ShutdownTimeout, log)
}

func engineName(cfg *Config) string {
	if cfg.UsesPostgres() {
		return "postgres"
	}
	return "sqlite"
}

// publicURL is the configured base URL, or one made from the address
// actually listened on (":8080" becomes http://localhost:8080).
func (cfg *Config) publicURL(addr net.Addr) string {
	if cfg.BaseURL != "" {
		return cfg.BaseURL
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
