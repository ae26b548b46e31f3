package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// Merging contacts moves addresses and conversations to the survivor and
// deletes the other; only users who see both may merge them.
func TestMergeContacts(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	var a, b, c record
	e.call("rep1", "POST", "/api/v1/contacts", record{"name": "陈静", "emails": []string{"chen.jing@qq.com"}}, 201, &a)
	e.call("rep1", "POST", "/api/v1/contacts", record{"name": "Chen Jing", "emails": []string{"jing@163.com"},
		"phones": []string{"13900139000"}}, 201, &b)
	e.call("rep2", "POST", "/api/v1/contacts", record{"name": "陈静", "emails": []string{"cj@126.com"}}, 201, &c)
	conv := e.inbox(0).mail(t, "jing@163.com", "你好", "样品收到了", "").ConversationID
	const path = "/api/v1/contacts/merge"
	for _, tt := range []struct {
		body  any
		field string
	}{
		{record{"survivor_id": a.id(), "merged_id": a.id()}, "merged_id"},
		{record{}, "survivor_id"},
		{record{"survivor_id": a.id()}, "merged_id"},
		{record{"survivor_id": a.id(), "merged_id": b.id(), "owner_id": 1}, "owner_id"},
	} {
		ae := e.fail("rep1", "POST", path, tt.body, 400, "invalid")
		if ae.Fields[tt.field] == "" {
			t.Errorf("%v: fields %v do not name %s", tt.body, ae.Fields, tt.field)
		}
	}
	e.fail("rep1", "POST", path, record{"survivor_id": a.id(), "merged_id": c.id()}, 404, "not_found")
	e.fail("rep1", "POST", path, record{"survivor_id": c.id(), "merged_id": a.id()}, 404, "not_found")
	e.fail("rep3", "POST", path, record{"survivor_id": a.id(), "merged_id": b.id()}, 404, "not_found")

	var got struct {
		ID     int64    `json:"id"`
		Emails []string `json:"emails"`
		Phones []string `json:"phones"`
	}
	e.call("rep1", "POST", path, record{"survivor_id": a.id(), "merged_id": b.id()}, 200, &got)
	if got.ID != a.id() || fmt.Sprint(got.Emails) != "[chen.jing@qq.com jing@163.com]" ||
		fmt.Sprint(got.Phones) != "[+8613900139000]" {
		t.Errorf("survivor %+v: want A with B's email and phone", got)
	}
	e.call("admin", "GET", fmt.Sprintf("/api/v1/contacts/%d", b.id()), nil, 404, nil)
	wantOnlyContact(t, e, conv, a.id(), b.id(), crm.RuleEmail)
	// The manager sees rep1's and rep2's contacts (team A).
	e.call("manager", "POST", path, record{"survivor_id": a.id(), "merged_id": c.id()}, 200, nil)
	e.call("rep2", "GET", fmt.Sprintf("/api/v1/contacts/%d", c.id()), nil, 404, nil)
	audit, err := e.db.AuditOf(context.Background(), crm.Ref{Kind: crm.RefContact, ID: a.id()}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != 2 || audit[0].Action != "contact.merge" || *audit[0].ActorID != e.id("manager") ||
		*audit[1].ActorID != e.id("rep1") {
		t.Errorf("audit %+v: want the two merges by rep1, then the manager", audit)
	}
}

// Who may merge customers: whoever sees both. The survivor keeps its owner,
// or takes the merged one's when it had none.
func TestMergeCustomers(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	tests := []struct {
		who, survivor, merged string // owners; "" is the pool
		status                int
		owner                 string // the survivor's owner after the merge
	}{
		{"rep1", "rep1", "", 200, "rep1"},
		{"rep1", "", "rep1", 200, "rep1"},
		{"rep1", "", "", 200, ""},
		{"rep1", "rep1", "rep2", 404, ""},
		{"rep1", "rep2", "rep1", 404, ""},
		{"rep3", "rep3", "rep1", 404, ""},
		{"manager", "rep1", "rep2", 200, "rep1"},
		{"manager", "rep1", "rep3", 404, ""},
		{"admin", "rep1", "rep3", 200, "rep1"},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%s merges %q into %q", tt.who, tt.merged, tt.survivor), func(t *testing.T) {
			s := e.customer(fmt.Sprintf("华强电子 %d", i), tt.survivor)
			m := e.customer(fmt.Sprintf("深圳市华强电子有限公司 %d", i), tt.merged)
			var ct record
			e.call("admin", "POST", "/api/v1/contacts", record{"name": "李伟", "customer_id": m, "owner_id": nil}, 201, &ct)
			body := record{"survivor_id": s, "merged_id": m}
			if tt.status != 200 {
				e.fail(tt.who, "POST", "/api/v1/customers/merge", body, tt.status, "not_found")
				e.call("admin", "GET", fmt.Sprintf("/api/v1/customers/%d", m), nil, 200, nil)
				return
			}
			var got crm.Customer
			e.call(tt.who, "POST", "/api/v1/customers/merge", body, 200, &got)
			if got.ID != s || fmt.Sprint(ownerName(e, got.OwnerID)) != tt.owner {
				t.Errorf("survivor %d owned by %v, want %d owned by %q", got.ID, got.OwnerID, s, tt.owner)
			}
			e.call("admin", "GET", fmt.Sprintf("/api/v1/customers/%d", m), nil, 404, nil)
			var moved crm.Contact
			e.call("admin", "GET", fmt.Sprintf("/api/v1/contacts/%d", ct.id()), nil, 200, &moved)
			if moved.CustomerID == nil || *moved.CustomerID != s {
				t.Errorf("contact's customer %v, want the survivor %d", moved.CustomerID, s)
			}
		})
	}
	e.fail("rep1", "POST", "/api/v1/customers/merge", record{"survivor_id": 1, "merged_id": 1}, 400, "invalid")
}

// customer creates a customer owned by owner ("" for the pool), as the admin.
func (e *env) customer(name, owner string) int64 {
	var o any
	if owner != "" {
		o = e.id(owner)
	}
	var c record
	e.call("admin", "POST", "/api/v1/customers", record{"name": name, "owner_id": o}, 201, &c)
	return c.id()
}

func ownerName(e *env, id *int64) string {
	if id == nil {
		return ""
	}
	for key, u := range e.users {
		if u.ID == *id {
			return key
		}
	}
	return fmt.Sprint(*id)
}
