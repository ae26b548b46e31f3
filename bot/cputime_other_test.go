//go:build !linux

package bot

import "time"

// threadCPU is not measured outside Linux (see cputime_linux_test.go).
func threadCPU() (time.Duration, bool) { return 0, false }
