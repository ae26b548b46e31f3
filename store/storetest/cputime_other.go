//go:build !unix

package storetest

import "time"

// cpuTime is not measured here (see cputime_unix.go).
func cpuTime() time.Duration { return 0 }
