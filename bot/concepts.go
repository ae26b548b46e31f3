package bot

import (
	_ "embed"
	"regexp"
	"strconv"
	"strings"
)

// concepts.txt holds the groups of words that mean the same thing to a
// customer asking a question: colloquial and formal Chinese, and the
// English a follower may write. A message and an FAQ phrasing that name the
// same concept match on it even when they share no characters ("refund"
// and 退款, 咋 and 怎么). It is data, not code: vocabulary is added there.
//
//go:embed concepts.txt
var conceptsFile string

// Concept kinds: a topic (退款, 发票), a question word (怎么, 可以), or the
// kind of answer asked for (多少钱, 多久). Only a topic can make a match.
const (
	kindTopic = iota
	kindAsk
	kindAnswer
)

var concepts, conceptKinds = parseConcepts(conceptsFile)

func parseConcepts(file string) (groups [][]string, kinds []int) {
	for _, line := range strings.Split(file, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind := kindTopic
		if rest, ok := strings.CutPrefix(line, "ask:"); ok {
			kind, line = kindAsk, rest
		} else if rest, ok := strings.CutPrefix(line, "kind:"); ok {
			kind, line = kindAnswer, rest
		}
		var g []string
		for _, t := range strings.Split(line, "|") {
			if t = strings.TrimSpace(t); t != "" {
				g = append(g, t)
			}
		}
		groups, kinds = append(groups, g), append(kinds, kind)
	}
	return groups, kinds
}

// topicFeature reports whether a feature says what the message is about:
// a character pair, an English word or a topic concept (not a single
// character, nor a question word).
func topicFeature(k string) bool {
	switch {
	case k[0] == '#':
		return conceptKinds[conceptGroup(k)] == kindTopic
	case strings.HasPrefix(k, "w:"), strings.HasPrefix(k, "g:"):
		return true
	}
	return len([]rune(k)) >= 2 && !clockPairs[k]
}

// whereKey and addressKey are the features of "where" and of the address.
var whereKey, addressKey = conceptKey("在哪"), conceptKey("地址")

// ageKey is the age concept; ageGiven finds an age written as a number
// ("16岁", "未满18周岁", "五岁", "5 years old"), which names it as much as 年龄.
var ageKey = conceptKey("年龄")

var ageGiven = regexp.MustCompile(`\d{1,3} ?周?岁|[一二两三四五六七八九十]+周?岁|\b\d{1,3} ?(years? old|yo)\b`)

// clockKind is the at-what-time kind (几点); clockTime finds an hour in a
// normalized message ("8 点", "十点半", "7 pm"), which asks it too. 一点
// alone is "a little" (便宜一点), not one o'clock.
var clockKind = conceptGroup(conceptKey("几点"))

var clockTime = regexp.MustCompile(`(\d{1,2} ?点|[二三四五六七八九十两]点|十[一二]点|一点[钟半]|\d{1,2}( \d{2})? ?(am|pm)\b)`)

// howKey is the feature of "how" (怎么, 如何, 咋).
var howKey = conceptKey("怎么")

func conceptKey(first string) string {
	for g, terms := range concepts {
		if terms[0] == first {
			return "#" + strconv.Itoa(g)
		}
	}
	panic("concepts.txt has no group " + first)
}

// placeOrClock reports whether a feature asks where or at what time: the
// kinds that stand for a topic in a message that names no other.
func placeOrClock(k string) bool {
	return k[0] == '#' && placeOrClockGroup(conceptGroup(k))
}

func placeOrClockGroup(g int) bool {
	t := concepts[g][0]
	return t == "在哪" || t == "几点"
}

func clockGroup(g int) bool { return concepts[g][0] == "几点" }

// clockPairs are the character pairs of the at-what-time kind's terms: a
// message keeps them (they are shared with "营业时间是几点" as written),
// but they say how one asks, not what about.
var clockPairs = func() map[string]bool {
	m := map[string]bool{}
	for g, terms := range concepts {
		if !clockGroup(g) {
			continue
		}
		for _, t := range terms {
			rs := []rune(t)
			for i := 0; i+1 < len(rs); i++ {
				if rs[i] >= 128 {
					m[string(rs[i:i+2])] = true
				}
			}
		}
	}
	return m
}()

// answerGives finds, in an answer, the kind of answer a concept asks for:
// a price (39元, ¥99, 100 yuan, or free), a time (48小时, 2-4天, 次日, 3 days),
// opening hours (9:00-18:00), a clock time or a place.
var answerGives = func() map[int]*regexp.Regexp {
	gives := map[string]*regexp.Regexp{
		"价格": regexp.MustCompile(`(?i)[\d一两二三四五六七八九十百千万]\s*(元|块|yuan|rmb)|[¥￥]\s*\d|\d\s*%|\d\s*折`),
		"多久": regexp.MustCompile(`(?i)[\d一两二三四五六七八九十半]\s*(个)?(天|日|小时|分钟|周|星期|个月|月|年|工作日|days?|hours?|weeks?|months?|years?)|次日|当天|当日|隔天|same day|next day`),
	}
	// "is there a charge" is answered by a price or by "free"
	gives["收费吗"] = regexp.MustCompile(gives["价格"].String() + `|免费|不收费|不收钱|不要钱|\bfree\b`)
	// opening hours: 9:00-18:00, 7×24, 24小时
	gives["营业时间"] = regexp.MustCompile(`\d{1,2}[:：]\d{2}\s*[-–~至到]\s*\d{1,2}[:：]\d{2}|7\s*[×x*]\s*24|24\s*(小时|hours)`)
	// a clock time (14:00, 十点, noon) answers "几点"; a street address, a
	// floor or a metro exit answers "在哪"
	gives["几点"] = regexp.MustCompile(`(?i)\d{1,2}[:：]\d{2}|\d{1,2}\s*点|[一二三四五六七八九十两]\s*点[钟前后以半]|中午|noon|midnight|\d\s*[ap]\.?m\b`)
	gives["在哪"] = regexp.MustCompile(`(?i)\d+\s*号|\d\s*(楼|层|f\b)|[一二三四五六七八九十]\s*(楼|层)|[路街巷]\s*\d|出口|\b(street|road|avenue|floor|st|rd)\b`)
	// times: 3次, 两回, 每月一期, twice a year
	gives["几次"] = regexp.MustCompile(`(?i)[\d一两二三四五六七八九十几]\s*(次|回|趟|期)|每(年|季|月|周|天|日|星期)|\b(once|twice|times|monthly|weekly|yearly|annually)\b`)
	m := map[int]*regexp.Regexp{}
	for g, terms := range concepts {
		if re := gives[terms[0]]; re != nil {
			m[g] = re
		}
	}
	return m
}()
