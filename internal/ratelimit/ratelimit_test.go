package ratelimit

import (
	"fmt"
	"testing"
	"time"
)

func TestTakeSpendsAndRefills(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		k        *Keyed
		takes    int           // at t0, all allowed
		at       time.Duration // then one more at t0+at
		wantOK   bool
		wantWait time.Duration
	}{
		{"burst spent", PerMinute(5), 5, 0, false, 12 * time.Second},
		{"refilled one", PerMinute(5), 5, 12 * time.Second, true, 0},
		{"partly refilled", PerMinute(5), 5, 2 * time.Second, false, 10 * time.Second},
		{"per second", New(100, 200), 200, 0, false, 10 * time.Millisecond},
		{"never", New(1, 0), 0, 0, false, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.takes {
				if ok, _ := tt.k.Take("a", t0); !ok {
					t.Fatalf("take %d refused within the burst", i+1)
				}
			}
			ok, wait := tt.k.Take("a", t0.Add(tt.at))
			if ok != tt.wantOK || wait != tt.wantWait {
				t.Fatalf("Take = %v, %v; want %v, %v", ok, wait, tt.wantOK, tt.wantWait)
			}
			if ok, _ := tt.k.Take("b", t0); !ok && tt.k.burst > 0 {
				t.Fatal("another key's bucket was spent too")
			}
		})
	}
}

func TestSweepForgetsOnlyFullBuckets(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	k := PerMinute(2)
	k.Take("abuser", t0)
	k.Take("abuser", t0)
	for i := range sweepAt - 1 {
		k.Take(fmt.Sprint("idle", i), t0.Add(-time.Hour))
	}
	k.Take("new", t0) // the set is full: idle buckets (refilled by now) go
	if _, kept := k.m["abuser"]; !kept {
		t.Error("the sweep forgot a spent bucket")
	}
	if len(k.m) != 2 {
		t.Errorf("%d buckets after the sweep, want the abuser's and the new one", len(k.m))
	}
	if ok, _ := k.Take("abuser", t0); ok {
		t.Error("the abuser got a token back through the sweep")
	}
}

func TestRetryAfterRoundsUpToWholeSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "1", time.Millisecond: "1", 1500 * time.Millisecond: "2", 12 * time.Second: "12"} {
		if got := RetryAfter(d); got != want {
			t.Errorf("RetryAfter(%v) = %s, want %s", d, got, want)
		}
	}
}

func TestSpendRefund(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	k := PerMinute(2)
	refund, ok, _ := k.Spend("a", t0)
	if !ok {
		t.Fatal("first spend refused")
	}
	refund() // it did not count
	for i := range 2 {
		if ok, _ := k.Take("a", t0); !ok {
			t.Fatalf("take %d refused: the refund gave nothing back", i+1)
		}
	}
	if _, ok, wait := k.Spend("a", t0); ok || wait <= 0 {
		t.Errorf("spend past the burst: ok %v wait %v, want refused with a wait", ok, wait)
	}
}

func TestClientKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::", "2001:db8:1:2::/64"},
		{"::ffff:203.0.113.7", "::ffff:203.0.113.7"},
		{"not an address", "not an address"},
	}
	for _, tt := range tests {
		if got := ClientKey(tt.in); got != tt.want {
			t.Errorf("ClientKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
