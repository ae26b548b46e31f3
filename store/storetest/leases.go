package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunLeases checks the general named lease: one holder at a time, taken
// over once it expires, extended or given up only by its holder.
func RunLeases(t *testing.T, open Opener) {
	t0 := aTime(0)
	type step struct {
		take    bool // take (else release)
		holder  string
		now     time.Duration // after t0
		until   time.Duration // after t0
		want    bool
		comment string
	}
	steps := []step{
		{true, "a", 0, time.Minute, true, "a free lease is taken"},
		{true, "b", 30 * time.Second, 2 * time.Minute, false, "another holder waits while it runs"},
		{true, "a", 30 * time.Second, 5 * time.Minute, true, "its holder extends it"},
		{true, "b", 4 * time.Minute, 6 * time.Minute, false, "the extension holds"},
		{false, "b", 4 * time.Minute, 0, false, "release by another holder does nothing"},
		{true, "b", 4 * time.Minute, 6 * time.Minute, false, "still a's"},
		{true, "b", 5 * time.Minute, 7 * time.Minute, true, "free at the very moment it ends"},
		{false, "b", 5 * time.Minute, 0, false, "its holder gives it up"},
		{true, "a", 5 * time.Minute, 6 * time.Minute, true, "free at once after release"},
		{true, "c", 5 * time.Minute, 6 * time.Minute, false, "names are separate: this is a's"},
	}
	s := open(t)
	for _, st := range steps {
		if !st.take {
			must(t, s.ReleaseLease(ctx, "sweep", st.holder))
			continue
		}
		got, err := s.TakeLease(ctx, "sweep", st.holder, t0.Add(st.now), t0.Add(st.until))
		must(t, err)
		if got != st.want {
			t.Fatalf("%s: TakeLease(%s) = %v, want %v", st.comment, st.holder, got, st.want)
		}
	}
	ok, err := s.TakeLease(ctx, "other", "c", t0, t0.Add(time.Minute))
	must(t, err)
	if !ok {
		t.Fatal("a lease of another name is independent")
	}
	var _ crm.LeaseStore = s
}
