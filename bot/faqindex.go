package bot

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/rapport-crm/rapport/crm"
)

// faqIndex finds the FAQ entry a message asks about. Each phrasing
// (question and alternatives) is a set of weighted features; a message's
// score against a phrasing is the F1 of the IDF-weighted overlap: how much
// of the phrasing the message covers, and how much of the message the
// phrasing explains, so that a message about something else that shares
// one keyword scores low.
type faqIndex struct {
	entries     []*crm.FAQ
	owner       []int          // phrasing → entry
	answer      []uint8        // phrasing → fromQuestion, fromAnswer or fromAnswerEn
	total       []float64      // phrasing → its weight sum
	latin       []float64      // phrasing → the weight of its concepts and English words
	topics      []map[int]bool // entry → the topic concepts its phrasings and answers name
	askedKinds  [][]int        // entry → the kinds of answer (how much, how long, where) its question asks for
	priceOnly   []bool         // entry → its question asks a price and nothing else, no yes-no besides
	postings    map[string][]posting
	idfs        map[string]float64
	unknown     float64             // the IDF of a feature no phrasing has
	sounds      map[string][]string // a pair's toneless pinyin → the phrasings' pairs (sounds.go)
	glosses     map[string][]string // an English stem → the phrasings' Chinese words it glosses (glosses.go)
	senses      map[string][]string // a first English sense (senseKey) → the phrasings' words of that sense (senses.go)
	vocab       map[string]bool     // the dictionary words of the phrasings and answers
	pinyin      map[string]string   // a vocabulary word's toneless pinyin → the word (pinyin.go)
	bare        []int               // per bare topic, the one entry whose question names it, or -1 (bare.go)
	asks        string              // the questions and alternatives, normalized, a line each (existence.go)
	exact       map[string]int      // a question or alternative as exactKey writes it → its entry, or -1 for several
	pinyinPairs map[string]bool     // of those, the keys of character pairs that are no dictionary word
	skipOnly    map[string]bool     // pairs one apart in a phrasing that no phrasing has side by side
	scratch     sync.Pool
}

type scratch struct {
	overlap []float64
	topical []bool // the phrasing shares a topic feature with the message
	touched []int
	// per entry: how much of the message all its phrasings together
	// explain (each feature counted once), and this feature's best share
	explained, feat []float64
	entries         []int
}

// Tuning knobs (see eval_test.go): a feature no phrasing has counts
// unknownFactor of the rarest feature's weight, and beta > 1 favours
// covering the phrasing over explaining every word of the message.
var (
	unknownFactor = 0.45
	beta          = 1.5
	unknownChar   = 0.5 // an unknown single character counts this share of an unknown pair
	answerWeight  = 1.0 // an answer phrasing's score counts this much
	answerBeta    = 0.5 // and explaining the message counts more than covering a long answer
	englishBonus  = 0.3 // an English message's score gains this share of its English answer's
)

// An entry's answers are phrasings too, weaker ones: an FAQ created with
// no alternatives still has its answer's words ("营业", "showers") for a
// message that does not repeat its question's. The English answer is only
// for English messages.
// boilerplate is what many answers say and no question asks about:
// "请联系客服" in an answer must not make it the answer to "请让客服联系我".
var boilerplate = regexp.MustCompile(`(?i)(请|可|可以|也可)?(联系|咨询|询问|告诉|找)(我们的|我们|在线|人工)?(客服|我们)|` +
	`(please )?(contact|ask|call|message|tell) (us|our (service )?team|customer service|support)`)

const (
	fromQuestion = iota
	fromAnswer
	fromAnswerEn
)

type posting struct {
	phrasing int
	weight   float64
	topic    bool
}

// match is an entry's best score against a message.
type match struct {
	faq   *crm.FAQ
	score float64
	prec  float64 // how much of the message the entry's phrasing explains
}

