// Package email is the email channel: IMAP mailboxes in, SMTP replies out.
// It parses mail best-effort (never dropping a message), threads it, spots
// automated mail and bounces, and hands crm.Inbound values to the Ingester.
package email

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Real mail labelled gb2312 or gbk often holds GBK or GB18030 bytes; GB18030
// is a superset of both, so decoding with it loses nothing.
func init() {
	for _, label := range []string{"gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "csgb2312"} {
		charset.RegisterEncoding(label, simplifiedchinese.GB18030)
	}
}

// fallback decodes bytes whose charset is unknown or missing. Our users'
// correspondents mostly write Chinese, and GB18030 accepts any byte string.
var fallback encoding.Encoding = simplifiedchinese.GB18030

// toUTF8 returns s as valid UTF-8: unchanged when it already is, otherwise
// re-decoded as GB18030 (raw 8-bit headers from Chinese mailers).
func toUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, err := fallback.NewDecoder().String(s)
	if err != nil || !utf8.ValidString(out) {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}

// decodeCharset converts b from the named charset to UTF-8, falling back to
// toUTF8 when the charset is unknown.
func decodeCharset(name string, b []byte) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" || name == "utf-8" || name == "us-ascii" {
		return toUTF8(string(b))
	}
	r, err := message.CharsetReader(name, strings.NewReader(string(b)))
	if err != nil {
		return toUTF8(string(b))
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return toUTF8(string(b))
	}
	return toUTF8(string(out))
}

// fixHeader re-decodes raw 8-bit header values in place: go-message returns
// them as invalid UTF-8 without an error.
func fixHeader(h *message.Header) {
	fields := h.Fields()
	var bad []string
	for fields.Next() {
		if !utf8.ValidString(fields.Value()) {
			bad = append(bad, fields.Key())
		}
	}
	for _, k := range bad {
		vals := h.Values(k)
		h.Del(k)
		for _, v := range vals {
			h.Add(k, toUTF8(v))
		}
	}
}

// headerText decodes an encoded-word header, keeping the raw value when the
// encoded words are broken.
func headerText(h *message.Header, key string) string {
	s, err := h.Text(key)
	if err != nil {
		s = h.Get(key)
	}
	return strings.TrimSpace(toUTF8(s))
}
