package web_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// Who sees which records: a rep their own and the pool, a manager their
// team's, an admin everything.
func TestRolesVisibility(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	owned := map[string]int64{} // customer name → id
	for _, who := range []string{"admin", "manager", "rep1", "rep2", "rep3"} {
		var c record
		e.call(who, "POST", "/api/v1/customers", record{"name": who + "'s customer"}, 201, &c)
		if c["owner_id"] == nil || int64(c["owner_id"].(float64)) != e.id(who) {
			t.Fatalf("%s's new customer is owned by %v", who, c["owner_id"])
		}
		owned[who] = c.id()
	}
	var pool record
	e.call("rep1", "POST", "/api/v1/customers", record{"name": "pool customer", "owner_id": nil}, 201, &pool)
	if pool["owner_id"] != nil {
		t.Fatalf("owner_id null did not put the customer in the pool: %v", pool["owner_id"])
	}
	owned["pool"] = pool.id()
	sees := map[string][]string{
		"admin":   {"admin", "manager", "rep1", "rep2", "rep3", "pool"},
		"manager": {"manager", "rep1", "rep2", "pool"},
		"rep1":    {"rep1", "pool"},
		"rep2":    {"rep2", "pool"},
		"rep3":    {"rep3", "pool"},
	}
	for who, visible := range sees {
		t.Run(who, func(t *testing.T) {
			for owner, id := range owned {
				want := 404
				if slices.Contains(visible, owner) {
					want = 200
				}
				path := fmt.Sprintf("/api/v1/customers/%d", id)
				e.call(who, "GET", path, nil, want, nil)
				if want == 404 {
					e.call(who, "PATCH", path, record{"level": "A"}, 404, nil)
				}
			}
			var l list
			e.call(who, "GET", "/api/v1/customers", nil, 200, &l)
			if len(l.Items) != len(visible) {
				t.Errorf("lists %d customers, want %d", len(l.Items), len(visible))
			}
		})
	}
}

// Who may give records to whom.
func TestRolesAssignment(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	tests := []struct {
		who, owner string // owner "" is the pool
		status     int
		code       string
	}{
		{"rep1", "rep1", 201, ""},
		{"rep1", "", 201, ""},
		{"rep1", "rep2", 403, "forbidden"},
		{"rep1", "admin", 403, "forbidden"},
		{"manager", "rep1", 201, ""},
		{"manager", "rep2", 201, ""},
		{"manager", "rep3", 403, "forbidden"},
		{"manager", "admin", 403, "forbidden"},
		{"admin", "rep3", 201, ""},
		{"admin", "nobody", 400, "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.who+" to "+tt.owner, func(t *testing.T) {
			var owner any
			switch tt.owner {
			case "":
			case "nobody":
				owner = 999999
			default:
				owner = e.id(tt.owner)
			}
			body := record{"name": "x", "owner_id": owner}
			if tt.status == 201 {
				e.call(tt.who, "POST", "/api/v1/customers", body, 201, nil)
				e.call(tt.who, "POST", "/api/v1/leads", body, 201, nil)
				e.call(tt.who, "POST", "/api/v1/tasks", record{"title": "x", "assignee_id": owner}, 201, nil)
				return
			}
			ae := e.fail(tt.who, "POST", "/api/v1/customers", body, tt.status, tt.code)
			if ae.Fields["owner_id"] == "" {
				t.Errorf("fields %v do not name owner_id", ae.Fields)
			}
			e.fail(tt.who, "POST", "/api/v1/leads", body, tt.status, tt.code)
			e.fail(tt.who, "POST", "/api/v1/tasks", record{"title": "x", "assignee_id": owner}, tt.status, tt.code)
		})
	}
}

// Moving a record to another owner is checked on update too, and audited.
func TestRolesReassign(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var c record
	e.call("rep1", "POST", "/api/v1/customers", record{"name": "华强"}, 201, &c)
	path := fmt.Sprintf("/api/v1/customers/%d", c.id())
	e.fail("rep1", "PATCH", path, record{"owner_id": e.id("rep2")}, 403, "forbidden")
	e.fail("manager", "PATCH", path, record{"owner_id": e.id("rep3")}, 403, "forbidden")
	e.call("manager", "PATCH", path, record{"owner_id": e.id("rep2")}, 200, nil)
	e.call("rep1", "GET", path, nil, 404, nil) // rep1 no longer sees it
	e.call("rep2", "PATCH", path, record{"owner_id": nil}, 200, nil)
	e.call("rep1", "GET", path, nil, 200, nil) // back in the pool
	// An edit that leaves the owner alone needs no assignment right.
	e.call("rep1", "PATCH", path, record{"level": "B"}, 200, nil)
	entries, err := e.db.AuditOf(context.Background(), crm.Ref{Kind: crm.RefCustomer, ID: c.id()}, 10)
	if err != nil {
		t.Fatal(err)
	}
	// The owner changes went through the pool: a transfer, then a release.
	if len(entries) != 2 || entries[0].Action != "customer.release" || entries[1].Action != "customer.transfer" {
		t.Errorf("audit = %+v, want customer.transfer then customer.release", entries)
	}
}

// Users and teams: everyone may list, only admins may change.
func TestRolesUsersAndTeams(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	newUser := record{"email": "new@example.com", "name": "新人", "role": "rep", "team_id": e.teamB,
		"password": "a long enough password"}
	for _, who := range []string{"manager", "rep1"} {
		e.fail(who, "POST", "/api/v1/users", newUser, 403, "forbidden")
		e.fail(who, "PATCH", fmt.Sprintf("/api/v1/users/%d", e.id("rep1")), record{"role": "admin"}, 403, "forbidden")
		e.fail(who, "POST", "/api/v1/teams", record{"name": "C"}, 403, "forbidden")
		var users, teams list
		e.call(who, "GET", "/api/v1/users", nil, 200, &users)
		e.call(who, "GET", "/api/v1/teams", nil, 200, &teams)
		if len(users.Items) != 5 || len(teams.Items) != 2 {
			t.Errorf("%s lists %d users and %d teams, want 5 and 2", who, len(users.Items), len(teams.Items))
		}
	}
	var u record
	e.call("admin", "POST", "/api/v1/users", newUser, 201, &u)
	if u["password"] != nil || u["role"] != "rep" {
		t.Errorf("created user %v", u)
	}
	// The new user can log in with the password set through the API.
	if res, _ := e.login("new@example.com", "a long enough password"); res.StatusCode != 303 {
		t.Errorf("login with the password set by the admin: %d", res.StatusCode)
	}
	path := fmt.Sprintf("/api/v1/users/%d", u.id())
	e.call("admin", "PATCH", path, record{"role": "manager", "password": "another long password"}, 200, &u)
	if u["role"] != "manager" || u["name"] != "新人" {
		t.Errorf("after PATCH: %v", u)
	}
	if res, _ := e.login("new@example.com", "another long password"); res.StatusCode != 303 {
		t.Errorf("login with the new password: %d", res.StatusCode)
	}
	e.fail("admin", "PATCH", path, record{"email": "other@example.com"}, 400, "invalid")
	e.call("admin", "POST", "/api/v1/teams", record{"name": "C"}, 201, nil)
}

// A disabled user's token stops working.
func TestDisabledUserLosesAccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	e.call("rep1", "GET", "/api/v1/me", nil, 200, nil)
	e.call("admin", "PATCH", fmt.Sprintf("/api/v1/users/%d", e.id("rep1")), record{"disabled": true}, 200, nil)
	e.fail("rep1", "GET", "/api/v1/me", nil, 401, "unauthorized")
}