func newFAQIndex(fs []*crm.FAQ) *faqIndex {
	x := &faqIndex{postings: map[string][]posting{}, idfs: map[string]float64{}, glosses: map[string][]string{},
		skipOnly: map[string]bool{}, senses: map[string][]string{}, vocab: map[string]bool{}, exact: map[string]int{}}
	var feats, skips []map[string]float64
	plain := map[string]bool{}
	df := map[string]int{}
	var asks strings.Builder
	for _, f := range fs {
		if !f.Enabled {
			continue
		}
		x.entries = append(x.entries, f)
		topics := answerKinds(f)
		x.topics = append(x.topics, topics)
		texts := append(append([]string{f.Question}, f.Alternatives...), subQuestions(f.Question)...)
		from := make([]uint8, len(texts), len(texts)+2)
		if answerWeight > 0 {
			texts = append(texts, boilerplate.ReplaceAllString(f.Answer, " "), boilerplate.ReplaceAllString(f.AnswerEn, " "))
			from = append(from, fromAnswer, fromAnswerEn)
		}
		for j, p := range texts {
			norm := normalize(p)
			if from[j] == fromQuestion {
				asks.WriteString(norm)
				asks.WriteByte('\n')
				k := exactKey(norm)
				if e, seen := x.exact[k]; seen && e != len(x.entries)-1 {
					x.exact[k] = -1
				} else if k != "" {
					x.exact[k] = len(x.entries) - 1
				}
			}
			ft := features(norm)
			if j == 0 {
				x.askedKinds = append(x.askedKinds, answerKindsAsked(ft))
				x.priceOnly = append(x.priceOnly, asksPriceOnly(answerKindsAsked(ft)) && !strings.ContainsAny(norm, "吗么"))
			}
			if len(ft) == 0 {
				continue
			}
			var sk map[string]float64
			if from[j] != fromAnswerEn {
				// One dictionary cut serves the glosses, the senses and
				// the vocabulary.
				words, english := cedict.words(dropFillers(norm))
				addSenses(words, english, x.senses, x.vocab)
				if from[j] == fromQuestion {
					addGlosses(ft, words, english, x.glosses)
					sk = phrasingSkips(norm, ft)
				}
			}
			feats, skips = append(feats, ft), append(skips, sk)
			for k := range sk {
				df[k]++
			}
			x.owner = append(x.owner, len(x.entries)-1)
			x.answer = append(x.answer, from[j])
			for k := range ft {
				df[k]++
				plain[k] = true
				if g := conceptGroup(k); k[0] == '#' && conceptKinds[g] != kindAsk {
					topics[g] = true // see covers
				}
			}
		}
	}
	n := float64(len(feats))
	for k, d := range df {
		x.idfs[k] = math.Log((n + 1) / (float64(d) + 0.5))
	}
	x.unknown = unknownFactor * math.Log((n+1)/0.5)
	x.addSounds()
	x.addPinyin()
	x.bare = x.bareEntries()
	x.asks = asks.String()
	x.scratch.New = func() any {
		return &scratch{overlap: make([]float64, len(feats)), topical: make([]bool, len(feats)),
			explained: make([]float64, len(x.entries)), feat: make([]float64, len(x.entries))}
	}
	x.total = make([]float64, len(feats))
	x.latin = make([]float64, len(feats))
	for i, ft := range feats {
		for k, w := range ft {
			v := w * x.idfs[k]
			if !glossFeature(k) {
				x.total[i] += v // a Chinese message meets the phrasing's Chinese, not its English
			}
			if !hanFeature(k) {
				x.latin[i] += v
			}
			x.postings[k] = append(x.postings[k], posting{i, v, topicFeature(k)})
		}
		// A phrasing's pairs one apart meet the message's pairs side by
		// side ("种牙" in 种植牙, "科二" in 科目二, "租板" in 租雪板); they are
		// not part of what the phrasing says, so its total does not count
		// them, but they name its topic as its own pairs do.
		for k, w := range skips[i] {
			if _, dup := ft[k]; dup {
				continue
			}
			x.postings[k] = append(x.postings[k], posting{i, w * x.idfs[k], true})
			if !plain[k] {
				x.skipOnly[k] = true
			}
		}
	}
	return x
}

func (x *faqIndex) idf(k string) float64 {
	if v, ok := x.idfs[k]; ok {
		return v
	}
	return x.unknown
}

// best returns the two best-scoring entries (the second may be empty).
func (x *faqIndex) best(norm string) (first, second match) {
	return x.scan(norm, nil)
}

