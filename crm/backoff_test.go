package crm

import (
	"testing"
	"time"
)

func TestBackoffDoublesToItsCap(t *testing.T) {
	b := Backoff{First: 2 * time.Second, Max: 5 * time.Minute}
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, 2 * time.Second}, {1, 2 * time.Second}, {2, 4 * time.Second}, {3, 8 * time.Second},
		{8, 256 * time.Second}, {9, 5 * time.Minute}, {1000, 5 * time.Minute},
	}
	for _, tt := range tests {
		if got := b.After(tt.failures); got != tt.want {
			t.Errorf("After(%d) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}
