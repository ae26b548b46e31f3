package email_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/email"
	"github.com/rapport-crm/rapport/internal/testkit"
)

// deadHolder is the store as a killed process leaves it: the lease it held
// is never given back.
type deadHolder struct{ email.Store }

func (deadHolder) ReleaseMailboxLease(context.Context, int64, string) error { return nil }

// TestLeaseAfterACrash: a poller killed while holding the lease, restarted
// under the same instance name, polls at once (the clock stands still);
// another instance keeps off until the lease runs out, then takes over
// within 1⅓ lease lives (15 s default: under 20 s of clock).
func TestLeaseAfterACrash(t *testing.T) {
	tests := []struct {
		name, next string
		expiry     bool // the clock must pass the dead holder's lease
	}{
		{"restarted under the same name polls at once", "a", false},
		{"another instance takes over when the lease runs out", "b", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			clock := testkit.NewClock(time.Now())
			tries := make(chan time.Duration, 100)
			edit := func(c *email.PollerConfig) {
				c.Now, c.Store = clock.Now, deadHolder{w.db}
				c.Wait = func(ctx context.Context, d time.Duration) error {
					select {
					case tries <- d:
					default:
					}
					return pause(ctx)
				}
			}
			w.imap.deliver(t, "INBOX", mail("l@example.cn", "one", "c1@example.cn"))
			kill := w.pollerWith("a", w.ing, edit)
			w.ing.waitFor(t, "c1@example.cn")
			kill()
			w.imap.deliver(t, "INBOX", mail("l@example.cn", "two", "c2@example.cn"))
			w.pollerWith(tt.next, w.ing, edit)
			if tt.expiry {
				for range 3 { // three tries refused while the lease runs
					if d := <-tries; d != 5*time.Second {
						t.Fatalf("retries after %v, want every 5 s", d)
					}
				}
				if n := len(w.ing.results); n != 0 {
					t.Fatalf("%d messages ingested under a live lease", n)
				}
				clock.Add(15*time.Second + time.Millisecond)
			}
			w.ing.waitFor(t, "c2@example.cn")
			mb, err := w.db.Mailbox(context.Background(), w.mb.ID)
			if err != nil || mb.Status.Holder != tt.next {
				t.Fatalf("holder %q (%v), want %q", mb.Status.Holder, err, tt.next)
			}
		})
	}
}

// flakyLease fails every lease renewal after the first take.
type flakyLease struct {
	email.Store
	takes atomic.Int32
}

func (f *flakyLease) TakeMailboxLease(ctx context.Context, id int64, holder string, now, until time.Time) (bool, error) {
	if f.takes.Add(1) > 1 {
		return false, errors.New("database unreachable")
	}
	return f.Store.TakeMailboxLease(ctx, id, holder, now, until)
}

// TestPollerStopsBeforeItsLeaseRunsOut: renewals that fail are retried
// while the lease has time left, and the session ends before it runs
// out, so no second instance can poll beside it.
func TestPollerStopsBeforeItsLeaseRunsOut(t *testing.T) {
	w := newWorld(t)
	clock := testkit.NewClock(time.Now())
	store := &flakyLease{Store: w.db}
	w.imap.deliver(t, "INBOX", mail("l@example.cn", "one", "f1@example.cn"))
	w.pollerWith("a", w.ing, func(c *email.PollerConfig) {
		c.Now, c.Store, c.LeaseTTL = clock.Now, store, 300*time.Millisecond
		c.Backoff = func(int) time.Duration { return time.Hour }
	})
	w.ing.waitFor(t, "f1@example.cn")
	for store.takes.Load() < 4 { // failed renewals, with time left: the session goes on
		pauseFor(10 * time.Millisecond)
	}
	assertStatus(t, w, func(last string) bool { return last == "" })
	clock.Add(250 * time.Millisecond) // the next try would come after the lease ran out
	assertStatus(t, w, func(last string) bool { return strings.Contains(last, "lease lost") })
}

func assertStatus(t *testing.T, w *world, ok func(lastError string) bool) {
	t.Helper()
	for deadline := time.Now().Add(hang); time.Now().Before(deadline); pauseFor(10 * time.Millisecond) {
		mb, err := w.db.Mailbox(context.Background(), w.mb.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ok(mb.Status.LastError) {
			return
		}
	}
	t.Fatal("mailbox status never as wanted")
}

// pause yields briefly: the poller's loop goes round without hurrying
// the test's clock (which only the test moves).
func pause(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
		return nil
	}
}

func pauseFor(d time.Duration) { time.Sleep(d) }
