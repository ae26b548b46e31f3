package web_test

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// Bad input gets a JSON error with its own code and, where it applies, the
// fields at fault.
func TestBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{MaxBodyBytes: 1024})
	big := map[string]any{"name": "x", "notes": strings.Repeat("长", 400)} // 1,200 bytes of notes
	tests := []struct {
		name, method, path string
		body               any
		status             int
		code               string
		field              string // a field that must be named ("" none)
	}{
		{"unknown field", "POST", "/api/v1/customers", `{"name":"x","nmae":"y"}`, 400, "invalid", "nmae"},
		{"unknown nested field", "POST", "/api/v1/leads", `{"name":"x","source":{"chanel":"x"}}`, 400, "invalid", "chanel"},
		{"wrong type", "POST", "/api/v1/customers", `{"name":5}`, 400, "invalid", "name"},
		{"wrong type in an array", "POST", "/api/v1/customers", `{"name":"x","tags":[1]}`, 400, "invalid", "tags"},
		{"not JSON", "POST", "/api/v1/customers", `{"name":`, 400, "invalid", ""},
		{"trailing data", "POST", "/api/v1/customers", `{"name":"x"} {}`, 400, "invalid", ""},
		{"not UTF-8", "POST", "/api/v1/customers", "{\"name\":\"\xff\xfe\"}", 400, "invalid", ""},
		{"an array", "POST", "/api/v1/customers", `[]`, 400, "invalid", ""},
		{"empty body", "POST", "/api/v1/customers", ``, 400, "invalid", ""},
		{"too large", "POST", "/api/v1/customers", big, 413, "too_large", ""},
		{"missing name", "POST", "/api/v1/customers", `{}`, 400, "invalid", "name"},
		{"bad enum", "POST", "/api/v1/customers", `{"name":"x","status":"won"}`, 400, "invalid", "status"},
		{"bad email", "POST", "/api/v1/leads", `{"name":"x","email":"li at example"}`, 400, "invalid", "email"},
		{"bad phone", "POST", "/api/v1/leads", `{"name":"x","phone":"12345"}`, 400, "invalid", "phone"},
		{"bad date", "POST", "/api/v1/contacts", `{"name":"x","birthday":"1990-13-01"}`, 400, "invalid", ""},
		{"short password", "POST", "/api/v1/users", `{"email":"n@example.com","password":"short"}`, 400, "invalid", "password"},
		{"no password", "POST", "/api/v1/users", `{"email":"n@example.com"}`, 400, "invalid", "password"},
		{"password hash is no field", "POST", "/api/v1/users", `{"email":"n@example.com","password":"long enough pw","PasswordHash":"x"}`, 400, "invalid", "PasswordHash"},
		{"unknown team", "POST", "/api/v1/users", `{"email":"n@example.com","password":"long enough pw","team_id":999}`, 400, "invalid", "team_id"},
		{"unknown query parameter", "GET", "/api/v1/customers?colour=red", nil, 400, "invalid", "colour"},
		{"bad limit", "GET", "/api/v1/customers?limit=abc", nil, 400, "invalid", "limit"},
		{"limit too high", "GET", "/api/v1/customers?limit=501", nil, 400, "invalid", "limit"},
		{"bad owner filter", "GET", "/api/v1/customers?owner_id=-1", nil, 400, "invalid", "owner_id"},
		{"bad pool filter", "GET", "/api/v1/customers?pool=maybe", nil, 400, "invalid", "pool"},
		{"missing record", "GET", "/api/v1/customers/999999", nil, 404, "not_found", ""},
		{"non-numeric id", "GET", "/api/v1/customers/abc", nil, 404, "not_found", ""},
		{"update missing record", "PATCH", "/api/v1/customers/999999", `{"name":"x"}`, 404, "not_found", ""},
		{"missing user", "GET", "/api/v1/users/999999", nil, 404, "not_found", ""},
		{"no such route", "GET", "/api/v1/nothing", nil, 404, "not_found", ""},
		{"duplicate email", "POST", "/api/v1/users", `{"email":"rep1@example.com","password":"long enough pw"}`, 409, "conflict", ""},
		{"duplicate team", "POST", "/api/v1/teams", `{"name":"A"}`, 409, "conflict", ""},
		{"wrong method", "DELETE", "/api/v1/customers", nil, 405, "method_not_allowed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ae := e.fail("admin", tt.method, tt.path, tt.body, tt.status, tt.code)
			if ae.Message == "" {
				t.Error("no message")
			}
			if tt.field != "" && ae.Fields[tt.field] == "" {
				t.Errorf("fields %v do not name %q", ae.Fields, tt.field)
			}
		})
	}
}

// Contacts name each bad email and phone.
func TestContactValidationNamesFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	ae := e.fail("rep1", "POST", "/api/v1/contacts", map[string]any{
		"name": "李伟", "emails": []string{"li@huaqiang.example", "not-an-email"}, "phones": []string{"12"},
	}, 400, "invalid")
	if !strings.Contains(ae.Fields["emails"], "not-an-email") || !strings.Contains(ae.Fields["phones"], "12") {
		t.Errorf("fields = %v, want the bad email and phone named", ae.Fields)
	}
}

// An internal error is logged once, with no request body, and the client
// sees only a generic message.
func TestInternalErrorLoggedOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	e.db.Close() // every query now fails
	ae := e.fail("rep1", "POST", "/api/v1/customers", record{"name": "secret customer name"}, 500, "internal")
	if ae.Message != "Internal error." {
		t.Errorf("message %q tells the client more than it should", ae.Message)
	}
	logs := e.logs.String()
	if n := strings.Count(logs, "request failed"); n != 1 {
		t.Errorf("logged %d times, want once:\n%s", n, logs)
	}
	if strings.Contains(logs, "secret customer name") || strings.Contains(logs, e.tokens["rep1"]) {
		t.Errorf("the log holds the body or the token:\n%s", logs)
	}
}

// Records may only point at records their author can see.
func TestReferencesMustBeVisible(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var c record
	e.call("rep1", "POST", "/api/v1/customers", record{"name": "rep1's"}, 201, &c)
	tests := []struct {
		path  string
		body  record
		field string
	}{
		{"/api/v1/contacts", record{"name": "x", "customer_id": c.id()}, "customer_id"},
		{"/api/v1/orders", record{"number": "SO-9", "customer_id": c.id()}, "customer_id"},
		{"/api/v1/tasks", record{"title": "x", "refs": []record{{"kind": "customer", "id": c.id()}}}, "refs"},
		{"/api/v1/follow-ups", record{"method": "call", "refs": []record{{"kind": "customer", "id": c.id()}}}, "refs"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			ae := e.fail("rep3", "POST", tt.path, tt.body, 400, "invalid")
			if ae.Fields[tt.field] == "" {
				t.Errorf("fields %v do not name %s", ae.Fields, tt.field)
			}
			e.call("rep1", "POST", tt.path, tt.body, 201, nil)
		})
	}
}
