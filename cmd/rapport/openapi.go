package main

import (
	"context"
	"net/http"
	"net/http/httptest"

	"github.com/rapport-crm/rapport/web"
)

// openapi prints the API description a server would serve at
// /api/v1/openapi.json, for linters and client generators (CI lints it).
func (c *cli) openapi(_ context.Context, args []string) error {
	if err := parse(c.flagSet("openapi"), args); err != nil {
		return err
	}
	h := web.New(web.Config{}, web.Deps{Version: versionString()})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	_, err := c.stdout.Write(rec.Body.Bytes())
	return err
}
