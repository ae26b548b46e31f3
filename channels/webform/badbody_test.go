package webform_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestBadBodies: every way a body can be broken is a 400 with its reason,
// and nothing is stored.
func TestBadBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		contentType string
		body        string
		wantMessage string // a fragment of the message
		wantField   string // a field named in the answer, if any
	}{
		{"json with trailing data", "application/json", `{"full_name":"李娜"} {"full_name":"x"}`, "more after its JSON object", ""},
		{"json with trailing garbage", "application/json", `{"full_name":"李娜"}garbage`, "more after its JSON object", ""},
		{"json null", "application/json", `null`, "not a JSON object", ""},
		{"json not utf-8", "application/json", "{\"full_name\":\"\xff\xfe\"}", "not UTF-8", ""},
		{"urlencoded not utf-8", "application/x-www-form-urlencoded", "full_name=%C0%AF&email=a%40b.example", "not UTF-8", "full_name"},
		{"urlencoded gbk", "application/x-www-form-urlencoded", "full_name=%C0%EE%C4%C8", "not UTF-8", "full_name"},
		{"urlencoded bad name", "application/x-www-form-urlencoded", "full_name=A&%FF=1", "not UTF-8", "\ufffd"},
		{"multipart not utf-8", "", "\xff\xfe", "not UTF-8", "full_name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			ct, body := tt.contentType, io.Reader(strings.NewReader(tt.body))
			if ct == "" {
				ct, body = multipartRaw("full_name", tt.body)
			}
			got := wantError(t, wantStatus(t, h.post(ct, body, "Accept: application/json"), http.StatusBadRequest))
			if !strings.Contains(got.Message, tt.wantMessage) {
				t.Errorf("message = %q, want it to say %q", got.Message, tt.wantMessage)
			}
			if tt.wantField != "" && got.Fields[tt.wantField] == "" {
				t.Errorf("fields = %v, want %q named", got.Fields, tt.wantField)
			}
			if len(h.leads()) != 0 || len(h.ing.all()) != 0 {
				t.Fatal("a refused body must store nothing")
			}
		})
	}
}

// TestTruncatedBody: a client that declares a length and stops sending
// before it gets a 400 that says so, for every body type.
func TestTruncatedBody(t *testing.T) {
	t.Parallel()
	full := url.Values{"full_name": {"李娜"}, "email": {"li@example.cn"}}.Encode()
	tests := []struct{ name, contentType, body string }{
		{"urlencoded", "application/x-www-form-urlencoded", full},
		{"json", "application/json", `{"full_name":"李娜","email":"li@example.cn"}`},
		{"multipart", "multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"full_name\"\r\n\r\nLi\r\n--B--\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			status, body := h.sendCut(tt.contentType, tt.body, len(tt.body)/2)
			if status != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400; body %s", status, body)
			}
			got := wantError(t, body)
			if got.Message == "" {
				t.Error("no reason given")
			}
			if len(h.leads()) != 0 {
				t.Fatal("a cut-off body must store nothing")
			}
		})
	}
}

// sendCut writes a request declaring len(body) bytes, sends only the first
// n, closes its side for writing and reads the answer.
func (h *harness) sendCut(contentType, body string, n int) (int, string) {
	h.t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(h.srv.URL, "http://"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer c.Close()
	var req bytes.Buffer
	req.WriteString("POST /f/" + h.form.Key + " HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n")
	req.WriteString("Content-Type: " + contentType + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body[:n])
	if _, err := c.Write(req.Bytes()); err != nil {
		h.t.Fatal(err)
	}
	c.(*net.TCPConn).CloseWrite()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

type errorAnswer struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

func wantError(t *testing.T, body string) errorAnswer {
	t.Helper()
	var got errorAnswer
	if err := json.Unmarshal([]byte(body), &got); err != nil || got.Code != crm.EINVALID {
		t.Fatalf("body = %s, want code invalid", body)
	}
	return got
}

func multipartRaw(name, value string) (string, io.Reader) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField(name, value)
	mw.Close()
	return mw.FormDataContentType(), &b
}
