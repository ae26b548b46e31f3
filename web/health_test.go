package web_test

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

func TestHealth(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	e.call("", "GET", "/healthz", nil, 200, nil)
	if b := e.call("", "GET", "/readyz", nil, 200, nil); !strings.Contains(string(b), `"status":"ok"`) {
		t.Errorf("readyz: %s", b)
	}
	e.db.Close() // the database goes away
	e.call("", "GET", "/healthz", nil, 200, nil)
	e.call("", "GET", "/readyz", nil, 503, nil)
}
