package email

import (
	"strings"
	"testing"

	"github.com/emersion/go-message"
)

func TestContentIDKeptAsSent(t *testing.T) {
	tests := []struct{ header, want string }{
		{"<part1.ABC@example.com>", "part1.ABC@example.com"},
		{"  <image001.png@01DA2B3C.4D5E6F70>  (Outlook)", "image001.png@01DA2B3C.4D5E6F70"},
		{"logo-no-brackets", "logo-no-brackets"},
		{"<unclosed@x", "unclosed@x"},
		{"<>", ""},
		{"", ""},
		{"<" + strings.Repeat("a", 300) + "@x>", ""}, // too long to be a reference
		{"<a\x00b@x>", ""},
	}
	for _, tt := range tests {
		var h message.Header
		h.Set("Content-Id", tt.header)
		w := &walker{p: &Parsed{}}
		if got := w.contentID(&message.Entity{Header: h}); got != tt.want {
			t.Errorf("Content-ID %q: got %q, want %q", tt.header, got, tt.want)
		}
		if dropped := len(w.p.Problems) > 0; dropped != (tt.want == "" && strings.Trim(tt.header, "<>") != "") {
			t.Errorf("Content-ID %q: problems %v", tt.header, w.p.Problems)
		}
	}
}
