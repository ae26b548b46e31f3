package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type config struct {
	url, method, body, contentType string
	rate                           float64
	workers, spreadIPs             int
	duration, warmup, timeout      time.Duration
}

// runner sends the requests. With a target rate each request has a planned
// start time and its latency counts from then, so a slow server is not
// hidden by requests that were never sent (coordinated omission).
type runner struct {
	cfg    config
	client *http.Client
	runID  string
	seq    atomic.Int64
}

func newRunner(cfg config) *runner {
	tr := &http.Transport{MaxIdleConns: cfg.workers, MaxIdleConnsPerHost: cfg.workers, IdleConnTimeout: time.Minute}
	return &runner{cfg: cfg, client: &http.Client{Transport: tr, Timeout: cfg.timeout},
		runID: strings.ToLower(rand.Text()[:8])}
}

// job is one request: when it was due.
type job struct{ due time.Time }

func (r *runner) run(ctx context.Context) (*report, error) {
	start := time.Now()
	measureFrom, end := start.Add(r.cfg.warmup), start.Add(r.cfg.warmup+r.cfg.duration)
	jobs := make(chan job, r.cfg.workers*4)
	go r.schedule(ctx, jobs, start, end)
	recs := make([]*recorder, r.cfg.workers)
	var wg sync.WaitGroup
	for i := range recs {
		recs[i] = &recorder{from: measureFrom, statuses: map[int]int{}}
		wg.Go(func() { r.work(jobs, recs[i]) })
	}
	wg.Wait()
	return merge(recs, time.Since(measureFrom)), nil
}

// schedule hands out jobs: paced at the target rate, or as fast as the
// workers take them.
func (r *runner) schedule(ctx context.Context, jobs chan<- job, start, end time.Time) {
	defer close(jobs)
	for i := 0; ; i++ {
		due := time.Now()
		if r.cfg.rate > 0 {
			due = start.Add(time.Duration(float64(i) / r.cfg.rate * float64(time.Second)))
			if wait := time.Until(due); wait > 0 {
				select {
				case <-time.After(wait):
				case <-ctx.Done():
					return
				}
			}
		}
		if due.After(end) || ctx.Err() != nil {
			return
		}
		select {
		case jobs <- job{due: due}:
		case <-ctx.Done():
			return
		}
	}
}

func (r *runner) work(jobs <-chan job, rec *recorder) {
	for j := range jobs {
		status, err := r.send()
		rec.add(j.due, time.Now(), status, err)
	}
}

// send makes one request with a fresh body and reads the answer whole, so
// that the connection is reused.
func (r *runner) send() (int, error) {
	n := r.seq.Add(1)
	body := strings.NewReplacer("{n}", strconv.FormatInt(n, 10), "{run}", r.runID).Replace(r.cfg.body)
	req, err := http.NewRequest(r.cfg.method, r.cfg.url, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", r.cfg.contentType)
	req.Header.Set("Accept", "application/json")
	if k := r.cfg.spreadIPs; k > 0 {
		i := n % int64(k)
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}
