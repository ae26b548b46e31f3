package bot

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature weights: a Chinese character bigram carries most of the meaning
// (no word segmentation needed, and a typo spoils only two bigrams); single
// characters are a weak back-up; a concept (concepts.go) is strong.
const (
	weightBigram  = 1.0
	weightUnigram = 0.7
	weightWord    = 1.0
	weightConcept = 1.5
)

// fillers say nothing about what is asked; they are dropped before the
// text is cut into features.
var fillers = []string{"你好", "您好", "请问", "大概", "大约", "大致", "一般来说", "一般", "到底", "具体", "想知道", "咨询下", "咨询一下", "请教", "打听", "问一下", "问下", "想问", "麻烦", "谢谢", "一下", "我想", "那个",
	"亲", "呢", "吗", "啊", "呀", "吧", "哦", "嗯", "哈", "的", "了", "你们", "我们", "我"}

// stopWords are English words that say nothing about what is asked.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`i me my mine we us our you your it its this that these those there here
		the a an to of for in on at by from with about into after before and or if so but not no
		is are am was were be been being do does did done have has had will would should could shall might must
		get got give go going come see look let take make need want know tell use say ask
		please hi hello hey thanks thank pls plz ok okay just also still already now then yet ever very really
		any some much many one ones thing things something anything item items s t don doesn didn isn im`) {
		m[w] = true
	}
	return m
}()

func dropFillers(s string) string {
	for _, w := range fillers {
		s = strings.ReplaceAll(s, w, " ")
	}
	return s
}

// weightSkip is a pair of characters one apart in the message ("换个屏"
// holds 换屏, "开张发票" 开票): colloquial speech puts a measure word or a
// particle inside the FAQ's word. It counts only where a phrasing has
// the pair (see faqIndex.scan), so it cannot make a message less like
// every other entry.
const weightSkip = 0.6

// measureWords are the measure words and particles that spoken Chinese
// puts inside a verb and its object (洗个车, 开张发票, 换下屏, 补了牙).
const measureWords = "个一张次下了点些把只件台条块位趟遍份本辆双套的得过完"

// measureJoined returns the two-character concept terms that a measure
// word splits in the text ("办张卡" is 办卡, "退个款" 退款), space-separated.
func measureJoined(norm string) string {
	var out []string
	// Three characters side by side, read without a slice of runes: a
	// message's features are taken many times a decision.
	var a, m rune
	for _, b := range norm {
		if a != 0 && a != '几' && strings.ContainsRune(splittingMeasures, m) && unicode.Is(unicode.Han, b) {
			// "几个点" asks how many points, not what time.
			for _, i := range termsByRune[a] {
				if t := conceptTerms[i].term; t == string(a)+string(b) {
					out = append(out, t)
				}
			}
		}
		a, m = m, b
		if !unicode.Is(unicode.Han, a) {
			a = 0
		}
	}
	return strings.Join(out, " ")
}

// splittingMeasures are the measure words that go between a verb and its
// object without changing what is done (not 了 or 过: "退了款" is told, not
// asked; not 一, 下 or 本, which make words of their own: "考试本身" is no 试身).
const splittingMeasures = "个张份件台辆只套"

// skipPairs returns the message's pairs of Chinese characters one apart.
func skipPairs(norm string) []string {
	var out []string
	for _, t := range skipTriples(norm) {
		out = append(out, t[0]+t[2])
	}
	return out
}

// skipTriples returns each run of three Chinese characters, one a string.
func skipTriples(norm string) [][3]string {
	var out [][3]string
	for _, run := range strings.FieldsFunc(dropFillers(norm), func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		rs := []rune(run)
		for i := 0; i+2 < len(rs); i++ {
			out = append(out, [3]string{string(rs[i]), string(rs[i+1]), string(rs[i+2])})
		}
	}
	return out
}

// dropConceptChars removes from a message's features the characters and
// pairs of its Chinese concept terms that no phrasing has, when a phrasing
// names the concept: the concept stands for the word ("礼拜天" counts as
// the opening-hours concept, not also as three characters the FAQ lacks).
func (x *faqIndex) dropConceptChars(norm string, ft map[string]float64) {
	in := termsIn(norm)
	for _, i := range in {
		ct := conceptTerms[i]
		if ct.latin {
			continue
		}
		if _, known := x.idfs["#"+strconv.Itoa(ct.group)]; !known {
			continue // a concept no phrasing names: its words are what the FAQ lacks
		}
		if overlapsOther(in, ct) {
			continue // 运费险 holds 运费: which concept it is, the words tell
		}
		rs := []rune(ct.term)
		for i := range rs {
			for _, k := range []string{string(rs[i]), string(rs[i:min(i+2, len(rs))])} {
				if _, known := x.idfs[k]; !known {
					delete(ft, k)
				}
			}
		}
	}
}

// overlapsOther reports whether another concept's term among those found
// in the text (termsIn) holds the term or is held by it.
func overlapsOther(in []int, ct conceptTerm) bool {
	for _, i := range in {
		o := conceptTerms[i]
		if o.latin || o.group == ct.group {
			continue
		}
		if strings.Contains(o.term, ct.term) || strings.Contains(ct.term, o.term) {
			return true
		}
	}
	return false
}

// phrasingSkips returns a phrasing's pairs one apart that it does not
// have side by side, at weightSkip: an abbreviation drops the middle
// character (种牙 for 种植牙, 科二 for 科目二).
func phrasingSkips(norm string, ft map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for _, k := range skipPairs(norm) {
		if _, has := ft[k]; !has {
			out[k] = weightSkip
		}
	}
	return out
}

// features returns a normalized text's weighted features.
func features(norm string) map[string]float64 {
	f := map[string]float64{}
	padded := " " + norm + " " + stemWords(norm) + " " + measureJoined(norm) + " "
	inConcept := map[string]bool{}
	han := norm
	for _, i := range termsIn(padded) {
		ct := conceptTerms[i]
		if !conceptIn(padded, ct.term) {
			continue
		}
		f["#"+strconv.Itoa(ct.group)] = conceptWeight(ct.group)
		if ct.latin {
			// "shipping fee" is the fee, not also the shipping.
			padded = strings.ReplaceAll(padded, " "+ct.term+" ", " ")
			for _, w := range strings.Fields(ct.term) {
				inConcept[w] = true
			}
			continue
		}
		// A question word counts once, as the concept: 多少钱 is the price,
		// not also 多少 and 少钱 (which would make any two price questions
		// look alike), and 怎么卖 is not also 怎么. A topic's characters
		// stay: sharing them as written is evidence too.
		if conceptKinds[ct.group] == kindTopic || clockGroup(ct.group) {
			continue
		}
		padded = strings.ReplaceAll(padded, ct.term, " ")
		han = strings.ReplaceAll(han, ct.term, " ")
	}
	if ageGiven.MatchString(norm) {
		f[ageKey] = conceptWeight(conceptGroup(ageKey))
	}
	han = dropFillers(han)
	for _, run := range strings.FieldsFunc(han, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		rs := []rune(run)
		for i, r := range rs {
			f[string(r)] = max(f[string(r)], weightUnigram)
			if i+1 < len(rs) {
				f[string(rs[i:i+2])] = weightBigram
			}
		}
	}
	for _, w := range strings.Fields(norm) {
		if modelCode(w) {
			// "M22", "A3", "5G": a model or size is what is asked about.
			f["w:"+w] = weightWord
			continue
		}
		// An English word a concept stands for counts once, as the concept.
		if !isLatin(w) || len(w) < 2 || stopWords[w] || inConcept[w] || inConcept[stem(w)] {
			continue
		}
		f["w:"+stem(w)] = weightWord
	}
	return f
}

type conceptTerm struct {
	term  string
	group int
	latin bool
}

// conceptTerms are the concepts' terms, longest first, so that a phrase
// is taken whole before its words.
var conceptTerms = func() []conceptTerm {
	var ts []conceptTerm
	for i, g := range concepts {
		for _, term := range g {
			ts = append(ts, conceptTerm{term, i, isLatin(strings.ReplaceAll(term, " ", ""))})
		}
	}
	sort.SliceStable(ts, func(a, b int) bool { return len(ts[a].term) > len(ts[b].term) })
	return ts
}()

// termsByRune and termsByWord index conceptTerms by a Chinese term's first
// character and an English term's first word: a message is looked up in
// them, not matched against every term.
var termsByRune, termsByWord = func() (map[rune][]int, map[string][]int) {
	byRune, byWord := map[rune][]int{}, map[string][]int{}
	for i, ct := range conceptTerms {
		if ct.latin {
			w := strings.Fields(ct.term)[0]
			byWord[w] = append(byWord[w], i)
			continue
		}
		r, _ := utf8.DecodeRuneInString(ct.term)
		byRune[r] = append(byRune[r], i)
	}
	return byRune, byWord
}()

// termsIn returns, in conceptTerms' order (longest first), the indexes of
// the terms that may be in the text: every Chinese term it holds and
// every English term all of whose words it has. A caller still checks the
// term (conceptIn), since it may change the text as it goes.
func termsIn(text string) []int {
	var out []int
	for i, r := range text {
		for _, t := range termsByRune[r] {
			if strings.HasPrefix(text[i:], conceptTerms[t].term) {
				out = append(out, t)
			}
		}
	}
	words := strings.Fields(text)
	for _, w := range words {
		for _, t := range termsByWord[w] {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// conceptIn finds a concept's term: English on word boundaries (the text
// is padded and its words single-spaced), Chinese anywhere.
func conceptIn(padded, term string) bool {
	if isLatin(strings.ReplaceAll(term, " ", "")) {
		return strings.Contains(padded, " "+term+" ")
	}
	return strings.Contains(padded, term)
}

// modelCode reports whether a word mixes Latin letters and digits, as a
// model, a size or a grade does (m22, a3, 5g, iphone17).
func modelCode(w string) bool {
	letters, digits := 0, 0
	for _, r := range w {
		switch {
		case r < 128 && unicode.IsLetter(r):
			letters++
		case r >= '0' && r <= '9':
			digits++
		default:
			return false
		}
	}
	return letters > 0 && digits > 0
}

func isLatin(w string) bool {
	for _, r := range w {
		if r >= 128 || !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// singularS are words whose own s is no plural ("lens", not "len"): their
// plurals take "es".
var singularS = map[string]bool{"lens": true, "bus": true, "bonus": true, "status": true, "campus": true,
	"virus": true, "gas": true, "plus": true, "bias": true, "atlas": true, "canvas": true, "census": true,
	"news": true, "series": true, "always": true, "its": true, "this": true, "yes": true, "us": true}

// stem folds the plural and verb endings that change no meaning here.
// "-ches" loses its "es" (watches → watch), so a word whose own ending is
// "-che" loses its "e" too: toothache and toothaches meet at "toothach".
func stem(w string) string {
	s := stemEnding(w)
	if strings.HasSuffix(s, "che") {
		return s[:len(s)-1]
	}
	return s
}

func stemEnding(w string) string {
	if singularS[w] {
		return w
	}
	if b, ok := strings.CutSuffix(w, "es"); ok && (singularS[b] ||
		strings.HasSuffix(b, "x") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "sh")) {
		return b // glasses, boxes, watches, brushes
	}
	switch {
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		return w[:len(w)-3]
	case len(w) > 5 && strings.HasSuffix(w, "ly"):
		return w[:len(w)-2]
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

func stemWords(norm string) string {
	ws := strings.Fields(norm)
	for i, w := range ws {
		if isLatin(w) {
			ws[i] = stem(w)
		}
	}
	return strings.Join(ws, " ")
}

// conceptWeight: the question words (how, can, what) say how one asks,
// not what about; they count a third of a topic.
func conceptWeight(group int) float64 {
	if conceptKinds[group] == kindAsk {
		return weightConcept / 3
	}
	return weightConcept
}

func conceptGroup(k string) int {
	n, _ := strconv.Atoi(k[1:])
	return n
}