// scan scores the entries against a message: it returns the best two, or,
// with visit, shows visit each entry that passes the guards instead.
func (x *faqIndex) scan(norm string, visit func(match)) (first, second match) {
	ft := features(norm)
	x.sameSense(norm, ft)
	x.dropConceptChars(norm, ft)
	x.soundAlike(ft)
	for _, t := range skipTriples(norm) {
		k := t[0] + t[2]
		if _, known := x.idfs[k]; known && !x.skipOnly[k] && ft[k] == 0 {
			ft[k] = weightSkip
			if !strings.Contains(measureWords, t[1]) {
				continue // 停房车 is no 停车: 房车 is what is asked about
			}
			// "洗个车" is 洗车 with a measure word inside: 洗个 and 个车 are
			// no words of the message, and 个 is only glue.
			delete(ft, t[0]+t[1])
			delete(ft, t[1]+t[2])
			delete(ft, t[1])
		}
	}
	han := false
	for k := range ft {
		han = han || hanFeature(k)
	}
	// An English word names the Chinese words it glosses, in an English
	// message or in a Chinese one ("turnaround一般要几天"); each is counted
	// once (explains), as the best of them.
	explains := x.glossWords(norm, ft)
	// One slot per phrasing, from a pool: a common character's postings
	// touch thousands of phrasings, and a map of them costs more than the
	// scoring itself.
	sc := x.scratch.Get().(*scratch)
	overlap, topical, touched := sc.overlap, sc.topical, sc.touched[:0]
	explained, feat, entries := sc.explained, sc.feat, sc.entries[:0]
	defer func() {
		for _, i := range touched {
			overlap[i], topical[i] = 0, false
		}
		for _, e := range entries {
			explained[e] = 0
		}
		sc.touched, sc.entries = touched, entries
		x.scratch.Put(sc)
	}()
	var msgTotal float64
	glue := x.commonGlue(norm)
	// "店在哪" names nothing but the place it asks for: then "where" (or
	// "at what time") is its topic, and an entry that asks it matches.
	// With a topic of its own ("早餐在哪吃") it is only the kind of answer.
	bare := true
	for k := range ft {
		if _, known := x.idfs[k]; known && topicFeature(k) {
			bare = false
			break
		}
	}
	if _, where := ft[whereKey]; bare && where {
		// "你们学校在哪" asks for the address in other words
		ft[addressKey] = weightConcept
	}
	for k, w := range ft {
		idf := x.idf(k)
		v, byGloss := explains[k]
		if byGloss {
			idf = v
		}
		if _, known := x.idfs[k]; !known && !byGloss && !glossFeature(k) {
			switch {
			case k[0] == '#' && conceptKinds[conceptGroup(k)] == kindAsk:
				// A question word no phrasing uses ("is there") tells
				// nothing the FAQ lacks.
				continue
			case !hanFeature(k):
				// A word no phrasing has is what the message is about and
				// the FAQ is not: it counts in full.
				idf /= unknownFactor
			case len(k) <= 4: // one character (3 bytes in UTF-8)
				// A single character no phrasing has is mostly the glue of
				// colloquial speech (办, 个, 要): its pairs carry the meaning.
				idf *= unknownChar
			}
			if glue[k] {
				idf *= commonFactor
			}
		}
		if !glossFeature(k) {
			msgTotal += w * idf
		}
		ps := x.postings[k]
		for _, p := range ps {
			if overlap[p.phrasing] == 0 {
				touched = append(touched, p.phrasing)
			}
			// The message's own weight of a feature may differ from the
			// phrasing's (a unigram in one, part of a concept in the other):
			// count the smaller.
			v := min(p.weight, w*x.idfs[k])
			overlap[p.phrasing] += v
			topical[p.phrasing] = topical[p.phrasing] || p.topic || (bare && placeOrClock(k))
			if han && x.answer[p.phrasing] == fromAnswerEn {
				continue
			}
			e := x.owner[p.phrasing]
			if explained[e] == 0 && feat[e] == 0 {
				entries = append(entries, e)
			}
			feat[e] = max(feat[e], v)
		}
		for _, p := range ps {
			e := x.owner[p.phrasing]
			explained[e] += feat[e]
			feat[e] = 0
		}
	}
	if msgTotal == 0 {
		return
	}
	type entryScore struct {
		score, prec float64
	}
	scores := map[int]entryScore{}
	enScore := map[int]float64{}
	var asked []int // the topics and kinds of answer the message names
	for k := range ft {
		if k[0] == '#' && conceptKinds[conceptGroup(k)] != kindAsk {
			asked = append(asked, conceptGroup(k))
		}
	}
	if clockTime.MatchString(norm) {
		// "晚上8点以后还能搬吗" asks whether that hour will do: only an
		// entry whose answer gives hours answers it.
		asked = append(asked, clockKind)
	}
	asked = askedOf(norm, asked)
	remedy := remedyAsk.MatchString(norm)
	// A yes-no question that asks no kind of answer ("外教口音标准吗") is not
	// the question of an entry that asks a price and nothing else
	// ("课程价格是多少？"), whatever words they share.
	plainYesNo := yesNo.MatchString(norm) && len(answerKindsAsked(ft)) == 0 && !moneyWords.MatchString(norm)
	for _, i := range touched {
		// Sharing only question words or single characters is not asking
		// the same thing; nor is naming a topic the entry never mentions
		// ("海外可以发货吗" is not "下单后多久发货"), nor asking a price of
		// an entry that names none ("How much is Pro?" is not the trial).
		if !topical[i] || !covers(x.topics[x.owner[i]], asked) || howNotKind(ft, x.askedKinds[x.owner[i]]) ||
			(remedy && notAsked(ft, x.askedKinds[x.owner[i]])) || (plainYesNo && x.priceOnly[x.owner[i]]) {
			continue
		}
		// A message without Chinese cannot cover a phrasing's characters:
		// it is measured against the phrasing's concepts and words only.
		whole := x.total[i]
		if !han {
			whole = x.latin[i]
		}
		if whole == 0 {
			continue
		}
		if han && x.answer[i] == fromAnswerEn {
			continue
		}
		if !han && x.answer[i] == fromAnswer {
			// A Chinese answer meets an English message through its
			// concepts alone, which makes "do u take alipay" a perfect
			// match for any answer that says 微信支付: its English answer,
			// in words, is the one to weigh.
			continue
		}
		o := overlap[i]
		prec, rec := min(o/msgTotal, 1), min(o/whole, 1)
		b2 := beta * beta
		if !han {
			b2 = 1 // across languages, explaining the message counts as much as covering the phrasing
		}
		factor := 1.0
		if x.answer[i] != fromQuestion {
			b2, factor = answerBeta*answerBeta, answerWeight
		}
		s := factor * (1 + b2) * prec * rec / (b2*prec + rec)
		// Precision is the entry's: its question, alternatives and answer
		// together may each explain a part of the message.
		if e := x.owner[i]; s > scores[e].score {
			scores[e] = entryScore{s, min(explained[e]/msgTotal, 1)}
		}
		if !han && x.answer[i] == fromAnswerEn {
			enScore[x.owner[i]] = s
		}
	}
	for e, es := range scores {
		// An English message meets a Chinese FAQ through concepts, which
		// several entries may share ("shipping" in two entries): the
		// entry's English answer, in the words of the message, tells them
		// apart.
		es.score += englishBonus * enScore[e]
		m := match{x.entries[e], es.score, es.prec}
		if visit != nil {
			visit(m)
			continue
		}
		switch {
		case first.faq == nil || m.score > first.score || (m.score == first.score && m.faq.ID < first.faq.ID):
			first, second = m, first
		case second.faq == nil || m.score > second.score || (m.score == second.score && m.faq.ID < second.faq.ID):
			second = m
		}
	}
	return first, second
}

