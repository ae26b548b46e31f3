package bot

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// weightSense is a message's word met through a phrasing's word that
// shares a character and its first English sense with it in the
// dictionary (退钱 "to refund money" and 退款 "to refund"), as a share of a
// pair's weight.
var weightSense = 0.8

// senseStems are the content stems of a word's first English sense.
func senseStems(w string) []string {
	g := cedict.lookup(w)
	first, _, _ := strings.Cut(g, " / ")
	return glossStems(first)
}

// addSenses records, for each first-sense stem of a phrasing's words of
// two characters or more, the words.
func addSenses(norm string, byStem map[string][]string, vocab map[string]bool) {
	words, _ := cedict.words(dropFillers(norm))
	for _, w := range words {
		vocab[w] = true
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		for _, s := range senseStems(w) {
			if !slices.Contains(byStem[s], w) {
				byStem[s] = append(byStem[s], w)
			}
		}
	}
}

// subset reports whether every stem of a is in b.
func subset(a, b []string) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return len(a) > 0
}

// sameSense replaces, in a message's features, the pairs of a word no
// phrasing has by those of the one phrasing word that shares a character
// with it and whose first sense says the same or says it within more.
func (x *faqIndex) sameSense(norm string, ft map[string]float64) {
	if len(x.senses) == 0 {
		return
	}
	words, _ := cedict.words(dropFillers(norm))
	for _, w := range words {
		rs := []rune(w)
		if len(rs) < 2 {
			continue
		}
		if _, known := x.idfs[string(rs[:2])]; known {
			continue
		}
		stems := senseStems(w)
		var alike []string
		for _, s := range stems {
			for _, u := range x.senses[s] {
				us := senseStems(u)
				if u != w && strings.ContainsAny(u, w) && subset(us, stems) && subset(stems, us) && !slices.Contains(alike, u) {
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
