package matcher

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestResolve(t *testing.T) {
	ev := func(rule string, ids ...int64) evidence {
		e := evidence{kind: crm.RefContact, rule: rule, value: rule + "-value"}
		for _, id := range ids {
			e.hits = append(e.hits, hit{id: id})
		}
		return e
	}
	tests := []struct {
		name       string
		evs        []evidence
		want       int64  // 0: none found
		rule       string // the evidence the link takes its reason from
		candidates int
	}{
		{"nothing", []evidence{ev("identity"), ev("email")}, 0, "", 0},
		{"one value", []evidence{ev("identity"), ev("email", 7)}, 7, "email", 0},
		{"agreeing values: the strongest reason", []evidence{ev("identity", 7), ev("email", 7), ev("phone", 7)}, 7, "identity", 0},
		{"identity narrows a shared address", []evidence{ev("identity", 7), ev("email", 7, 8)}, 7, "identity", 0},
		{"a phone narrows a shared address: the phone decides", []evidence{ev("email", 7, 8), ev("phone", 8)}, 8, "phone", 0},
		{"two shared values narrow each other", []evidence{ev("email", 7, 8), ev("phone", 8, 9)}, 8, "email", 0},
		{"shared address alone", []evidence{ev("email", 7, 8)}, 0, "", 2},
		{"identity A, address B", []evidence{ev("identity", 7), ev("email", 8)}, 0, "", 2},
		{"three-way disagreement", []evidence{ev("email", 7, 8), ev("phone", 9)}, 0, "", 3},
	}
	for _, tt := range tests {
		v := resolve(tt.evs)
		if v.hit.id != tt.want || v.ev.rule != tt.rule || len(v.candidates) != tt.candidates {
			t.Errorf("%s: got id %d rule %q candidates %v; want %d %q %d", tt.name, v.hit.id, v.ev.rule,
				v.candidates, tt.want, tt.rule, tt.candidates)
		}
	}
}

func TestCommonCustomer(t *testing.T) {
	h := func(id, cust int64) hit { return hit{id: id, customerID: cust} }
	tests := []struct {
		hits []hit
		want int64
	}{
		{[]hit{h(1, 5), h(2, 5)}, 5},
		{[]hit{h(1, 5), h(2, 6)}, 0},
		{[]hit{h(1, 5), h(2, 0)}, 0},
	}
	for _, tt := range tests {
		if got := commonCustomer([]evidence{{hits: tt.hits}}); got != tt.want {
			t.Errorf("commonCustomer(%v) = %d, want %d", tt.hits, got, tt.want)
		}
	}
}
