package webhook_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/webhook"
)

func TestVerify(t *testing.T) {
	t0 := time.Unix(1_764_662_400, 0)
	body := []byte(`{"id":"lead.created:1"}`)
	good := webhook.Sign("s3cret", t0, body)
	if !verifySignature("s3cret", good, body, t0) {
		t.Fatalf("the independent check refuses %q", good)
	}
	tests := []struct {
		name   string
		secret string
		header string
		body   string
		now    time.Time
		want   error
	}{
		{"good", "s3cret", good, string(body), t0, nil},
		{"within the window", "s3cret", good, string(body), t0.Add(4 * time.Minute), nil},
		{"replayed later", "s3cret", good, string(body), t0.Add(6 * time.Minute), webhook.ErrTooOld},
		{"from the future", "s3cret", good, string(body), t0.Add(-6 * time.Minute), webhook.ErrTooOld},
		{"body changed", "s3cret", good, `{"id":"lead.created:2"}`, t0, webhook.ErrBadSignature},
		{"other secret", "other", good, string(body), t0, webhook.ErrBadSignature},
		{"a second v1 (rotation)", "s3cret", "v1=00," + good, string(body), t0, nil},
		{"no timestamp", "s3cret", "v1=abcd", string(body), t0, webhook.ErrBadHeader},
		{"garbage", "s3cret", "nonsense", string(body), t0, webhook.ErrBadHeader},
	}
	for _, tt := range tests {
		err := webhook.Verify(tt.secret, tt.header, []byte(tt.body), tt.now, 0)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: Verify = %v, want %v", tt.name, err, tt.want)
		}
	}
}

// FuzzVerify: no header crashes the parser, and a header passes only if
// it holds the true signature of the body for its timestamp.
func FuzzVerify(f *testing.F) {
	t0 := time.Unix(1_764_662_400, 0)
	f.Add(webhook.Sign("k", t0, []byte("{}")), []byte("{}"))
	f.Add("t=,v1=,", []byte(""))
	f.Add("t=1764662400,v1=zz,v1=", []byte("x"))
	f.Fuzz(func(t *testing.T, header string, body []byte) {
		if webhook.Verify("k", header, body, t0, 0) != nil {
			return
		}
		var ts string
		for _, kv := range strings.Split(header, ",") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(kv), "t="); ok {
				ts = v
			}
		}
		m := hmac.New(sha256.New, []byte("k"))
		m.Write([]byte(ts + "." + string(body)))
		if !strings.Contains(strings.ToLower(header), "v1="+hex.EncodeToString(m.Sum(nil))) {
			t.Fatalf("Verify accepted %q for %q", header, body)
		}
	})
}
