package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testIngestByAnyDomain: mail ingested from any of a customer's domains,
// the main one or another, links the customer (the batch reads the
// customers of its senders' domains ahead; it must find the same).
func testIngestByAnyDomain(t *testing.T, h *ingestHarness) {
	c := &crm.Customer{Name: "华强电子", Domain: "huaqiang.example", Domains: []string{"hq-group.example"}}
	must(t, h.s.CreateCustomer(ctx, c))
	for _, from := range []string{"li@huaqiang.example", "wang@hq-group.example"} {
		res := h.ingest(t, mail(from, "询价", "请报价"))
		if res.CustomerID != c.ID || !hasLink(res.Links, crm.RefCustomer, c.ID) {
			t.Errorf("mail from %s: customer %d, links %+v; want customer %d by domain", from, res.CustomerID, res.Links, c.ID)
		}
	}
}
