package pool

import (
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// texts are what the pool writes into records, in each language it speaks.
var texts = map[string]map[string]string{
	"en": {
		"idle":       "no follow-up for %d days",
		"no_deal":    "no deal within %d days of the claim",
		"contract":   "%d days since the last contract ended",
		"reclaimed":  "Reclaimed to the pool by rule %d: %s (due %s).",
		"result":     "reclaimed",
		"warn_title": "About to be reclaimed on %s: %s",
		"warn_body":  "Rule %d: %s. Follow it up before then, or ask your manager to freeze it.",
		"revisit":    "Revisit: %s",
	},
	"zh-CN": {
		"idle":       "%d 天未跟进",
		"no_deal":    "领取后 %d 天未成交",
		"contract":   "合同到期后 %d 天未续签",
		"reclaimed":  "按规则 %d 回收到公海：%s（到期 %s）。",
		"result":     "已回收",
		"warn_title": "将于 %s 回收：%s",
		"warn_body":  "规则 %d：%s。请在此之前跟进，或请经理冻结。",
		"revisit":    "回访：%s",
	},
}

// text formats the message key in the pool's language (English when it
// speaks no other).
func (p *Pool) text(key string, args ...any) string {
	m, ok := texts[p.cfg.Lang]
	if !ok {
		m = texts["en"]
	}
	return fmt.Sprintf(m[key], args...)
}

// why says in words why a record falls due under a rule of n days.
func (p *Pool) why(reason string, rule crm.PoolRule) string {
	switch reason {
	case crm.ReclaimNoDeal:
		return p.text("no_deal", rule.NoDealDays)
	case crm.ReclaimContractEnd:
		return p.text("contract", rule.ContractEndDays)
	}
	return p.text("idle", rule.IdleDays)
}
