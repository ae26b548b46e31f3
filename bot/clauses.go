package bot

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/crm"
)

// clauses cuts a message at its punctuation and emoji: "柜子能定做吗，我家
// 墙有点歪😂" is a question and a remark, and the remark's words, which no
// entry has, made the question look unlike the entry it asks about.
func clauses(raw string) []string {
	var out []string
	// A space between Chinese characters is a comma ("小朋友咳嗽几天了 你们
	// 有儿科没"); between Latin words it is a space.
	raw = hanSpace.ReplaceAllString(raw, "$1，$2")
	for _, c := range strings.FieldsFunc(raw, func(r rune) bool {
		return r == '\n' || (unicode.IsPunct(r) && r != '\'' && r != '-') || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r)
	}) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

var hanSpace = regexp.MustCompile(`(\p{Han})\s+(\p{Han})`)

// maxClauses bounds the clauses scored: a longer message is a letter,
// for a person, and each clause costs a scan of the index.
const maxClauses = 6

// byClause is the FAQ's answer when the whole message was not a sure match
// but its clauses are: each clause is scored on its own, by the same
// gates, and every clause that is sure must name the same entry (two
// questions in one message, "多少钱，包邮吗", are for a person). It
// returns the sure clause's match, or nothing. A clause that asks of a
// bare topic only ("能刷信用卡吗，额度刚好够") is sure of its entry
// (bare.go); bare says the clause taken is one.
func (x *faqIndex) byClause(raw string, sure func(first, second match) bool) (first, second match, clause string, bare bool) {
	cs := clauses(raw)
	if len(cs) < 2 || len(cs) > maxClauses {
		return match{}, match{}, "", false
	}
	for _, c := range cs {
		n := normalize(c)
		if isChitChat(n) {
			continue
		}
		if x.unknownAsked(n) != "" {
			// "可以帮忙做安乐死吗 费用多少": the price asked is the unknown deed's
			return match{}, match{}, "", false
		}
		f, s := x.best(n)
		isBare := false
		if !sure(f, s) {
			if e := x.bareEntry(n); e != nil {
				if f.faq != e {
					f = match{faq: e}
				}
				s, isBare = match{}, true
			}
		}
		if !isBare && !sure(f, s) {
			continue
		}
		if first.faq != nil && first.faq.ID != f.faq.ID {
			return match{}, match{}, "", false
		}
		if first.faq == nil || f.score > first.score {
			first, second, clause, bare = f, s, c, isBare
		}
	}
	if first.faq == nil {
		return match{}, match{}, "", false
	}
	// What to do, asked of the whole ("I can smell gas in my kitchen, what
	// should I do right now?"), is not answered by an entry that asks a
	// price or a time, whatever clause it matches.
	if n := normalize(raw); remedyAsk.MatchString(n) && notAsked(features(n), x.askedKinds[x.entryIndex(first.faq)]) {
		return match{}, match{}, "", false
	}
	// A remark ("怕洗坏了") is not the question when another clause asks
	// one of its own ("皮夹克可以洗不？怕洗坏了" asks about the leather).
	if !isQuestion(raw, clause) {
		for _, c := range cs {
			// Even when the question points at the same entry: "我是你们会员，
			// 积分怎么一直没变过" asks of the sender's points, not how to join
			// (measured: letting those through answered two persons' messages
			// and gave one wrong answer over forty-three sets).
			if c != clause && isQuestion(raw, c) && hasContent(c) {
				return match{}, match{}, "", false
			}
		}
	}
	// A clause that asks a price and names nothing ("多少钱一天", "费用多少")
	// asks it of what another clause names: all of that must be the
	// entry's ("你们有租帐篷和户外桌椅吗 多少钱一天" is no car's day rate).
	if kindOnly.MatchString(normalize(clause)) {
		for _, c := range cs {
			if c == clause {
				continue
			}
			for k := range features(normalize(c)) {
				if hanFeature(k) && topicFeature(k) && !commonWords()[k] && !x.entryHas(first.faq, k) {
					return match{}, match{}, "", false
				}
			}
		}
	}
	// The other clauses must be remarks, not context: a word of theirs
	// that some entry has and this one lacks says the question is about
	// something else ("My phone fell in water, can you fix it?" is not
	// any repair).
	for _, c := range cs {
		if c == clause {
			continue
		}
		for k := range features(normalize(c)) {
			if topicFeature(k) && len(x.postings[k]) > 0 && !x.entryHas(first.faq, k) {
				return match{}, match{}, "", false
			}
		}
	}
	return first, second, clause, bare
}

