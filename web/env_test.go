package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/pool"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/web"
)

const password = "correct horse battery"

// passwordHash is hashed once: argon2id is slow on purpose.
var passwordHash = sync.OnceValue(func() string {
	h, err := crm.HashPassword(password)
	if err != nil {
		panic(err)
	}
	return h
})

// env is a running server over a real SQLite store with a small company:
// an admin, team A (a manager and reps rep1, rep2) and team B (rep3).
type env struct {
	t      *testing.T
	db     *sqlstore.DB
	srv    *httptest.Server
	clock  *testkit.Clock
	users  map[string]*crm.User
	tokens map[string]string // user key → bearer token
	teamA  int64
	teamB  int64
	logs   *testkit.SyncBuffer
}

func newEnv(t *testing.T, cfg web.Config) *env {
	t.Helper()
	ctx := context.Background()
	c := testkit.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "r.db"), Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, clock: c, users: map[string]*crm.User{}, tokens: map[string]string{}, logs: &testkit.SyncBuffer{}}
	e.teamA, e.teamB = e.team("A"), e.team("B")
	e.user("admin", crm.RoleAdmin, nil)
	e.user("manager", crm.RoleManager, &e.teamA)
	e.user("rep1", crm.RoleRep, &e.teamA)
	e.user("rep2", crm.RoleRep, &e.teamA)
	e.user("rep3", crm.RoleRep, &e.teamB)
	logger := slog.New(slog.NewTextHandler(e.logs, nil))
	owners := pool.New(pool.Config{Store: db, Now: c.Now, Log: logger})
	s := web.New(cfg, web.Deps{Store: db, Now: c.Now, Version: "test", Logger: logger, Pool: owners})
	e.srv = httptest.NewServer(s)
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) team(name string) int64 {
	tm := &crm.Team{Name: name}
	if err := e.db.CreateTeam(context.Background(), tm); err != nil {
		e.t.Fatal(err)
	}
	return tm.ID
}

// user creates a user named key (key@example.com) with an API token.
func (e *env) user(key string, role crm.Role, team *int64) *crm.User {
	ctx := context.Background()
	u := &crm.User{Email: key + "@example.com", Name: strings.ToUpper(key[:1]) + key[1:], Role: role,
		TeamID: team, PasswordHash: passwordHash()}
	if err := e.db.CreateUser(ctx, u); err != nil {
		e.t.Fatal(err)
	}
	tok, hash, err := crm.NewToken("rpt_")
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.db.CreateAPIToken(ctx, &crm.APIToken{UserID: u.ID, Name: "test", TokenHash: hash}); err != nil {
		e.t.Fatal(err)
	}
	e.users[key], e.tokens[key] = u, tok
	return u
}

func (e *env) id(key string) int64 { return e.users[key].ID }

// request builds a request as user who ("" for nobody); body is JSON unless
// it is a string, which is sent as is.
func (e *env) request(who, method, path string, body any) *http.Request {
	e.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[who])
	}
	return req
}

// send sends req without following redirects and returns the response with
// its body read.
func (e *env) send(req *http.Request) (*http.Response, []byte) {
	e.t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return res, b
}

// call makes an API call, checks the status and decodes the answer into out
// (when not nil).
func (e *env) call(who, method, path string, body any, want int, out any) []byte {
	e.t.Helper()
	res, b := e.send(e.request(who, method, path, body))
	if res.StatusCode != want {
		e.t.Fatalf("%s %s as %q: status %d, want %d; body %s", method, path, who, res.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			e.t.Fatalf("%s %s: decoding %s: %v", method, path, b, err)
		}
	}
	return b
}

// apiError is the JSON error body.
type apiError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

// fail makes a call that must fail with status and code, and returns the error.
func (e *env) fail(who, method, path string, body any, status int, code string) apiError {
	e.t.Helper()
	var ae apiError
	e.call(who, method, path, body, status, &ae)
	if ae.Code != code {
		e.t.Fatalf("%s %s: code %q, want %q (%+v)", method, path, ae.Code, code, ae)
	}
	return ae
}

func ptr[T any](v T) *T { return &v }
