package web_test

import (
	"fmt"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// Customers keep several domains and a phone through the API; a PATCH of
// domains alone makes its first the main domain. Orders keep an order date
// and a contract, which must be one the caller can see.
func TestCustomerDomainsAndOrderContract(t *testing.T) {
	e := newEnv(t, web.Config{})
	var c record
	e.call("rep1", "POST", "/api/v1/customers", record{"name": "华强电子", "domain": "huaqiang.example",
		"domains": []string{"hq-group.example"}, "phone": "0755 8888 1234"}, 201, &c)
	if c["domain"] != "huaqiang.example" || c["phone"] != "+8675588881234" || len(c["domains"].([]any)) != 2 {
		t.Fatalf("created %v: want both domains, the main first, and the phone in E.164", c)
	}
	e.call("rep1", "PATCH", fmt.Sprintf("/api/v1/customers/%d", c.id()), record{"domains": []string{"hq-group.example"}}, 200, &c)
	if c["domain"] != "hq-group.example" || len(c["domains"].([]any)) != 1 {
		t.Errorf("after PATCH of domains: %v, want hq-group.example alone and main", c)
	}
	e.fail("rep1", "PATCH", fmt.Sprintf("/api/v1/customers/%d", c.id()), record{"phone": "12"}, 400, "invalid")

	var contract, order record
	e.call("rep1", "POST", "/api/v1/orders", record{"kind": "contract", "number": "HT-1", "customer_id": c.id()}, 201, &contract)
	e.call("rep1", "POST", "/api/v1/orders", record{"number": "SO-1", "customer_id": c.id(), "order_date": "2026-03-01",
		"contract_id": contract.id()}, 201, &order)
	if order["order_date"] != "2026-03-01" || order["contract_id"] != float64(contract.id()) {
		t.Errorf("order %v: want its date and contract", order)
	}
	var theirs record
	e.call("rep3", "POST", "/api/v1/customers", record{"name": "Acme"}, 201, &theirs)
	ae := e.fail("rep3", "POST", "/api/v1/orders", record{"number": "SO-2", "customer_id": theirs.id(),
		"contract_id": contract.id()}, 400, "invalid")
	if ae.Fields["contract_id"] == "" {
		t.Errorf("another rep's contract: fields %v, want contract_id named", ae.Fields)
	}
}
