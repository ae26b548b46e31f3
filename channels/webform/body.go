package webform

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

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
	return vals, err
}

func errTooLarge(limit int64) error {
	return crm.Errorf(crm.ETOOLARGE, "The form is larger than %d KB.", limit>>10)
}

func readURLEncoded(body io.Reader) (map[string]string, error) {
	b, err := io.ReadAll(body)
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
// lists of those.
func readJSON(body io.Reader) (map[string]string, error) {
	var raw map[string]any
	dec := json.NewDecoder(body)
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			return nil, err
		}
		return nil, crm.Errorf(crm.EINVALID, "The body is not a JSON object.")
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
