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

// wordReading is a word's toneless pinyin as typed in one ("dingnai"),
// or "" when a character has no reading.
func wordReading(w string) string {
	var key strings.Builder
	for _, r := range w {
		p := firstReading(r)
		if p == "" {
			return ""
		}
		key.WriteString(p)
	}
	return key.String()
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
	spokenPinyin()
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
		key := wordReading(w)
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
// reads wholly as pinyin, and holds at least one FAQ word or mostly
// everyday words, as the Chinese it spells (pinyinWords: syllables that
// spell neither are dropped). Other text is left as it is. It also says
// whether the runs together tell a story (above).
func (x *faqIndex) fromPinyin(norm string) (py string, story bool) {
	if strings.IndexFunc(norm, func(r rune) bool { return r >= 'a' && r <= 'z' }) < 0 {
		return norm, false
	}
	fields := strings.Fields(norm)
	changed := false
	// The syllables of all runs count together: a story told in pinyin
	// is broken into runs by its figures ("wo zuotian fu le weikuan 1988,
	// danshi …").
	kept, all := 0, 0
	for i := 0; i < len(fields); {
		j := i
		for j < len(fields) && isLatin(fields[j]) {
			j++
		}
		if j == i {
			i++
			continue
		}
		hz, k, a := x.pinyinWords(fields[i:j])
		kept, all = kept+k, all+a
		if hz != "" {
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
	story = all >= storySyllables && float64(kept) < keptShare*float64(all)
	return strings.Join(strings.Fields(strings.Join(fields, " ")), " "), story
}

// spokenPinyin are the words of everyday speech a follower types by their
// sound around the FAQ's: the common two-character words (common.txt, by
// frequency: the first of words that sound alike is kept) and the
// one-syllable words of asking, telling and dealing. Written as Chinese,
// "wo zuotian fu le weikuan" is the sender's story (我昨天付了尾款) to the
// rules that read Chinese, and "dian zai na li a" asks where the shop is.
var spokenPinyin = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, w := range commonList() {
		key := wordReading(w)
		if _, dup := m[key]; key != "" && !dup {
			m[key] = w
		}
	}
	for _, w := range strings.Fields(spokenSingles) {
		py, hz, _ := strings.Cut(w, "=")
		if _, dup := m[py]; !dup {
			m[py] = hz
		}
	}
	for _, w := range strings.Fields(spokenPreferred) {
		py, hz, _ := strings.Cut(w, "=")
		m[py] = hz
	}
	return m
})

// spokenPreferred are sounds a customer means otherwise than the commoner
// word: "na li" asks where (哪里, not 那里).
const spokenPreferred = `nali=哪里 naxie=哪些 nage=哪个 naer=哪儿 xiexie=谢谢`

// spokenSingles: particles, pronouns, question words and the verbs of a
// customer's dealings, one syllable each (dian is the shop: 几点 is "ji
// dian", which the common words give first).
const spokenSingles = `wo=我 ni=你 nin=您 ta=他 ma=吗 ne=呢 a=啊 ba=吧 le=了 de=的 bu=不 mei=没 you=有 zai=在 yao=要 ` +
	`neng=能 hui=会 qu=去 lai=来 shi=是 ge=个 dian=店 fu=付 tui=退 mai=买 zu=租 xiu=修 kai=开 huan=换 piao=票 qian=钱 ` +
	`che=车 gei=给 ji=几 hao=好 duo=多 jiu=就 hai=还 dou=都 ye=也 na=哪 zhe=这 xiang=想 wen=问 kan=看 song=送 dao=到 ` +
	`shou=收 jia=家 ren=人 tian=天 ci=次 zen=怎 sha=啥 la=啦 ya=呀 ting=停 ding=订 yue=约 ke=可 zhu=住 jiao=交 liang=两 yi=一 san=三 ban=办`

// pinyinWords returns the FAQ words that Latin words spell as pinyin, or
// "" when they do not read as pinyin or spell none, with how many of its
// syllables those words took and how many it had; the syllables between
// are written as the words of everyday speech they spell (spokenPinyin),
// or dropped. A dictionary word may span the follower's spaces ("fa
// piao"); a pair that is no word may not ("qian yitian" is 钱 一天, not 钱一
// 天). A run of everyday words only is written too when they are most of
// it ("dian zai na li a").
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
	spoken := spokenPinyin()
	said := 0
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
		if found {
			continue
		}
		for n := min(2, len(syl)-i); n >= 1; n-- {
			if w, ok := spoken[strings.Join(syl[i:i+n], "")]; ok {
				out.WriteString(w)
				i += n
				said += n
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	if kept == 0 && 2*said < len(syl) {
		return "", 0, len(syl)
	}
	return out.String(), kept, len(syl)
}
