package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// TestInternalErrorLogsTheRouteNotThePath: a request that fails inside is
// logged once with its route's pattern, so a secret carried in the path
// (a care unsubscribe token) never reaches the log. The fault is real: the
// store's database is closed under the server.
func TestInternalErrorLogsTheRouteNotThePath(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	e.serve(web.Config{}, web.Deps{CareStore: e.db})
	const token = "tok-Secret-9f8e7d6c5b4a"
	e.db.Close()
	req := e.request("", "POST", "/care/unsubscribe/"+token, url.Values{"List-Unsubscribe": {"One-Click"}}.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, _ := e.send(req)
	if res.StatusCode != 500 {
		t.Fatalf("status %d, want 500 from a closed database", res.StatusCode)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "request failed") || !strings.Contains(logs, "/care/unsubscribe/{token}") {
		t.Fatalf("the failure is not logged with its route:\n%s", logs)
	}
	if strings.Contains(logs, token) {
		t.Fatalf("the log holds the token:\n%s", logs)
	}
}
