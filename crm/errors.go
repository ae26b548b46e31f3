// Package crm holds Rapport's domain: its records, the interfaces the stores
// and channels implement, and the one error type every layer shares.
//
// It imports nothing else of Rapport's; stores, channels and the web layer
// depend on it, never the reverse.
package crm

import (
	"errors"
	"fmt"
)

// Error codes. The web layer maps each to one HTTP status in one table.
const (
	ECONFLICT       = "conflict"        // a unique value is taken, or a concurrent change
	EINTERNAL       = "internal"        // a bug or an unreachable dependency
	EINVALID        = "invalid"         // the input is wrong; Fields says where
	ENOTFOUND       = "not_found"       // no such record, or not visible to this user
	EUNAUTHORIZED   = "unauthorized"    // not logged in
	EFORBIDDEN      = "forbidden"       // logged in, not allowed
	ETOOLARGE       = "too_large"       // a body or file over its limit
	ERATELIMITED    = "rate_limited"    // too many attempts; try later
	ENOTIMPLEMENTED = "not_implemented" // a channel or feature not configured here
)

// Error is the one error type of Rapport's domain. Message is safe to show
// to the user; internal details stay in wrapped errors and logs.
type Error struct {
	Code    string
	Message string
	// Fields names the invalid fields with a message for each (EINVALID).
	Fields map[string]string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf returns an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// IsNotFound reports whether err is, or wraps, an ENOTFOUND *Error.
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }

// ErrorMessage returns the user-facing message of err, hiding the details of
// internal errors.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return "Internal error."
}

// ErrorFields returns the per-field messages of an EINVALID error, or nil.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
