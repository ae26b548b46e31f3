package wechat_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestOddPushesNeverFailTheServer: pushes that pass the signature but carry
// odd content are stored or refused with a 4xx, never a 5xx (a 5xx makes
// WeChat retry what can never succeed).
func TestOddPushesNeverFailTheServer(t *testing.T) {
	e := newEnv(t)
	now := e.clock.Unix()
	long := strings.Repeat("长", 200000)
	tests := []struct {
		name string
		xml  string
	}{
		{"huge text", text("o-huge", "101", long, now)},
		{"huge openid", text(strings.Repeat("o", 5000), "102", "hi", now)},
		{"control characters", text("o-ctl", "103", "a\u0001b\u001fc", now)},
		{"negative time", text("o-neg", "104", "hi", -5)},
		{"far future time", text("o-fut", "105", "hi", 1<<40)},
		{"empty content", text("o-empty", "106", "", now)},
		{"unknown type", strings.Replace(text("o-unk", "107", "x", now), "[text]", "[hologram]", 1)},
		{"location not a number", event("o-loc", "LOCATION", "<Latitude>north</Latitude>", now)},
		{"unknown event", event("o-ev", "SOMETHING_NEW", "<EventKey><![CDATA["+long[:3000]+"]]></EventKey>", now)},
		{"huge msgid", text("o-id", strings.Repeat("9", 3000), "hi", now)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.post(t, tt.xml)
			if status >= 500 {
				t.Fatalf("status %d (%s), want 200 or a 4xx", status, body)
			}
			if status != http.StatusOK {
				t.Logf("refused with %d", status)
			}
		})
	}
}
