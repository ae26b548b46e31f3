// Package bot answers followers and customers on its own when it is sure,
// and hands the conversation to a person when it is not: welcome, keyword
// and menu rules, FAQ answers, business hours and hand-off. It decides once
// per inbound message (the store's unique key) and queues its answer in the
// transaction that records the decision.
package bot

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"
)

// folder turns traditional characters into simplified ones. OpenCC's
// phrase dictionaries (tw2sp: 軟體 → 软件, not a character-by-character
// guess) are loaded once, on first use (about 40 ms).
type folder struct {
	once sync.Once
	cc   *opencc.OpenCC
}

var t2s folder

func (f *folder) simplify(s string) string {
	f.once.Do(func() {
		cc, err := opencc.New("tw2sp")
		if err == nil {
			f.cc = cc
		}
	})
	if f.cc == nil || !hasHan(s) {
		return s
	}
	out, err := f.cc.Convert(s)
	if err != nil {
		return s
	}
	return twVariants.Replace(out)
}

// twVariants undoes what tw2sp does to text that is simplified already:
// it takes 么 and 抬 for Taiwan variants and writes 幺 and 擡, so that
// "怎么" in an FAQ became "怎幺" and matched no message typed as 怎么.
var twVariants = strings.NewReplacer("幺", "么", "擡", "抬")

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// normalize folds what should not change a match: full-width forms,
// traditional characters, case, and punctuation and spaces (kept as one
// space between words so that English stays in words).
func normalize(s string) string {
	s = width.Fold.String(s)
	s = t2s.simplify(s)
	s = whereToDo.ReplaceAllString(colloquial.Replace(potential(s)), "怎么$1")
	s = topUp.ReplaceAllString(s, "充值$1")
	s = moneySlang(s)
	var b strings.Builder
	space, wasHan := false, false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// Chinese and Latin written together ("有安卓app吗") are two
			// words: the English one must stand alone to be found.
			isHan := unicode.Is(unicode.Han, r)
			if (space || isHan != wasHan) && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space, wasHan = false, isHan
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return aNotAEach(b.String())
}

// aNotAEach applies aNotA to each run of Chinese in a normalized text.
func aNotAEach(s string) string {
	ws := strings.Split(s, " ")
	for i, w := range ws {
		ws[i] = aNotA(w)
	}
	return strings.Join(ws, " ")
}

// english reports whether a message is written in English (no Chinese
// characters and some Latin letters), to answer in English when the entry
// has an English answer.
func english(s string) bool {
	latin := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			return false
		case r < 128 && unicode.IsLetter(r):
			latin++
		}
	}
	return latin >= 2
}

// topUp is 充 (or 冲, its usual typo) before an amount: "充500送多少" tops up
// 500, as 充值 does.
var topUp = regexp.MustCompile(`[充冲]\s?(\d)`)
