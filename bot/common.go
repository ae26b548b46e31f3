package bot

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

// commonText is a general-language list of frequent words (see its header
// for the source and licence). It is not built from our evaluation sets.
//
//go:embed common.txt
var commonText string

// commonList is the list's words in its order, most frequent first, read
// once.
var commonList = sync.OnceValue(func() []string {
	var ws []string
	for _, l := range strings.Split(commonText, "\n") {
		if l = strings.TrimSpace(l); l != "" && l[0] != '#' {
			ws = append(ws, l)
		}
	}
	return ws
})

// commonWords is read once, on the first message.
var commonWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range commonList() {
		m[w] = true
	}
	return m
})

// commonFactor is how much a common word the FAQ lacks (申请, 大概, 直接)
// counts of an unknown word: it is how one says things, not what one asks
// about, and it must not leave the rest of the message unexplained. Tuned
// on the even lines (FAQ_GRID=common): 0 and 0.1 answer 84, 1 answers 81.
var commonFactor = 0.1

// commonGlue returns the message's features that are glue: each common
// word no phrasing has, its single characters, and the pairs it forms with
// the characters either side ("请停" in 申请停卡, not every pair that shares
// one of its characters: 使用 makes no glue of 用户).
func (x *faqIndex) commonGlue(norm string) map[string]bool {
	var glue map[string]bool
	common := commonWords()
	rs := []rune(norm)
	han := func(i int) bool { return i >= 0 && i < len(rs) && unicode.Is(unicode.Han, rs[i]) }
	for i := 0; i+1 < len(rs); i++ {
		w := string(rs[i : i+2])
		if !han(i) || !han(i+1) || !common[w] {
			continue
		}
		if _, known := x.idfs[w]; known {
			continue
		}
		if glue == nil {
			glue = map[string]bool{}
		}
		glue[w], glue[string(rs[i])], glue[string(rs[i+1])] = true, true, true
		if han(i - 1) {
			glue[string(rs[i-1:i+1])] = true
		}
		if han(i + 2) {
			glue[string(rs[i+1:i+3])] = true
		}
	}
	return glue
}
