package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// Every route the real router serves must be described in openapi.json.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	t.Parallel()
	s := New(Config{}, Deps{Version: "test"})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("openapi.json: status %d", rec.Code)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	n := 0
	err := chi.Walk(s.router, func(method, pattern string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		n++
		if _, ok := doc.Paths[pattern][strings.ToLower(method)]; !ok {
			t.Errorf("%s %s is served but missing from openapi.json", method, pattern)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(s.routes) {
		t.Errorf("walked %d routes, the table has %d", n, len(s.routes))
	}
}

// The description names the schemas it refers to and documents bodies and
// query parameters.
func TestOpenAPIShapes(t *testing.T) {
	t.Parallel()
	s := New(Config{}, Deps{})
	var doc map[string]any
	if err := json.Unmarshal(s.openapi(), &doc); err != nil {
		t.Fatal(err)
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, name := range []string{"Customer", "CustomerList", "Order", "LineItem", "UserBody", "Error", "Health"} {
		if _, ok := schemas[name]; !ok {
			t.Errorf("schema %s missing; have %v", name, keys(schemas))
		}
	}
	user := schemas["UserBody"].(map[string]any)["properties"].(map[string]any)
	if _, ok := user["password"]; !ok {
		t.Error("UserBody lacks password")
	}
	if _, ok := user["email"]; !ok {
		t.Error("UserBody lacks the embedded user's email")
	}
	if _, ok := user["PasswordHash"]; ok {
		t.Error("UserBody documents the password hash")
	}
	list := doc["paths"].(map[string]any)["/api/v1/customers"].(map[string]any)["get"].(map[string]any)
	b, _ := json.Marshal(list["parameters"])
	for _, p := range []string{`"limit"`, `"after"`, `"q"`, `"status"`, `"pool"`} {
		if !strings.Contains(string(b), p) {
			t.Errorf("GET /api/v1/customers does not document %s: %s", p, b)
		}
	}
	if !strings.Contains(string(s.openapi()), `"#/components/schemas/CustomerList"`) {
		t.Error("the customer list response does not refer to CustomerList")
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
