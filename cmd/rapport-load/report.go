package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// recorder keeps one worker's results after the warm-up.
type recorder struct {
	from      time.Time
	latencies []time.Duration
	statuses  map[int]int // 0: transport errors
	firstErr  error
}

func (r *recorder) add(due, done time.Time, status int, err error) {
	if due.Before(r.from) {
		return
	}
	r.statuses[status]++
	if err != nil && r.firstErr == nil {
		r.firstErr = err
	}
	if status >= 200 && status < 300 {
		r.latencies = append(r.latencies, done.Sub(due))
	}
}

// report is the run's figures.
type report struct {
	elapsed   time.Duration
	statuses  map[int]int
	latencies []time.Duration // of the 2xx answers, sorted
	firstErr  error
}

func merge(recs []*recorder, elapsed time.Duration) *report {
	rep := &report{elapsed: elapsed, statuses: map[int]int{}}
	for _, r := range recs {
		rep.latencies = append(rep.latencies, r.latencies...)
		for s, n := range r.statuses {
			rep.statuses[s] += n
		}
		if rep.firstErr == nil {
			rep.firstErr = r.firstErr
		}
	}
	slices.Sort(rep.latencies)
	return rep
}

// percentile returns the p-th percentile (0-100) of the sorted latencies.
func (rep *report) percentile(p float64) time.Duration {
	if len(rep.latencies) == 0 {
		return 0
	}
	i := int(float64(len(rep.latencies)-1) * p / 100)
	return rep.latencies[i]
}

func (rep *report) write(w io.Writer, cfg config) {
	ok := len(rep.latencies)
	total := 0
	for _, n := range rep.statuses {
		total += n
	}
	target := "max"
	if cfg.rate > 0 {
		target = fmt.Sprintf("%.0f/s", cfg.rate)
	}
	fmt.Fprintf(w, "target %s, %d workers, %s measured (after %s warm-up)\n", target, cfg.workers,
		rep.elapsed.Round(time.Millisecond), cfg.warmup)
	fmt.Fprintf(w, "requests %d, 2xx %d, achieved %.0f req/s (2xx %.0f/s)\n", total, ok,
		float64(total)/rep.elapsed.Seconds(), float64(ok)/rep.elapsed.Seconds())
	fmt.Fprintf(w, "latency 2xx: p50 %s  p95 %s  p99 %s  max %s\n", ms(rep.percentile(50)), ms(rep.percentile(95)),
		ms(rep.percentile(99)), ms(rep.percentile(100)))
	for _, s := range slices.Sorted(maps.Keys(rep.statuses)) {
		label := fmt.Sprintf("status %d", s)
		if s == 0 {
			label = "transport errors"
		}
		fmt.Fprintf(w, "%s: %d\n", label, rep.statuses[s])
	}
	if rep.firstErr != nil {
		fmt.Fprintf(w, "first error: %v\n", rep.firstErr)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }
