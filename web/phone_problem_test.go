package web

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// A phone number nobody can place is named in the message, in the UI's
// language.
func TestPhoneProblemInTheUILanguage(t *testing.T) {
	problems := map[string]string{"phones": crm.PhoneProblem("+999 123 4567")}
	tests := []struct{ lang, want string }{
		{"en", `"+999 123 4567" is not a phone number of any country (write a foreign number with + and its country code)`},
		{"zh-CN", `"+999 123 4567" 不是任何国家的电话号码（外国号码请以 + 和国家代码开头）`},
	}
	for _, tt := range tests {
		c := &cells{lang: tt.lang}
		if got := c.problem(problems, "phones"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
}
