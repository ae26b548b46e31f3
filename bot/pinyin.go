package bot

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// Followers who do not switch their input method write Chinese as its
// sound: "shenfenzheng一定要填吗", "fapiao zenme kai a", "xiaohao要带什么
// 证件". A run of Latin words that reads wholly as pinyin syllables is
// read as the FAQ's words of that sound (身份证, 发票, 怎么); an English
// sentence rarely reads wholly as pinyin ("women" does: see fromPinyin).

// syllables is every toneless pinyin syllable of go-pinyin's dictionary,
// read once.
var syllables = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, ps := range pinyin.PinyinDict {
		for more := true; more; {
			var p string
			p, ps, more = strings.Cut(ps, ",")
			m[toneless.Replace(p)] = true
		}
	}
	return m
})

// toneless writes a syllable as it is typed: without tone marks, ü as v
// (as go-pinyin's plain style does).
var toneless = strings.NewReplacer("ā", "a", "á", "a", "ǎ", "a", "à", "a", "ē", "e", "é", "e", "ě", "e", "è", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i", "ō", "o", "ó", "o", "ǒ", "o", "ò", "o", "ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
	"ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v", "ü", "v", "ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m", "ê̄", "e", "ế", "e", "ê̌", "e", "ề", "e", "ê", "e")

// firstReading is a character's first toneless reading, or "".
func firstReading(r rune) string {
	ps, ok := pinyin.PinyinDict[int(r)]
	if !ok {
		return ""
	}
	p, _, _ := strings.Cut(ps, ",")
	return toneless.Replace(p)
}

// maxSyllable is the longest syllable's length (zhuang).
const maxSyllable = 6

// splitPinyin cuts letters into pinyin syllables, longest first with
// backtracking, or returns nil when they do not read as pinyin.
func splitPinyin(s string) []string {
	if s == "" {
		return []string{}
	}
	for n := min(maxSyllable, len(s)); n >= 1; n-- {
		if !syllables()[s[:n]] {
			continue
		}
		if rest := splitPinyin(s[n:]); rest != nil {
			return append([]string{s[:n]}, rest...)
		}
	}
	return nil
}

// addPinyin maps the toneless pinyin of each word of two or more
// characters in the FAQ's vocabulary to the word, and then of each
// character pair of its phrasings that is no such word ("订奶" in 怎么订奶,
// which the dictionary cuts 订 / 奶: "dingnai" is typed as one); of words
// that sound alike, the first in order is kept, so that the index is the
// same on every instance.
func (x *faqIndex) addPinyin() {
	syllables() // read with the index, not on a follower's first message
	x.pinyin = map[string]string{}
	words := make([]string, 0, len(x.vocab))
	for w := range x.vocab {
		words = append(words, w)
	}
	sort.Strings(words)
	var pairs []string
	for k := range x.idfs {
		if utf8.RuneCountInString(k) == 2 && hanFeature(k) && !x.vocab[k] {
			pairs = append(pairs, k)
		}
	}
	sort.Strings(pairs)
	x.pinyinPairs = map[string]bool{}
	for _, w := range append(words, pairs...) {
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		key := ""
		for _, r := range w {
			p := firstReading(r)
			if p == "" {
				key = ""
				break
			}
			key += p
		}
		if _, dup := x.pinyin[key]; key != "" && !dup {
			x.pinyin[key] = w
			x.pinyinPairs[key] = !x.vocab[w]
		}
	}
}

// maxWordSyllables is the most syllables a looked-up word has.
const maxWordSyllables = 4

// storySyllables is how long a run of pinyin is before it is read as a
// story: questions typed in pinyin are short ("fapiao neng kai ma gongsi
// yao baoxiao", 10 syllables; the longest answerable over the sets, 14),
// the sender's own case is long ("wo zuotian zai nimen dian pei de yanjing,
// jingpian shang you qipao, keyi huan ma", 21). A long run of which the
// FAQ's words are under keptShare says mostly what no entry says: dropping
// those syllables would make it look like the FAQ's question.
const (
	storySyllables = 16
	keptShare      = 0.4
)

// fromPinyin writes each run of Latin words of a normalized text that
// reads wholly as pinyin, and holds at least one FAQ word, as those words
// (the other syllables, mostly question words and particles the FAQ does
// not write, are dropped). Other text is left as it is. It also says
// whether a run was a story (above).
func (x *faqIndex) fromPinyin(norm string) (py string, story bool) {
	if strings.IndexFunc(norm, func(r rune) bool { return r >= 'a' && r <= 'z' }) < 0 {
		return norm, false
	}
	fields := strings.Fields(norm)
	changed := false
	for i := 0; i < len(fields); {
		j := i
		for j < len(fields) && isLatin(fields[j]) {
			j++
		}
		if j == i {
			i++
			continue
		}
		if hz, kept, all := x.pinyinWords(fields[i:j]); hz != "" {
			story = story || (all >= storySyllables && float64(kept) < keptShare*float64(all))
			fields[i] = hz
			for k := i + 1; k < j; k++ {
				fields[k] = ""
			}
			changed = true
		}
		i = j
	}
	if !changed {
		return norm, false
	}
	return strings.Join(strings.Fields(strings.Join(fields, " ")), " "), story
}

// pinyinWords returns the FAQ words that Latin words spell as pinyin, or
// "" when they do not read as pinyin or spell none, with how many of its
// syllables those words took and how many it had. A dictionary word may
// span the follower's spaces ("fa piao"); a pair that is no word may not
// ("qian yitian" is 钱 一天, not 钱一 天).
func (x *faqIndex) pinyinWords(fields []string) (words string, kept, all int) {
	var syl []string
	starts := map[int]bool{}
	for _, f := range fields {
		s := splitPinyin(f)
		if s == nil {
			return "", 0, 0
		}
		starts[len(syl)] = true
		syl = append(syl, s...)
	}
	if len(syl) < 2 {
		return "", 0, 0
	}
	within := func(i, n int) bool {
		for k := i + 1; k < i+n; k++ {
			if starts[k] {
				return false
			}
		}
		return true
	}
	var out strings.Builder
	for i := 0; i < len(syl); {
		found := false
		for n := min(maxWordSyllables, len(syl)-i); n >= 2; n-- {
			key := strings.Join(syl[i:i+n], "")
			if w, ok := x.pinyin[key]; ok && (!x.pinyinPairs[key] || within(i, n)) {
				out.WriteString(w)
				i += n
				kept += n
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out.String(), kept, len(syl)
}
