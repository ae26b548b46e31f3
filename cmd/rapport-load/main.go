// Command rapport-load sends HTTP requests at a target rate (or as fast as
// its workers can) for a while and reports the rate achieved and the
// latency percentiles. It was written to measure web-form capture
// (POST /f/{key}) and serves any endpoint that takes a templated body.
//
//	rapport-load -url http://127.0.0.1:8080/f/KEY -rate 500 -c 32 -d 30s
//	rapport-load -url http://127.0.0.1:8080/f/KEY -rate 0 -c 64 -d 30s   # as fast as it goes
//
// In the body, {n} becomes the request's sequence number and {run} a random
// id of this run, so that every submission is distinct (a new lead).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "rapport-load:", err)
		os.Exit(2)
	}
}

func run(args []string, out io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := newRunner(cfg).run(ctx)
	if err != nil {
		return err
	}
	rep.write(out, cfg)
	return nil
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("rapport-load", flag.ContinueOnError)
	fs.StringVar(&c.url, "url", "", "`URL` to send to (required)")
	fs.StringVar(&c.method, "method", "POST", "HTTP method")
	fs.StringVar(&c.body, "body", "full_name=Load+{n}&email=load-{run}-{n}%40bench.example&msg=Hello+{n}",
		"request body; {n} is the sequence number, {run} this run's id")
	fs.StringVar(&c.contentType, "type", "application/x-www-form-urlencoded", "Content-Type of the body")
	fs.Float64Var(&c.rate, "rate", 0, "target requests per second; 0: as fast as the workers go")
	fs.IntVar(&c.workers, "c", 32, "concurrent requests (workers)")
	fs.DurationVar(&c.duration, "d", 10*time.Second, "how long to send")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "sent first and left out of the figures")
	fs.IntVar(&c.spreadIPs, "spread-ips", 0, "send X-Forwarded-For from this many addresses in turn "+
		"(for a server that trusts this client as a proxy); 0: none")
	fs.DurationVar(&c.timeout, "timeout", 10*time.Second, "per-request timeout")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.url == "" || c.workers < 1 || c.duration <= 0 || c.rate < 0 {
		return c, fmt.Errorf("need -url, -c ≥ 1, -d > 0 and -rate ≥ 0")
	}
	return c, nil
}
