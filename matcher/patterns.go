package matcher

import (
	"regexp"

	"github.com/rapport-crm/rapport/crm"
)

// The default number patterns. They are case-sensitive on purpose: "SO-2024",
// "HT20240001", "T-123" are how such numbers are printed, while lower-case
// look-alikes ("t1000", a product model) are words. Every match is looked
// up, so a pattern that matches too much costs a lookup, never a wrong link.
const (
	// Orders and contracts: SO (sales order), PO (purchase order), ORD, HT
	// (合同, contract), CT (contract), an optional - or _, four or more
	// digits, and optional -digit groups ("SO-2024-0001").
	defaultOrderPattern = `\b(?:SO|PO|ORD|HT|CT)[-_]?\d{4,}(?:-\d+)*\b`
	// An order or contract number named in Chinese: "订单号：20240001",
	// "合同编号 HT-2024-01". The capture group is the number.
	defaultOrderCNPattern = `(?:订单|合同)(?:编号|号码|号)\s*[:：#]?\s*([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)`
	// Tasks: T or TASK or Task, an optional - or _, three or more digits.
	defaultTaskPattern = `\b(?:T|TASK|Task)[-_]?\d{3,}\b`
)

// DefaultOrderPatterns returns the default order and contract patterns.
func DefaultOrderPatterns() []*regexp.Regexp {
	return []*regexp.Regexp{regexp.MustCompile(defaultOrderPattern), regexp.MustCompile(defaultOrderCNPattern)}
}

// DefaultTaskPatterns returns the default task pattern.
func DefaultTaskPatterns() []*regexp.Regexp {
	return []*regexp.Regexp{regexp.MustCompile(defaultTaskPattern)}
}

// CompilePatterns compiles configured patterns (from flags or environment
// variables). EINVALID names the pattern that does not compile.
func CompilePatterns(exprs []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(exprs))
	for _, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, crm.Errorf(crm.EINVALID, "pattern %q does not compile: %v", e, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// appendNumbers adds to nums the numbers the patterns find in s that it
// does not hold yet, up to max in all, and returns them with the byte
// spans of every match (to be blanked before looking for phone numbers).
func appendNumbers(nums []string, patterns []*regexp.Regexp, s string, max int, spans [][2]int) ([]string, [][2]int) {
	for _, re := range patterns {
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			start, end := loc[0], loc[1]
			if len(loc) >= 4 && loc[2] >= 0 {
				start, end = loc[2], loc[3]
			}
			spans = append(spans, [2]int{start, end})
			if n := s[start:end]; !contains(nums, n) && len(nums) < max {
				nums = append(nums, n)
			}
		}
	}
	return nums, spans
}
