package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// apiGapTests: what integrators met missing while loading real data.
var apiGapTests = []storeTest{
	{"Customer/DomainsAndPhone", testCustomerDomains},
	{"Order/DateAndContract", testOrderContract},
}

// testCustomerDomains: a customer keeps several mail domains, the main one
// first, and the matcher finds it by any; a phone is kept in E.164; a bad
// domain or phone is refused by name.
func testCustomerDomains(t *testing.T, s crm.Store) {
	c := &crm.Customer{Name: "华强电子", Domain: "huaqiang.example",
		Domains: []string{"HQ-Group.example", "huaqiang.example", " hq.cn.example "}, Phone: "0755 8888 1234"}
	must(t, s.CreateCustomer(ctx, c))
	same(t, "domains", c.Domains, []string{"huaqiang.example", "hq-group.example", "hq.cn.example"})
	same(t, "phone", c.Phone, "+8675588881234")
	got, err := s.Customer(ctx, crm.System, c.ID)
	must(t, err)
	same(t, "stored", got, c)
	mr, ok := s.(crm.MatchReader)
	if !ok {
		t.Fatal("the store reads no matches")
	}
	for _, d := range []string{"huaqiang.example", "hq-group.example", "hq.cn.example"} {
		cs, err := mr.CustomersByDomain(ctx, d)
		must(t, err)
		if len(cs) != 1 || cs[0].ID != c.ID {
			t.Errorf("by domain %s: %d customers, want the one", d, len(cs))
		}
	}
	got.Domain, got.Domains = "", []string{"hq-group.example"}
	must(t, s.UpdateCustomer(ctx, crm.System, got))
	cs, err := mr.CustomersByDomain(ctx, "huaqiang.example")
	must(t, err)
	same(t, "a dropped domain no longer matches", len(cs), 0)
	same(t, "main domain follows the list", got.Domain, "hq-group.example")
	wantFields(t, s.CreateCustomer(ctx, &crm.Customer{Name: "x", Domains: []string{"not a domain"}}), "domains")
	wantFields(t, s.CreateCustomer(ctx, &crm.Customer{Name: "x", Phone: "12"}), "phone")
}

// testOrderContract: an order keeps its own date and the contract it was
// placed under, which must be a contract of the same customer.
func testOrderContract(t *testing.T, s crm.Store) {
	cust := &crm.Customer{Name: "华强电子"}
	other := &crm.Customer{Name: "Acme"}
	must(t, s.CreateCustomer(ctx, cust))
	must(t, s.CreateCustomer(ctx, other))
	contract := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-2026-001", CustomerID: cust.ID}
	theirs := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-2026-002", CustomerID: other.ID}
	plain := &crm.Order{Number: "SO-2026-000", CustomerID: cust.ID}
	for _, o := range []*crm.Order{contract, theirs, plain} {
		must(t, s.CreateOrder(ctx, o))
	}
	day := crm.Date{Year: 2026, Month: 3, Day: 1}
	o := &crm.Order{Number: "SO-2026-001", CustomerID: cust.ID, OrderDate: &day, ContractID: &contract.ID}
	must(t, s.CreateOrder(ctx, o))
	got, err := s.Order(ctx, crm.System, o.ID)
	must(t, err)
	same(t, "order date", got.OrderDate, &day)
	same(t, "contract", got.ContractID, &contract.ID)
	for _, bad := range []int64{theirs.ID, plain.ID, 999999} {
		wantFields(t, s.CreateOrder(ctx, &crm.Order{Number: "SO-BAD", CustomerID: cust.ID, ContractID: &bad}), "contract_id")
	}
	got.ContractID = nil
	must(t, s.UpdateOrder(ctx, crm.System, got))
	again, err := s.Order(ctx, crm.System, o.ID)
	must(t, err)
	same(t, "contract unlinked", again.ContractID, (*int64)(nil))
}
