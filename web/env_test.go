package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/argon2"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/pool"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/web"
)

const password = "correct horse battery"

// passwordHash is the test users' password hash: argon2id in the PHC form
// crm.HashPassword writes, with the lightest parameters. crm.CheckPassword
// reads the parameters from the hash, so a login takes the production path
// without spending 64 MiB and three passes (seconds under -race on a busy
// machine) on every login of every test.
var passwordHash = sync.OnceValue(func() string {
	salt := []byte("rapport-test-salt")
	key := argon2.IDKey([]byte(password), salt, 1, 64, 1, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=64,t=1,p=1$%s$%s", argon2.Version, b64.EncodeToString(salt), b64.EncodeToString(key))
})

// env is a running server over the shared test app (internal/testapp: a
// real SQLite store, ingester and clock) with a small company: an admin,
// team A (a manager and reps rep1, rep2) and team B (rep3).
type env struct {
	t      *testing.T
	app    *testapp.App
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
	e := newEnvOn(t, testapp.New(t, testapp.Options{}))
	e.serve(cfg, web.Deps{})
	return e
}

// newEnvOn seeds the company on app's store; the caller serves it.
func newEnvOn(t *testing.T, app *testapp.App) *env {
	t.Helper()
	e := &env{t: t, app: app, db: app.DB, clock: app.Clock, users: map[string]*crm.User{}, tokens: map[string]string{},
		logs: &testkit.SyncBuffer{}}
	e.teamA, e.teamB = e.team("A"), e.team("B")
	e.user("admin", crm.RoleAdmin, nil)
	e.user("manager", crm.RoleManager, &e.teamA)
	e.user("rep1", crm.RoleRep, &e.teamA)
	e.user("rep2", crm.RoleRep, &e.teamA)
	e.user("rep3", crm.RoleRep, &e.teamB)
	return e
}

// serve (re)starts the server with cfg and deps; the store, the clock, the
// logger and the version are the env's unless deps sets them. wrap, when
// given, sits in front of the server.
func (e *env) serve(cfg web.Config, deps web.Deps, wrap ...func(http.Handler) http.Handler) {
	if deps.Store == nil {
		deps.Store = e.db
	}
	if deps.Now == nil {
		deps.Now = e.app.Now
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.NewTextHandler(e.logs, nil))
	}
	if deps.Version == "" {
		deps.Version = "test"
	}
	if deps.Pool == nil {
		deps.Pool = pool.New(pool.Config{Store: e.db, Now: deps.Now, Log: deps.Logger})
	}
	var h http.Handler = web.New(cfg, deps)
	for _, w := range wrap {
		h = w(h)
	}
	if e.srv != nil {
		e.srv.Close()
	}
	srv := httptest.NewServer(h)
	e.srv = srv
	// Live views hold connections open: close them before the server.
	e.t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
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
