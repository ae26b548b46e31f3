package webform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/crm"
)

// maxValues bounds the inputs one submission may carry.
const maxValues = 100

// readValues reads a submission's inputs, whatever the body's type: several
// values of one name (checkboxes) are joined with ", ". Multipart file parts
// are skipped unread into storage: the channel keeps no files.
func readValues(w http.ResponseWriter, r *http.Request, limit int64) (map[string]string, error) {
	if r.ContentLength > limit {
		return nil, errTooLarge(limit)
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var vals map[string]string
	var err error
	switch {
	case mt == "application/x-www-form-urlencoded":
		vals, err = readURLEncoded(r.Body)
	case mt == "multipart/form-data":
		vals, err = readMultipart(r, params["boundary"])
	case mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/plain":
		// text/plain: fetch() sends JSON that way to spare a preflight.
		vals, err = readJSON(r.Body)
	default:
		return nil, crm.Errorf(crm.EINVALID, "Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json.")
	}
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		return nil, errTooLarge(limit)
	}
	if err == nil && len(vals) > maxValues {
		err = crm.Errorf(crm.EINVALID, "The form has more than %d fields.", maxValues)
	}
	if err == nil {
		err = checkUTF8(vals)
	}
	return vals, err
}

// readBody reads the whole body. A body that ends before its declared
// Content-Length (a client cut off mid-send) is the sender's fault: EINVALID
// saying so, not an internal error. The body limit's error is kept for the
// caller.
func readBody(body io.Reader) ([]byte, error) {
	b, err := io.ReadAll(body)
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		return nil, err
	}
	if err != nil {
		return nil, crm.Errorf(crm.EINVALID, "The body ended before its declared length: it was cut off while being sent.")
	}
	return b, nil
}

// checkUTF8 refuses names and values that are not UTF-8 (a page in GBK
// without accept-charset="utf-8", a broken client): stored as they came they
// would show as replacement characters, and nobody would learn why.
func checkUTF8(vals map[string]string) error {
	p := crm.Problems{}
	for k, v := range vals {
		switch {
		case !utf8.ValidString(k):
			p.Add(strings.ToValidUTF8(k, "\ufffd"), notUTF8)
		case !utf8.ValidString(v):
			p.Add(k, notUTF8)
		}
	}
	if err := p.Err(); err != nil {
		return &crm.Error{Code: crm.EINVALID, Message: "The form is not UTF-8 text: send it as UTF-8 " +
			`(accept-charset="utf-8" on the form, or charset=utf-8 in its Content-Type).`, Fields: crm.ErrorFields(err)}
	}
	return nil
}

// notUTF8 is the field problem of a value that is not UTF-8.
const notUTF8 = "is not valid UTF-8 text"

func errTooLarge(limit int64) error {
	return crm.Errorf(crm.ETOOLARGE, "The form is larger than %d KB.", limit>>10)
}

func readURLEncoded(body io.Reader) (map[string]string, error) {
	b, err := readBody(body)
	if err != nil {
		return nil, err
	}
	q, err := url.ParseQuery(string(b))
	if err != nil {
		return nil, crm.Errorf(crm.EINVALID, "The form could not be read.")
	}
	vals := make(map[string]string, len(q))
	for k, vs := range q {
		vals[k] = strings.Join(vs, ", ")
	}
	return vals, nil
}

func readMultipart(r *http.Request, boundary string) (map[string]string, error) {
	mr, err := r.MultipartReader()
	if err != nil || boundary == "" {
		return nil, crm.Errorf(crm.EINVALID, "The form could not be read.")
	}
	vals := map[string]string{}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return vals, nil
		} else if err != nil {
			return nil, badMultipart(err)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			return nil, badMultipart(err)
		}
		name := p.FormName()
		if name == "" || p.FileName() != "" {
			continue // a file: not kept
		}
		vals[name] = joinValue(vals[name], string(b))
	}
}

// badMultipart keeps the body limit's error for the caller to see.
func badMultipart(err error) error {
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		return err
	}
	return crm.Errorf(crm.EINVALID, "The form could not be read.")
}

func joinValue(old, v string) string {
	if old == "" {
		return v
	}
	return old + ", " + v
}

// readJSON reads one object whose values are strings, numbers, booleans or
// lists of those, and nothing after it. encoding/json would turn bytes
// that are not UTF-8 into replacement characters without a word: they are
// refused first.
func readJSON(body io.Reader) (map[string]string, error) {
	b, err := readBody(body)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(b) {
		return nil, crm.Errorf(crm.EINVALID, "The body is not UTF-8 text: send JSON as UTF-8.")
	}
	var raw map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil || raw == nil {
		return nil, crm.Errorf(crm.EINVALID, "The body is not a JSON object.")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, crm.Errorf(crm.EINVALID, "The body has more after its JSON object: send one object only.")
	}
	vals := make(map[string]string, len(raw))
	p := crm.Problems{}
	for k, v := range raw {
		s, ok := jsonText(v)
		if !ok {
			p.Add(k, "must be text, a number, true or false")
		}
		vals[k] = s
	}
	return vals, p.Err()
}

func jsonText(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return x, true
	case json.Number, bool:
		return fmt.Sprint(x), true
	case []any:
		var parts []string
		for _, e := range x {
			s, ok := jsonText(e)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ", "), true
	}
	return "", false
}
