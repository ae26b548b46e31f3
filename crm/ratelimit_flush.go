package crm

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// maybeFlush starts a flush off the caller's path when the last began
// flushEvery ago, or at once when a key is spending its credit fast (hot),
// so that a request rarely finds its credit gone. One runs at a time.
func (l *SharedLimiter) maybeFlush(ctx context.Context, now time.Time, hot bool) {
	if !hot && now.UnixNano()-l.flushedAt.Load() < int64(flushEvery) {
		return
	}
	if !l.flushing.TryLock() {
		return
	}
	go func() {
		defer l.flushing.Unlock()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		l.flush(ctx, now)
	}()
}

// Flush adds every hit counted here to the table now and learns the
// totals (tests; a flush already running is waited for first).
func (l *SharedLimiter) Flush(ctx context.Context, now time.Time) {
	l.flushing.Lock()
	defer l.flushing.Unlock()
	l.flush(ctx, now)
}

// flush sends what each key counted since the last one, in one statement
// whose rows are in key order (two instances' statements then lock their
// rows in the same order and cannot deadlock), and forgets the keys of
// ended windows. l.flushing is held.
func (l *SharedLimiter) flush(ctx context.Context, now time.Time) {
	l.flushedAt.Store(now.UnixNano())
	sec := now.Unix()
	type sending struct {
		key string
		k   *sharedKey
		n   int64
	}
	var out []sending
	l.mu.Lock()
	if now.Before(l.down) {
		l.mu.Unlock()
		return
	}
	for key, k := range l.keys {
		if k.window+l.window <= sec && k.sent == 0 {
			delete(l.keys, key) // its window ended: nothing it holds matters now
			continue
		}
		if k.local != 0 {
			out = append(out, sending{key, k, k.local})
			k.sent += k.local
			k.local = 0
		} else if len(l.keys) > maxKeys && k.sent == 0 && k.known < l.burst {
			delete(l.keys, key) // known again from the table when next hit
		}
	}
	l.mu.Unlock()
	if len(out) == 0 {
		return
	}
	slices.SortFunc(out, func(a, b sending) int { return cmp.Compare(a.key, b.key) })
	counts := make([]RateCount, len(out))
	for i, s := range out {
		counts[i] = l.count(s.key, s.k.window, s.n)
	}
	totals, err := l.store.AddHits(ctx, counts)
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, s := range out {
		s.k.sent -= s.n
		if err != nil {
			s.k.local += s.n // the next flush sends them again
			continue
		}
		s.k.known = max(s.k.known, totals[i])
	}
	if err != nil {
		l.failed(now, err)
	}
}