// top returns up to k entries that pass best's guards, best first: what
// the generative endpoint is given.
func (x *faqIndex) top(norm string, k int) []match {
	var all []match
	x.scan(norm, func(m match) { all = append(all, m) })
	slices.SortFunc(all, func(a, b match) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.faq.ID, b.faq.ID)
	})
	return all[:min(k, len(all))]
}

// hanFeature reports whether a feature is Chinese characters (not a
// concept "#n" or an English word "w:…").
func hanFeature(k string) bool { return k[0] != '#' && !strings.HasPrefix(k, "w:") && !glossFeature(k) }

// glossFeature reports whether a feature is a Chinese word met through its
// English (glosses.go).
func glossFeature(k string) bool { return strings.HasPrefix(k, "g:") }

// answerKinds starts an entry's topics (the topic concepts its phrasings
// and answers name: a message that names another topic asks something
// else) with the kinds of answer it gives: an answer that states a price
// or a time answers "how much" or "how long" though it does not say 多少钱.
func answerKinds(f *crm.FAQ) map[int]bool {
	m := map[int]bool{}
	for g, re := range answerGives {
		if re.MatchString(f.Answer) || re.MatchString(f.AnswerEn) {
			m[g] = true
		}
	}
	return m
}

// howNotKind: a message that asks how to do something ("理论考试怎么复习")
// and asks neither the place nor the time a question asks for ("考试在哪个
// 考场" asks where) is not that question, whatever words they share.
func howNotKind(ft map[string]float64, kinds []int) bool {
	if ft[howKey] == 0 {
		return false
	}
	places := false
	for _, g := range kinds {
		if !placeOrClockGroup(g) {
			continue
		}
		if ft["#"+strconv.Itoa(g)] > 0 {
			return false
		}
		places = true
	}
	return places
}

// remedyAsk asks what to do ("要是下雨了咋整"): a question that asks a price
// or a duration ("华山一日游多少钱") does not answer it, whatever subject
// they share.
var remedyAsk = regexp.MustCompile(`怎么(办([^理]|$)|整|弄|搞|处理([^的]|$))|\bwhat (if|happens if|should i do|do i do)\b`)

