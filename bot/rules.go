package bot

import (
	"regexp"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// compiled is a rule made ready to match: keywords normalized as messages
// are (so 退貨 finds 退货), regular expressions compiled once.
type compiled struct {
	rule     *crm.BotRule
	keywords []string
	regexes  []*regexp.Regexp
}

func compile(r *crm.BotRule) *compiled {
	c := &compiled{rule: r}
	for _, k := range r.Keywords {
		if r.Kind == crm.RuleKeyword && r.Match == crm.MatchRegex {
			if re, err := regexp.Compile(k); err == nil { // validated when saved
				c.regexes = append(c.regexes, re)
			}
			continue
		}
		if r.Kind == crm.RuleKeyword {
			k = normalize(k)
		}
		c.keywords = append(c.keywords, k)
	}
	return c
}

// matches reports whether a keyword rule fires on a message.
func (c *compiled) matches(raw, norm string) bool {
	switch c.rule.Match {
	case crm.MatchRegex:
		for _, re := range c.regexes {
			if re.MatchString(raw) || re.MatchString(norm) {
				return true
			}
		}
	case crm.MatchExact:
		for _, k := range c.keywords {
			if norm == k {
				return true
			}
		}
	default:
		for _, k := range c.keywords {
			if k != "" && strings.Contains(norm, k) {
				return true
			}
		}
	}
	return false
}

// welcomeRule picks the subscribe greeting: the QR scene's own, else the
// returning follower's, else the general one.
func welcomeRule(rules []*compiled, scene string, returning bool) *crm.BotRule {
	var best *crm.BotRule
	rank := 0
	for _, c := range rules {
		if c.rule.Kind != crm.RuleWelcome {
			continue
		}
		for _, k := range c.keywords {
			r := 0
			switch {
			case scene != "" && k == "qrscene_"+scene:
				r = 3
			case returning && k == crm.WelcomeReturning:
				r = 2
			case k == crm.WelcomeAny:
				r = 1
			}
			if r > rank {
				best, rank = c.rule, r
			}
		}
	}
	return best
}

func clickRule(rules []*compiled, key string) *crm.BotRule {
	for _, c := range rules {
		if c.rule.Kind != crm.RuleClick {
			continue
		}
		for _, k := range c.keywords {
			if k == key {
				return c.rule
			}
		}
	}
	return nil
}

func keywordRule(rules []*compiled, raw, norm string) *crm.BotRule {
	for _, c := range rules {
		if c.rule.Kind == crm.RuleKeyword && c.matches(raw, norm) {
			return c.rule
		}
	}
	return nil
}
