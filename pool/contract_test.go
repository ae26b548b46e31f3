package pool_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// contractEnding records an active contract whose last day is t0 + end
// (its date in Shanghai); end 0: a contract without an end date.
func contractEnding(end time.Duration) func(e *env, r crm.Ref) {
	return func(e *env, r crm.Ref) {
		o := &crm.Order{Kind: crm.OrderKindContract, Number: fmt.Sprintf("HT-%d-%d", r.ID, end/day),
			CustomerID: r.ID, Currency: "CNY", Status: crm.OrderActive, Amount: 100}
		if end != 0 {
			y, m, d := t0.Add(end).Date()
			o.EndDate = &crm.Date{Year: y, Month: int(m), Day: d}
		}
		e.must(e.db.CreateOrder(ctx, o))
	}
}

func contractEndRule(e *env) []crm.PoolRule {
	return []crm.PoolRule{{Kind: crm.RefCustomer, ContractEndDays: 30, ExemptActiveContract: true}}
}

// t0 is 09:00 in Shanghai: a contract ending on day 10 runs to midnight
// before day 11, 15 hours after t0 + 10 days; plus 30 days.
const contractDue = 40*day + 15*hour

var contractCases = []reclaimCase{
	{"contract end + 30 days, though its contract exempts it from idle", contractEndRule, aCustomer("B"), []step{
		{1 * day, contractEnding(10 * day), true}, {contractDue - time.Second, nil, true}, {contractDue, nil, false}}},
	{"a renewal moves the contract end", contractEndRule, aCustomer("B"), []step{
		{1 * day, contractEnding(10 * day), true}, {20 * day, contractEnding(100 * day), true},
		{contractDue, nil, true}, {contractDue + 90*day, nil, false}}},
	{"an open-ended contract never ends", contractEndRule, aCustomer("B"), []step{
		{1 * day, contractEnding(10 * day), true}, {2 * day, contractEnding(0), true}, {400 * day, nil, true}}},
	{"no contract: nothing to count from", contractEndRule, aCustomer("B"), []step{{400 * day, nil, true}}},
}

func TestContractEndRule(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		runCases(t, e, contractCases)
		// The reclaim says why, in words.
		e.t = t
		fs, err := e.db.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: crm.System})
		e.must(err)
		if len(fs.Items) == 0 || fs.Items[len(fs.Items)-1].Details == "" {
			t.Fatalf("no reclaim entry: %+v", fs.Items)
		}
		want := "30 days since the last contract ended"
		found := false
		for _, f := range fs.Items {
			found = found || strings.Contains(f.Details, want)
		}
		if !found {
			t.Fatalf("no follow-up says %q: %+v", want, fs.Items)
		}
	})
}

func TestContractEndRuleRefusedForLeads(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		err := e.db.SavePoolRule(ctx, &crm.PoolRule{Kind: crm.RefLead, ContractEndDays: 30})
		if crm.ErrorCode(err) != crm.EINVALID {
			t.Fatalf("a lead rule with contract_end_days: %v, want EINVALID", err)
		}
		e.wantCode(e.db.SavePoolRule(ctx, &crm.PoolRule{Kind: crm.RefCustomer, ContractEndDays: -1}), crm.EINVALID)
		e.wantCode(e.db.SavePoolRule(ctx, &crm.PoolRule{Kind: crm.RefCustomer, ContractEndDays: 10, WarnDays: 10}),
			crm.EINVALID)
		r := e.rule(crm.PoolRule{Kind: crm.RefCustomer, ContractEndDays: 10, WarnDays: 3})
		if got := e.rulesNow(); len(got) != 1 || got[0].ContractEndDays != 10 || got[0].ID != r.ID {
			t.Fatalf("rules = %+v", got)
		}
	})
}
