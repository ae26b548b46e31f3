package bot

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// weightSense is a message's word met through a phrasing's word that
// shares a character and its first English sense with it in the
// dictionary (墨镜 and 太阳镜, both "sunglasses"), as a share of a pair's
// weight.
var weightSense = 0.8

// senseKey is a word's first English sense as its sorted content stems
// ("" when it has none): two words of one key say the same thing.
func senseKey(english string) string {
	first, _, _ := strings.Cut(english, " / ")
	stems := glossStems(first)
	slices.Sort(stems)
	return strings.Join(slices.Compact(stems), " ")
}

// addSenses records a phrasing's dictionary words (its cut: words and
// their English) in vocab and, for words of two characters or more, under
// their sense key.
func addSenses(words, english []string, bySense map[string][]string, vocab map[string]bool) {
	for i, w := range words {
		vocab[w] = true
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		if k := senseKey(english[i]); k != "" && !slices.Contains(bySense[k], w) {
			bySense[k] = append(bySense[k], w)
		}
	}
}

// sameSense replaces, in a message's features, the pairs of a word no
// phrasing has by those of the one phrasing word of the same first sense
// that shares a character with it. Only the same sense: 学校 ("school")
// is not 入学 ("to enter school"), nor 下班 上班.
func (x *faqIndex) sameSense(norm string, ft map[string]float64) {
	if len(x.senses) == 0 {
		return
	}
	words, english := cedict.words(dropFillers(norm))
	for wi, w := range words {
		rs := []rune(w)
		if len(rs) < 2 {
			continue
		}
		if _, known := x.idfs[string(rs[:2])]; known {
			continue
		}
		var alike []string
		if k := senseKey(english[wi]); k != "" {
			for _, u := range x.senses[k] {
				if u != w && strings.ContainsAny(u, w) {
					alike = append(alike, u)
				}
			}
		}
		if len(alike) != 1 {
			continue
		}
		for i := 0; i+1 < len(rs); i++ {
			delete(ft, string(rs[i:i+2]))
		}
		us := []rune(alike[0])
		for i := 0; i+1 < len(us); i++ {
			k := string(us[i : i+2])
			ft[k] = max(ft[k], weightBigram*weightSense)
		}
	}
}
