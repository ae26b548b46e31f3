package crm

import "time"

// Backoff is the one retry schedule: First after the first failure,
// doubling after each further one, never more than Max. The outbox, the
// mail pollers and WeChat media downloads use it, each with its numbers.
type Backoff struct{ First, Max time.Duration }

// After is the wait after n failures in a row (n below 1 counts as 1).
func (b Backoff) After(n int) time.Duration {
	d := b.First
	for i := 1; i < n && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}
