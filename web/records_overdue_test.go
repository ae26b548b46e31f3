package web_test

import (
	"fmt"
	"strings"
	"testing"
)

// An unpaid instalment past its due date says so on the order's page and
// on its customer's, in the page's language; one not yet due does not.
func TestOverdueInstalment(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	paths := p.seed() // instalment 1 is due 2026-03-01, half paid; the clock is at 2026-03-02
	order := paths["orders"][0]
	var id int64
	fmt.Sscanf(order, "/orders/%d", &id)
	p.call("rep1", "POST", fmt.Sprintf("/api/v1/orders/%d/payment-plans", id),
		record{"instalment": 2, "due_date": "2026-04-01", "amount": 100000}, 201, nil)
	for lang, word := range map[string]string{"en": "Overdue", "zh-CN": "已逾期"} {
		for _, path := range []string{order, paths["customers"][0]} {
			page := p.mustPage("rep1", path+"?lang="+lang)
			if n := strings.Count(page, word); n != 1 {
				t.Errorf("%s %s: %q %d times, want once (instalment 1 only)", lang, path, word, n)
			}
		}
	}
}
