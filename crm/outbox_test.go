package crm

import (
	"testing"
	"time"
)

func TestReplySubject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"报价", "Re: 报价"},
		{"Re: 报价", "Re: 报价"},
		{"RE: order 42", "RE: order 42"},
		{"回复：合同", "回复：合同"},
		{"答复: 发票", "答复: 发票"},
		{"", "Re: "},
		{"Fwd: price list", "Re: Fwd: price list"},
	}
	for _, tt := range tests {
		if got := replySubject(tt.in); got != tt.want {
			t.Errorf("replySubject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDefaultBackoffDoublesToAnHour(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute}
	for i, w := range want {
		if got := defaultBackoff(i + 1); got != w {
			t.Errorf("defaultBackoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := defaultBackoff(30); got != time.Hour {
		t.Errorf("defaultBackoff(30) = %v, want the one-hour cap", got)
	}
}

func TestOutcomeClassifiesSendErrors(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	o := NewOutbox(OutboxConfig{Now: func() time.Time { return now }, MaxAttempts: 3})
	tests := []struct {
		name    string
		attempt int
		err     error
		state   string
		retryAt time.Time
	}{
		{"sent", 1, nil, DeliverySent, time.Time{}},
		{"network error retried", 1, errPlain("connection reset"), DeliveryQueued, now.Add(30 * time.Second)},
		{"server's retry-after kept", 2, &SendError{Reason: "busy", RetryAfter: time.Hour}, DeliveryQueued, now.Add(time.Hour)},
		{"permanent fails at once", 1, PermanentSendError("550 no such user", nil), DeliveryFailed, time.Time{}},
		{"last attempt fails", 3, &SendError{Reason: "451 later"}, DeliveryFailed, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := o.outcome(&Outgoing{Attempt: tt.attempt}, nil, tt.err)
			if r.State != tt.state || !r.RetryAt.Equal(tt.retryAt) {
				t.Fatalf("outcome = %+v, want state %s retry at %v", r, tt.state, tt.retryAt)
			}
		})
	}
}

type errPlain string

func (e errPlain) Error() string { return string(e) }
