package sealed

import (
	"errors"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	k1, err := ParseKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
	if err != nil {
		t.Fatal(err)
	}
	k2, err := ParseKey(strings.Repeat("ab", 32))
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := New(k1)
	b2, _ := New(k2)
	tests := []string{"imap-pw-123", "微信 AppSecret 0123456789abcdef", `{"password":"x"}`}
	for _, plain := range tests {
		s := b1.Seal(plain)
		if !IsSealed(s) || strings.Contains(s, plain) || s == b1.Seal(plain) {
			t.Errorf("Seal(%q) = %q: want sealed, hiding it, with a fresh nonce each time", plain, s)
		}
		if got, err := b1.Open(s); err != nil || got != plain {
			t.Errorf("Open = %q, %v; want %q", got, err, plain)
		}
		if _, err := b2.Open(s); !errors.Is(err, ErrWrongKey) {
			t.Errorf("another key opened it: %v", err)
		}
		if _, err := b1.Open(altered(s)); !errors.Is(err, ErrWrongKey) {
			t.Errorf("an altered value opened: %v", err)
		}
	}
	if b1.Seal("") != "" {
		t.Error("the empty secret must stay empty")
	}
	for _, bad := range []string{"", "short", strings.Repeat("z", 64), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"} {
		if _, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) accepted", bad)
		}
	}
}

// altered changes one character in the middle of a sealed value, always to
// another one: a fixed tail ("AA") left some values as they were, and the
// last character of unpadded base64 may hold only unused bits.
func altered(s string) string {
	i := len(s) / 2
	c := byte('A')
	if s[i] == c {
		c = 'B'
	}
	return s[:i] + string(c) + s[i+1:]
}