// answerKindsAsked lists the kinds of answer a question phrasing asks for.
func answerKindsAsked(ft map[string]float64) []int {
	var ks []int
	for k := range ft {
		if g := conceptGroup(k); k[0] == '#' && conceptKinds[g] == kindAnswer {
			ks = append(ks, g)
		}
	}
	return ks
}

// notAsked reports whether an entry's question asks for kinds of answer
// the message asks none of. The entry's question says what the entry is
// for, so all its phrasings are passed over.
func notAsked(ft map[string]float64, kinds []int) bool {
	if len(kinds) == 0 {
		return false
	}
	for _, g := range kinds {
		if ft["#"+strconv.Itoa(g)] > 0 {
			return false
		}
	}
	return true
}

func covers(topics map[int]bool, asked []int) bool {
	for _, g := range asked {
		if !topics[g] && !(g == cancelGroup && (topics[refundGroup] || topics[returnGroup])) {
			return false
		}
	}
	return true
}

// Not going after all is why one asks for one's money back: "雪票买了不去了
// 能退吗" is the ticket refund's question, though its entry never says
// 取消.
var cancelGroup, refundGroup, returnGroup = conceptGroup(conceptKey("取消")), conceptGroup(conceptKey("退款")), conceptGroup(conceptKey("退货"))

// A child who does or suffers something ("万一孩子上两节不想学了", "宝宝早产住院
// 了") is the one the question is asked for, not its topic: the refund entry
// answers it though it never names children.
var (
	childGroup   = conceptGroup(conceptKey("儿童"))
	childSubject = regexp.MustCompile(`(孩子|小孩|宝宝|小朋友|娃)\p{Han}{0,2}?(不想|不愿|发烧|生病|病了|早产|住院|学了|上了|上\p{Han}?节)`)
)

// askedOf drops the children's group from what a message asks when a
// child is only its subject.
func askedOf(norm string, asked []int) []int {
	if !childSubject.MatchString(norm) {
		return asked
	}
	return slices.DeleteFunc(asked, func(g int) bool { return g == childGroup })
}

// glossWords adds to an English message's features the Chinese words of the
// FAQ its words gloss ("lenses" → 镜片), and returns, for each English word
// that glosses one and that no phrasing writes, the weight it counts in the
// message: its best gloss's, not that of a word the FAQ lacks.
func (x *faqIndex) glossWords(norm string, ft map[string]float64) map[string]float64 {
	explains := map[string]float64{}
	for _, w := range strings.Fields(norm) {
		if !isLatin(w) || stopWords[w] {
			continue
		}
		s := stem(w)
		best, compound := 0.0, false
		for _, c := range x.glosses[s] {
			k := glossKey(c)
			if _, named := ft[k]; named {
				compound = true
			}
			ft[k] = weightGloss
			best = max(best, x.idfs[k]*weightGloss/weightWord)
		}
		if compound {
			// "contact lens" is one word, 隐形眼镜, named by two: the
			// second adds nothing to explain.
			best = 0
		}
		if _, known := x.idfs["w:"+s]; !known && len(x.glosses[s]) > 0 {
			explains["w:"+s] = best
		}
	}
	return explains
}

// moneyWords speak of paying in a yes-no question ("送到成都要运费不",
// "索道钱包含在里面吗"): a price may answer it.
var moneyWords = regexp.MustCompile(`钱|费|价|贵|便宜|免费|包含|含|金|付`)

// priceGroup is the kind "how much".
var priceGroup = conceptGroup(conceptKey("价格"))

// asksPriceOnly reports whether an entry's question asks a price and no
// other kind of answer.
func asksPriceOnly(kinds []int) bool {
	return len(kinds) == 1 && kinds[0] == priceGroup
}

// exactKey writes a normalized text without its spaces and its closing
// particles: "在哪里约", "在哪里约啊" and "在哪里约？" are one key.
func exactKey(norm string) string {
	return strings.TrimRight(strings.ReplaceAll(norm, " ", ""), particles)
}

// exactEntry returns the entry one of whose own questions or alternatives
// the message is, word for word, or nil (none, or several entries').
// Such a message is that question, whatever the kinds and gates say
// ("在哪里约": the booking entry's alternative, though its answer gives
// no place).
func (x *faqIndex) exactEntry(norm string) *crm.FAQ {
	if e, ok := x.exact[exactKey(norm)]; ok && e >= 0 {
		return x.entries[e]
	}
	return nil
}
