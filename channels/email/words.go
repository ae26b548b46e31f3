package email

import (
	"encoding/base64"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
)

// encodedWord is an RFC 2047 encoded word, loosely: mailers put spaces and
// '?' inside the text, and lower-case the encoding letter.
var encodedWord = regexp.MustCompile(`=\?([^?\s]{1,75})\?([bBqQ])\?([^\r\n]*?)\?=`)

// decodeWords decodes the encoded words in a header value. Unlike Go's
// mime.WordDecoder it never gives up on the whole value: a word in an
// unknown charset is read like unlabelled bytes (UTF-8, else GB18030), bad
// base64 decodes as far as it goes, and adjacent words in one charset are
// joined before decoding, so a character split across two words (as some
// mailers split long subjects) comes out whole.
func decodeWords(s string) string {
	if !strings.Contains(s, "=?") {
		return toUTF8(s)
	}
	var out strings.Builder
	var run []byte   // decoded bytes of adjacent words in runCharset
	var texts string // their encoded texts, shown when they decode to nothing sensible
	runCharset, last, inRun := "", 0, false
	flush := func() {
		if !inRun {
			return
		}
		dec := decodeCharset(runCharset, run)
		if strings.ContainsRune(dec, utf8.RuneError) && !strings.ContainsRune(texts, utf8.RuneError) {
			dec = toUTF8(texts) // broken words: their text reads better than noise
		}
		out.WriteString(dec)
		run, texts, inRun = nil, "", false
	}
	for _, loc := range encodedWord.FindAllStringSubmatchIndex(s, -1) {
		between := s[last:loc[0]]
		cs := s[loc[2]:loc[3]]
		if !inRun || strings.TrimSpace(between) != "" || !strings.EqualFold(cs, runCharset) {
			flush()
			out.WriteString(toUTF8(between))
		}
		runCharset, inRun = cs, true
		run = append(run, wordBytes(s[loc[4]:loc[5]], s[loc[6]:loc[7]])...)
		texts += s[loc[6]:loc[7]]
		last = loc[1]
	}
	flush()
	out.WriteString(toUTF8(s[last:]))
	return out.String()
}

// wordBytes decodes an encoded word's text: base64 (padding optional,
// stray characters dropped, decoded as far as it goes) or Q.
func wordBytes(enc, text string) []byte {
	if enc == "b" || enc == "B" {
		clean := strings.Map(func(r rune) rune {
			if r < utf8.RuneSelf && (r == '+' || r == '/' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9') {
				return r
			}
			return -1
		}, text)
		if len(clean)%4 == 1 { // one stray character cannot be a byte
			clean = clean[:len(clean)-1]
		}
		b, err := base64.RawStdEncoding.DecodeString(clean)
		if err != nil {
			return nil
		}
		return b
	}
	return qDecode(text)
}

// qDecode decodes RFC 2047 Q text: "_" is a space, "=XX" a byte; a broken
// escape is kept as written.
func qDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '_':
			out = append(out, ' ')
		case c == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
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

// headerText decodes a header of free text (a subject), never leaving an
// encoded word undecoded.
func headerText(h *message.Header, key string) string {
	return strings.TrimSpace(decodeWords(h.Get(key)))
}
