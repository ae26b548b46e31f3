package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// healthcheck asks a running server's /readyz and exits 0 when it answers
// 200. Container images without a shell or curl (distroless) use it as
// their health check.
func (c *cli) healthcheck(ctx context.Context, args []string) error {
	cfg, err := loadEnv(c.getenv)
	if err != nil {
		return err
	}
	var target string
	fs := c.flagSet("healthcheck")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "`address` the server listens on (RAPPORT_ADDR)")
	fs.StringVar(&target, "url", "", "full `URL` to check instead of http://127.0.0.1:PORT/readyz")
	if err := parse(fs, args); err != nil {
		return err
	}
	if target == "" {
		_, port, err := net.SplitHostPort(cfg.Addr)
		if err != nil {
			return usagef("healthcheck: --addr %q has no port", cfg.Addr)
		}
		target = "http://" + net.JoinHostPort("127.0.0.1", port) + "/readyz"
	}
	return check(ctx, target)
}

func check(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return usagef("healthcheck: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", url, resp.Status)
	}
	return nil
}
