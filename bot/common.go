package bot

import (
	_ "embed"
	"strings"
	"sync"
)

// commonText is a general-language list of frequent words (see its header
// for the source and licence). It is not built from our evaluation sets.
//
//go:embed common.txt
var commonText string

// commonWords is read once, on the first message.
var commonWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(commonText, "\n") {
		if l = strings.TrimSpace(l); l != "" && l[0] != '#' {
			m[l] = true
		}
	}
	return m
})

// commonFactor is how much a common word the FAQ lacks (申请, 大概, 直接)
// counts of an unknown word: it is how one says things, not what one asks
// about, and it must not leave the rest of the message unexplained. Tuned
// on the even lines (FAQ_GRID=common): 0 and 0.1 answer 84, 1 answers 81.
var commonFactor = 0.1

// commonChars are the characters of the message's common words that no
// phrasing has: their single characters and the pairs they form across a
// word's edge ("请停" in 申请停卡) are glue too.
func (x *faqIndex) commonChars(ft map[string]float64) map[rune]bool {
	var cs map[rune]bool
	common := commonWords()
	for k := range ft {
		if len(k) != 6 || !hanFeature(k) || !common[k] {
			continue
		}
		if _, known := x.idfs[k]; known {
			continue
		}
		if cs == nil {
			cs = map[rune]bool{}
		}
		for _, r := range k {
			cs[r] = true
		}
	}
	return cs
}

// isCommon reports whether an unknown Chinese feature is glue: a common
// word, or a character or pair that has one of a common word's characters.
func isCommon(k string, cs map[rune]bool) bool {
	if len(cs) == 0 {
		return false
	}
	for _, r := range k {
		if cs[r] {
			return true
		}
	}
	return false
}
