package email

import (
	"mime"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/emersion/go-message"
)

// partName returns an attachment's file name: the Content-Disposition
// filename, else the Content-Type name, decoded from RFC 2231 or encoded
// words in any charset. Go's mime package silently drops RFC 2231 values in
// charsets other than UTF-8 and US-ASCII (filename*=gb2312”…), so
// extended parameters are decoded here by hand.
func partName(h *message.Header) string {
	for _, f := range []struct{ key, param string }{
		{"Content-Disposition", "filename"}, {"Content-Type", "name"},
	} {
		raw := h.Get(f.key)
		if raw == "" {
			continue
		}
		if s := rfc2231Param(raw, f.param); s != "" {
			return s
		}
		if _, params, err := mime.ParseMediaType(raw); err == nil && params[f.param] != "" {
			return wordDecode(params[f.param])
		}
		if s := looseParam(raw, f.param); s != "" {
			return wordDecode(s)
		}
	}
	return ""
}

// rfc2231Param decodes name*=charset'lang'value and its continuations
// name*0*=…; name*1*=… (RFC 2231 §3-4).
func rfc2231Param(header, name string) string {
	type piece struct {
		n       int
		value   string
		encoded bool
	}
	var pieces []piece
	for _, p := range splitParams(header) {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if !strings.HasPrefix(k, name+"*") {
			continue
		}
		rest := strings.TrimPrefix(k, name+"*")
		pc := piece{value: strings.Trim(strings.TrimSpace(v), `"`)}
		if pc.encoded = strings.HasSuffix(rest, "*") || rest == ""; rest != "" {
			n, err := strconv.Atoi(strings.TrimSuffix(rest, "*"))
			if err != nil {
				continue
			}
			pc.n = n
		}
		pieces = append(pieces, pc)
	}
	if len(pieces) == 0 {
		return ""
	}
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].n < pieces[j].n })
	cs := ""
	var b strings.Builder
	for i, pc := range pieces {
		v := pc.value
		if i == 0 && pc.encoded {
			if parts := strings.SplitN(v, "'", 3); len(parts) == 3 {
				cs, v = parts[0], parts[2]
			}
		}
		if pc.encoded {
			if u, err := url.PathUnescape(v); err == nil {
				v = u
			}
		}
		b.WriteString(v)
	}
	return decodeCharset(cs, []byte(b.String()))
}

// splitParams splits a header value on semicolons outside quotes.
func splitParams(s string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ';':
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// looseParam finds name=value in a header the mime package refused (raw
// 8-bit bytes, unbalanced quotes).
func looseParam(header, name string) string {
	for _, p := range splitParams(header) {
		k, v, ok := strings.Cut(p, "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}

// wordDecode decodes encoded words (=?gbk?B?…?=) that many mailers put in
// quoted file names against the RFC.
func wordDecode(s string) string {
	return decodeWords(s)
}
