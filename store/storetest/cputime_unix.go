//go:build unix

package storetest

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) this process has used: on a
// loaded machine a benchmark's wall time measures the neighbours, its CPU
// time the work (for SQLite, the query itself, which runs in-process).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
