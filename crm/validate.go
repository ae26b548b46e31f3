package crm

import (
	"net/mail"
	"strings"
)

// Problems collects per-field validation messages; its Err is nil when there
// are none, so validators read as a list of checks.
type Problems map[string]string

// Add records msg for field unless the field already has a message.
func (p Problems) Add(field, msg string) {
	if _, ok := p[field]; !ok {
		p[field] = msg
	}
}

// Require adds "required" for an empty (after trimming) value.
func (p Problems) Require(field, value string) {
	if strings.TrimSpace(value) == "" {
		p.Add(field, "is required")
	}
}

// MaxLen adds a message when value is longer than n characters.
func (p Problems) MaxLen(field, value string, n int) {
	if len([]rune(value)) > n {
		p.Add(field, "is too long")
	}
}

// OneOf adds a message when value is not among allowed (empty is allowed;
// pair with Require for mandatory fields).
func (p Problems) OneOf(field, value string, allowed ...string) {
	if value == "" {
		return
	}
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	p.Add(field, "must be one of "+strings.Join(allowed, ", "))
}

// Err returns an EINVALID *Error naming every field, or nil.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Some fields are invalid.", Fields: p}
}

// NormalizeEmail trims and lower-cases an address and checks that it is one
// bare address ("a@b.example", not "Name <a@b.example>").
func NormalizeEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "", false
	}
	return s, true
}

// EmailDomain returns the part of a normalized address after the @.
func EmailDomain(email string) string {
	return email[strings.LastIndexByte(email, '@')+1:]
}
