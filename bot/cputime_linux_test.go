package bot

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU is the CPU time the calling OS thread has used: on a loaded
// machine a decision's wall time includes the time other processes ran,
// its CPU time does not. CLOCK_THREAD_CPUTIME_ID (3) counts nanoseconds;
// getrusage counts scheduler ticks, too coarse for a decision.
func threadCPU() (time.Duration, bool) {
	var ts syscall.Timespec
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
