package files

import (
	"context"
	"fmt"
	"io"
	"os"
)

// ctxReader stops a long copy when its context ends (a client that went
// away mid-upload).
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// validSum reports whether s is a lower-case hex SHA-256.
func validSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// syncDir makes a rename in dir survive a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("files: sync dir: %w", err)
	}
	return nil
}

// humanSize writes n bytes the way a user reads a limit: "25 MiB".
func humanSize(n int64) string {
	const unit = 1024
	switch {
	case n >= unit*unit && n%(unit*unit) == 0:
		return fmt.Sprintf("%d MiB", n/(unit*unit))
	case n >= unit && n%unit == 0:
		return fmt.Sprintf("%d KiB", n/unit)
	}
	return fmt.Sprintf("%d bytes", n)
}
