package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// Ownership follows the customer: the rep who owns a customer opens its
// contract though a colleague owns it (a 404 before), and a contact
// created for a customer without an owner of its own takes the customer's.
func TestOwnershipFollowsCustomer(t *testing.T) {
	e := newEnv(t, web.Config{})
	ctx := context.Background()
	rep1 := e.id("rep1")
	cust := &crm.Customer{Name: "佛山陶瓷", OwnerID: &rep1}
	pool := &crm.Customer{Name: "公海客户"}
	for _, c := range []*crm.Customer{cust, pool} {
		if err := e.db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	contract := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-F-1", CustomerID: cust.ID, Amount: 900, OwnerID: ptr(e.id("rep3"))}
	if err := e.db.CreateOrder(ctx, contract); err != nil {
		t.Fatal(err)
	}
	e.call("rep1", "GET", fmt.Sprintf("/api/v1/orders/%d", contract.ID), nil, 200, nil)
	e.fail("rep2", "GET", fmt.Sprintf("/api/v1/orders/%d", contract.ID), nil, 404, "not_found")

	tests := []struct {
		name string
		who  string
		body map[string]any
		want *int64
	}{
		{"the customer's owner, for a manager's new contact", "manager", map[string]any{"name": "甲", "customer_id": cust.ID}, &rep1},
		{"the customer's owner, for the owner's own", "rep1", map[string]any{"name": "乙", "customer_id": cust.ID}, &rep1},
		{"an owner given is kept", "admin", map[string]any{"name": "丙", "customer_id": cust.ID, "owner_id": e.id("rep2")}, ptr(e.id("rep2"))},
		{"a pool customer's contact keeps its creator", "rep2", map[string]any{"name": "丁", "customer_id": pool.ID}, ptr(e.id("rep2"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c crm.Contact
			e.call(tt.who, "POST", "/api/v1/contacts", tt.body, 201, &c)
			if c.OwnerID == nil || *c.OwnerID != *tt.want {
				t.Errorf("owner %v, want %d", c.OwnerID, *tt.want)
			}
		})
	}
}
