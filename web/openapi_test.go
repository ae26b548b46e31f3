package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// Every route the real router serves is described in openapi.json, but
// the HTML pages and static files, which are not.
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
	pages := map[string]bool{}
	for _, rt := range s.routes {
		if !inAPIDescription(rt) {
			pages[rt.Method+" "+rt.Pattern] = true
		}
	}
	if !pages["GET /inbox"] || !pages["GET /static/{name}"] || pages["GET /api/v1/customers"] {
		t.Errorf("the pages left out are wrong: %v", pages)
	}
	n := 0
	err := chi.Walk(s.router, func(method, pattern string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		n++
		_, ok := doc.Paths[pattern][strings.ToLower(method)]
		switch {
		case pages[method+" "+pattern] && ok:
			t.Errorf("%s %s is a page but in openapi.json", method, pattern)
		case !pages[method+" "+pattern] && !ok:
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

// Public operations say they need no credentials, each operation lists the
// 4XX answers it gives, and the description names its server.
func TestOpenAPISecurityAndErrors(t *testing.T) {
	t.Parallel()
	s := New(Config{BaseURL: "https://crm.example.cn/"}, Deps{})
	var doc struct {
		Servers []struct{ URL string }
		Paths   map[string]map[string]struct {
			Security  []map[string][]string
			Responses map[string]any
		}
	}
	if err := json.Unmarshal(s.openapi(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "https://crm.example.cn" {
		t.Errorf("servers = %+v", doc.Servers)
	}
	tests := []struct {
		method, path string
		public       bool
		codes        []string
	}{
		{"get", "/healthz", true, []string{"400"}},
		{"post", "/f/{key}", true, []string{"400", "404", "413", "429"}},
		{"get", "/metrics", true, []string{"400", "401", "403"}},
		{"get", "/api/v1/customers", false, []string{"400", "401"}},
		{"get", "/api/v1/customers/{id}", false, []string{"400", "401", "404"}},
		{"post", "/api/v1/users", false, []string{"400", "401", "403", "413"}},
	}
	for _, tt := range tests {
		op, ok := doc.Paths[tt.path][tt.method]
		if !ok {
			t.Errorf("%s %s missing", tt.method, tt.path)
			continue
		}
		if got := op.Security != nil && len(op.Security) == 0; got != tt.public {
			t.Errorf("%s %s: security %v, public %v", tt.method, tt.path, op.Security, tt.public)
		}
		var codes []string
		for c := range op.Responses {
			if c[0] == '4' {
				codes = append(codes, c)
			}
		}
		slices.Sort(codes)
		if !slices.Equal(codes, tt.codes) {
			t.Errorf("%s %s answers %v, want %v", tt.method, tt.path, codes, tt.codes)
		}
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Every $ref in openapi.json names something the document defines: a
// route that declares an answer no shared response describes (a 409, say)
// would point nowhere, and API tools refuse the whole description.
func TestOpenAPIRefsResolve(t *testing.T) {
	t.Parallel()
	s := New(Config{}, Deps{Version: "test"})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok && !resolves(doc, ref) {
				t.Errorf("$ref %q names nothing", ref)
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
}

// resolves follows a local JSON pointer ("#/components/responses/E409").
func resolves(doc map[string]any, ref string) bool {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return false
	}
	var cur any = doc
	for _, part := range strings.Split(path, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")]; !ok {
			return false
		}
	}
	return true
}
