package webform

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/crm"
)

// FuzzReadValues: whatever the body and its type, the form decoder answers
// with values or a client error (EINVALID, ETOOLARGE), never a panic or an
// internal error, and the values it accepts are UTF-8 and bounded.
func FuzzReadValues(f *testing.F) {
	seeds := []struct{ ct, body string }{
		{"application/x-www-form-urlencoded", "full_name=%E6%9D%8E&email=a%40b.example&colour=red&colour=blue"},
		{"application/x-www-form-urlencoded", "a=%zz&b"},
		{"application/json", `{"full_name":"李娜","n":3,"ok":true,"list":["a",1]}`},
		{"application/json", `{"a":{"b":1}} trailing`},
		{"text/plain", `{"a":"\ud800"}`},
		{"multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--\r\n"},
		{"multipart/form-data", "--B\r\n"},
		{"application/xml", "<a/>"},
	}
	for _, s := range seeds {
		f.Add(s.ct, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/f/k", bytes.NewReader(body))
		r.Header.Set("Content-Type", ct)
		vals, err := readValues(httptest.NewRecorder(), r, 4<<10)
		if err != nil {
			if c := crm.ErrorCode(err); c != crm.EINVALID && c != crm.ETOOLARGE {
				t.Fatalf("error %v has code %q, want invalid or too_large", err, c)
			}
			return
		}
		if len(vals) > maxValues {
			t.Fatalf("%d values accepted, limit %d", len(vals), maxValues)
		}
		for k, v := range vals {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Fatalf("accepted a value that is not UTF-8: %q=%q", k, v)
			}
		}
	})
}
