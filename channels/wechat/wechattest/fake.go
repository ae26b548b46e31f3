// Package wechattest is a fake WeChat API on 127.0.0.1 for tests: access
// tokens, customer-service and template messages, user info, media and
// the custom menu. It
// records what it received and can be told to fail.
package wechattest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Call is one request the fake received.
type Call struct {
	Path  string
	Token string
	Body  map[string]any // JSON bodies
}

// Failure is a canned answer for the next calls to a path.
type Failure struct {
	Code   int           // errcode to answer (0: none)
	Status int           // HTTP status to answer (0: 200)
	Delay  time.Duration // wait before answering
}

// Server is the fake API. Its URL is the accounts' APIBase.
type Server struct {
	*httptest.Server
	mu         sync.Mutex
	calls      []Call
	tokenFetch int
	token      string
	failures   map[string][]Failure
	Users      map[string]map[string]any // openid → user/info answer
	Media      map[string][]byte         // media_id → content (image/jpeg)
	// Templates is what template/get_all_private_template lists: maps with
	// template_id, title, content and example, as WeChat answers.
	Templates   []map[string]any
	nextMsgID   int64
	msgIDs      []int64
	uploadCount int
	menu        map[string]any // the last menu/create body
}

// New starts a fake API, closed when t ends.
func New(t interface{ Cleanup(func()) }) *Server {
	s := &Server{failures: map[string][]Failure{}, Users: map[string]map[string]any{},
		Media: map[string][]byte{}, nextMsgID: 1000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Fail queues failures for the next calls to path ("/cgi-bin/message/custom/send").
func (s *Server) Fail(path string, fs ...Failure) {
	s.mu.Lock()
	s.failures[path] = append(s.failures[path], fs...)
	s.mu.Unlock()
}

// Calls returns the calls to path ("" for all), oldest first.
func (s *Server) Calls(path string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if path == "" || c.Path == path {
			out = append(out, c)
		}
	}
	return out
}

// TokenFetches counts the tokens issued.
func (s *Server) TokenFetches() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenFetch
}

// TemplateMsgIDs returns the msgids given to template messages, in order.
func (s *Server) TemplateMsgIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.msgIDs...)
}

// InvalidateToken makes the current token unknown: the next call gets 40001.
func (s *Server) InvalidateToken() {
	s.mu.Lock()
	s.token = "revoked"
	s.mu.Unlock()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	c := Call{Path: r.URL.Path, Token: r.URL.Query().Get("access_token")}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		_ = json.NewDecoder(r.Body).Decode(&c.Body)
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	f, failing := s.takeFailure(c.Path)
	s.mu.Unlock()
	if failing {
		time.Sleep(f.Delay) // a slow WeChat, as the client sees it
		if f.Status != 0 {
			http.Error(w, "fake failure", f.Status)
			return
		}
		if f.Code != 0 {
			writeJSON(w, map[string]any{"errcode": f.Code, "errmsg": fmt.Sprintf("fake error %d", f.Code)})
			return
		}
	}
	if c.Path == "/cgi-bin/token" {
		s.issueToken(w)
		return
	}
	if !s.validToken(c.Token) {
		writeJSON(w, map[string]any{"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"})
		return
	}
	s.answer(w, r, c)
}

func (s *Server) takeFailure(path string) (Failure, bool) {
	q := s.failures[path]
	if len(q) == 0 {
		return Failure{}, false
	}
	s.failures[path] = q[1:]
	return q[0], true
}
