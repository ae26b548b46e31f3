// Package email is the email channel: IMAP mailboxes in, SMTP replies out.
// It parses mail best-effort (never dropping a message), threads it, spots
// automated mail and bounces, and hands crm.Inbound values to the Ingester.
package email

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// fallback decodes bytes whose charset is missing or unknown and that are
// not UTF-8: our users' correspondents mostly write Chinese, and GB18030
// accepts any byte string.
var fallback encoding.Encoding = simplifiedchinese.GB18030

// toUTF8 returns s as valid UTF-8, with no charset label to go by: raw
// 8-bit headers from Chinese mailers, parts that name no charset.
func toUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return decodeCharset("", []byte(s))
}

// decodeCharset converts b from the charset its sender named to UTF-8. A
// known label is trusted while it decodes the bytes: UTF-8 with a few bad
// bytes stays UTF-8 (the bad bytes become U+FFFD) unless the bytes are
// clearly GB-encoded; a GB, Big5 or other label that the bytes do not fit
// but UTF-8 does (mislabelled mail) is read as UTF-8. Without a usable
// label, UTF-8 is tried first, then GB18030.
func decodeCharset(label string, b []byte) string {
	kind, enc := charsetOf(label)
	switch kind {
	case labelUTF8:
		return fromUTF8(b, true)
	case labelKnown:
		out, bad := decodeWith(enc, b)
		if bad > 0 && utf8.Valid(b) {
			return string(b)
		}
		return out
	}
	return fromUTF8(b, false)
}

// fromUTF8 reads bytes that are (declared, or presumed) UTF-8.
func fromUTF8(b []byte, declared bool) string {
	good, bad := utf8Counts(b)
	if bad == 0 {
		return string(b)
	}
	keep := good > 4*bad // mostly UTF-8: a few bad bytes, a cut at the end
	if declared {
		keep = !clearlyGB(b, good, bad)
	}
	if keep {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	out, _ := decodeWith(fallback, b)
	return out
}

// clearlyGB tells GB-encoded text labelled UTF-8 from UTF-8 with a few bad
// bytes: most of its non-ASCII sequences are invalid UTF-8, and GB18030
// decodes all of it.
func clearlyGB(b []byte, good, bad int) bool {
	if bad <= 4*good {
		return false
	}
	_, gbBad := decodeWith(fallback, b)
	return gbBad == 0
}

// utf8Counts counts the valid multi-byte sequences of b and its invalid
// bytes. A two-byte sequence counts a quarter: GB-encoded Chinese forms
// them by accident ("好，" is BA C3 A3 AC, and C3 A3 is "ã"), while three
// bytes in a row that fit UTF-8 are rare in it.
func utf8Counts(b []byte) (good, bad int) {
	two := 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n == 2:
			two++
		default:
			good++
		}
		b = b[n:]
	}
	return good + two/4, bad
}

// decodeWith decodes b, replacing what enc cannot decode with U+FFFD, and
// says how many replacement characters that added.
func decodeWith(enc encoding.Encoding, b []byte) (string, int) {
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), len(b)
	}
	added := bytes.Count(out, []byte("\uFFFD")) - bytes.Count(b, []byte("\uFFFD"))
	return string(bytes.ToValidUTF8(out, []byte("\uFFFD"))), max(added, 0)
}

// charsetOf classifies a charset label and finds its decoder: our aliases
// first (the labels Chinese, Korean and Japanese mailers really write),
// then go-message's tables (IANA and WHATWG names).
func charsetOf(label string) (labelKind, encoding.Encoding) {
	name := normalizeLabel(label)
	switch {
	case name == "":
		return labelNone, nil
	case utf8Labels[name]:
		return labelUTF8, nil
	}
	if enc, ok := aliases[name]; ok {
		return labelKnown, enc
	}
	if enc := standardEncoding(name); enc != nil {
		return labelKnown, enc
	}
	return labelUnknown, nil
}

type labelKind int

const (
	labelNone labelKind = iota
	labelUTF8
	labelKnown
	labelUnknown
)

// normalizeLabel lower-cases a label and drops quotes, an RFC 2231
// language suffix ("utf-8*zh-cn") and stray spaces.
func normalizeLabel(label string) string {
	name := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"' `))
	if i := strings.IndexByte(name, '*'); i >= 0 {
		name = name[:i]
	}
	return strings.TrimSpace(name)
}

// trimCutRune drops the incomplete character at the end of a body cut at
// its size limit, when the body is (or may be) UTF-8.
func trimCutRune(b []byte, label string) []byte {
	if kind, _ := charsetOf(label); kind != labelUTF8 && kind != labelNone {
		return b
	}
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		if c := b[len(b)-i]; c >= 0xC0 { // a lead byte
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		} else if c < 0x80 {
			return b
		}
	}
	return b
}
