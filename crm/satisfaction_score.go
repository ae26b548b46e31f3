package crm

import (
	"strings"
	"unicode"
)

// scoreWords are the ways a customer writes one score alone: a digit
// (half or full width), a circled digit, a Chinese numeral.
var scoreWords = map[string]int{
	"1": 1, "2": 2, "3": 3, "4": 4, "5": 5,
	"１": 1, "２": 2, "３": 3, "４": 4, "５": 5,
	"①": 1, "②": 2, "③": 3, "④": 4, "⑤": 5,
	"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
}

// ParseScore reads a reply that is only a satisfaction score, 1 to 5:
// "5", "５", "⑤", "五", "5分", "五分", "4星", "3 分。". Anything else ("15",
// "3-5", "5分钟后再说", a question) is not a score: it goes to the inbox
// and the bot as any message does.
func ParseScore(text string) (int, bool) {
	s := strings.TrimFunc(text, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	for _, unit := range []string{"颗星", "分", "星"} {
		if t, ok := strings.CutSuffix(s, unit); ok {
			s = strings.TrimSpace(t)
			break
		}
	}
	n, ok := scoreWords[s]
	return n, ok
}
