package crm

import (
	"testing"
	"time"
)

func TestRepurchaseOf(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day) }
	tests := []struct {
		name    string
		orders  []time.Time
		now     time.Time
		ok      bool
		days    float64
		overdue bool
	}{
		{"two orders are no rhythm", []time.Time{d(0), d(30)}, d(100), false, 0, false},
		{"monthly, 40 days after: within 1.5×", []time.Time{d(0), d(30), d(60)}, d(100), true, 30, false},
		{"monthly, 46 days after: overdue", []time.Time{d(0), d(30), d(60)}, d(106), true, 30, true},
		{"one long gap does not hide the rhythm", []time.Time{d(0), d(10), d(200), d(210), d(220)}, d(240), true, 10, true},
		{"unsorted input", []time.Time{d(60), d(0), d(30)}, d(80), true, 30, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := RepurchaseOf(tt.orders, tt.now, 1.5)
			if ok != tt.ok || (ok && (r.Days != tt.days || r.Overdue != tt.overdue)) {
				t.Fatalf("got %+v ok=%v, want days %v overdue %v ok=%v", r, ok, tt.days, tt.overdue, tt.ok)
			}
		})
	}
}