// kindOnly is a clause that asks a price, a duration or a time of
// nothing it names.
var kindOnly = regexp.MustCompile(`^(那|单独|大概|一共|总共)?(一|每)?(天|次|个|瓶|位|人|晚|小时|斤|套|件|只|台|节|课)?` +
	`(要|得|需要)?(多少钱|多少|费用多少|价格多少|什么价|啥价|怎么收费|怎么算|多钱|几钱|好多钱|多久|多长时间|几点)` +
	`(一|每)?(天|次|个|瓶|位|人|晚|小时|斤|套|件|只|台|节|课)?(啊|呀|呢|哦)?$`)

// questionEnd marks a Chinese clause that asks: a question particle or an
// A-not-A ending ("可以洗不", mostly made 吗 by normalize), or a question
// word or an A-not-A anywhere ("车停哪", "能不能按天付钱坐一下"). An English
// clause is a question by its mark only; hasContent counts Chinese, so the
// remark rule is for Chinese.
var questionEnd = regexp.MustCompile(`(吗|么|嘛|呢|吧|不|没|没有|否|伐|未)$|哪|几|多少|什么|怎么|如何|多久|` +
	`能不能|可不可以|是不是|有没有|要不要|会不会|行不行|好不好`)

// isQuestion reports whether a clause of raw is a question: followed by a
// question mark, or ending as one.
func isQuestion(raw, clause string) bool {
	if i := strings.Index(raw, clause); i >= 0 {
		rest := strings.TrimSpace(raw[i+len(clause):])
		if strings.HasPrefix(rest, "?") || strings.HasPrefix(rest, "？") {
			return true
		}
	}
	return questionEnd.MatchString(normalize(clause))
}

// askWords are what a question says besides its subject.
var askWords = regexp.MustCompile(`可以|能|会|要|吗|么|嘛|呢|吧|不|没有|没|请问|你们|我|是|有|什么|怎么|多少|几|哪`)

// hasContent reports whether a clause names something beyond its question
// words ("可以吗" names nothing; "皮夹克可以洗不" does).
func hasContent(clause string) bool {
	n := 0
	for _, r := range askWords.ReplaceAllString(normalize(clause), "") {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n >= 2 || (n == 1 && howAsk.MatchString(normalize(clause)))
}

// howAsk asks how to do the deed the clause names ("咋个约嘛": how to book).
var howAsk = regexp.MustCompile(`怎么|如何|怎样`)

// entryIndex returns f's place among the entries.
func (x *faqIndex) entryIndex(f *crm.FAQ) int { return slices.Index(x.entries, f) }

// entryHas reports whether one of f's phrasings has the feature k.
func (x *faqIndex) entryHas(f *crm.FAQ, k string) bool {
	for _, p := range x.postings[k] {
		if x.entries[x.owner[p.phrasing]] == f {
			return true
		}
	}
	return false
}

// subQuestions returns the parts of a question that asks two things
// ("报名入园的流程是什么，需要准备哪些材料？", "园服怎么购买，必须穿吗？"): a
// follower asks one of them, and a part is a phrasing of the entry as an
// alternative would be. A question of one part gives none.
func subQuestions(q string) []string {
	var out []string
	for _, c := range clauses(q) {
		if utf8.RuneCountInString(c) >= 3 {
			out = append(out, c)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
