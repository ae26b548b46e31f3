package email

import (
	"bytes"
	"io"
	"mime"
	"strings"

	"github.com/emersion/go-message"
)

// contentType is a parsed Content-Type that keeps every value of a
// repeated parameter: Go's mime.ParseMediaType refuses the whole header
// then ("duplicate parameter name"), and mail clients do not.
type contentType struct {
	media   string              // lower-case type/subtype; "" when missing
	params  map[string][]string // lower-case names, values in order
	problem string
}

func (c contentType) all(name string) []string { return c.params[name] }

func (c contentType) first(name string) string {
	if v := c.params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// readContentType parses h's Content-Type strictly when it can, loosely
// when it must (repeated or malformed parameters).
func readContentType(h *message.Header) contentType {
	raw := h.Get("Content-Type")
	ct := contentType{params: map[string][]string{}}
	if strings.TrimSpace(raw) == "" {
		return ct
	}
	if mt, params, err := mime.ParseMediaType(raw); err == nil {
		ct.media = mt
		for k, v := range params {
			ct.params[k] = []string{v}
		}
		return ct
	}
	pieces := splitParams(raw)
	if mt := strings.ToLower(strings.TrimSpace(pieces[0])); strings.Count(mt, "/") == 1 && !strings.ContainsAny(mt, " \t\"") {
		ct.media = mt
	}
	for _, p := range pieces[1:] {
		k, v, ok := strings.Cut(p, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || k == "" {
			continue
		}
		v = strings.TrimSpace(v)
		if uq, err := unquote(v); err == nil {
			v = uq
		}
		ct.params[k] = appendNew(ct.params[k], v)
	}
	ct.problem = "Content-Type read loosely: " + strings.Join(strings.Fields(raw), " ")
	return ct
}

// unquote undoes a quoted-string's quotes and backslash escapes.
func unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return strings.Trim(s, `"`), nil
	}
	var b strings.Builder
	for i := 1; i < len(s)-1; i++ {
		if s[i] == '\\' && i+1 < len(s)-1 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String(), nil
}

// chooseBoundary picks, among the boundary values a header gave, the one
// whose delimiter lines are in the body: the first value when it is there
// (what most clients use), else the last, else the first. Only with
// several values is the body read into memory to look.
func (w *walker) chooseBoundary(values []string, body io.Reader) (string, io.Reader) {
	if len(values) == 1 {
		return values[0], body
	}
	b, err := io.ReadAll(body)
	if err != nil {
		w.p.problem("multipart: %v", err)
	}
	w.p.problem("boundary given %d times", len(values))
	order := append([]string{values[0], values[len(values)-1]}, values[1:len(values)-1]...)
	for _, v := range order {
		if hasDelimiter(b, v) {
			return v, bytes.NewReader(b)
		}
	}
	return values[0], bytes.NewReader(b)
}

// hasDelimiter reports whether a line of b is "--boundary", or its
// closing form, with nothing but white space after it.
func hasDelimiter(b []byte, boundary string) bool {
	delim := []byte("--" + boundary)
	for off := 0; off < len(b); {
		i := bytes.Index(b[off:], delim)
		if i < 0 {
			return false
		}
		at := off + i
		if at == 0 || b[at-1] == '\n' {
			rest := bytes.TrimPrefix(b[at+len(delim):], []byte("--"))
			end := bytes.IndexByte(rest, '\n')
			if end < 0 {
				end = len(rest)
			}
			if len(bytes.TrimSpace(rest[:end])) == 0 {
				return true
			}
		}
		off = at + len(delim)
	}
	return false
}
