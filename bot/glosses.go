package bot

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// glosses.txt.gz is CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0; see
// docs/bot.md) distilled by cmd/glossgen: a Chinese word, a tab, the
// English of its first senses, one word a line in byte order. It gives a
// Chinese FAQ phrasing the English a follower may write ("有隐形眼镜卖吗" →
// contact lens, sell), so that "do you sell contact lenses" meets the
// question itself, not only its English answer.
//
//go:generate sh -c "go run ../cmd/glossgen -in $CEDICT | gzip -9 > glosses.txt.gz"
//go:embed glosses.txt.gz
var glossesGz []byte

// glossary is the dictionary, read on first use (a sorted text and the
// offsets of its lines: no map of a hundred thousand words).
type glossary struct {
	once  sync.Once
	text  string
	lines []int32
}

var cedict glossary

func (g *glossary) load() {
	g.once.Do(func() {
		r, err := gzip.NewReader(bytes.NewReader(glossesGz))
		if err != nil {
			return
		}
		b, err := io.ReadAll(r)
		if err != nil {
			return
		}
		g.text = string(b)
		for i := 0; i < len(b); {
			g.lines = append(g.lines, int32(i))
			n := bytes.IndexByte(b[i:], '\n')
			if n < 0 {
				break
			}
			i += n + 1
		}
	})
}

// line returns the i-th line's word and gloss.
func (g *glossary) line(i int) (word, gloss string) {
	s := g.text[g.lines[i]:]
	if n := strings.IndexByte(s, '\n'); n >= 0 {
		s = s[:n]
	}
	word, gloss, _ = strings.Cut(s, "\t")
	return word, gloss
}

// lookup returns a word's English, or "".
func (g *glossary) lookup(w string) string {
	g.load()
	i := sort.Search(len(g.lines), func(i int) bool {
		word, _ := g.line(i)
		return word >= w
	})
	if i < len(g.lines) {
		if word, gloss := g.line(i); word == w {
			return gloss
		}
	}
	return ""
}

// glossMaxRunes is the longest headword glossgen keeps.
const glossMaxRunes = 4

// words cuts a Chinese text into dictionary words and returns each with
// its English. Each run of characters is cut longest-first from the left
// and from the right, and the cut with fewer words (then fewer single
// characters) kept: "可以开发票" is 可以 / 开 / 发票 from the right, not 开发
// (develop) / 票 from the left.
func (g *glossary) words(norm string) (words, english []string) {
	for _, run := range strings.FieldsFunc(norm, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		rs := []rune(run)
		fw, fe := g.cutForward(rs)
		bw, be := g.cutBackward(rs)
		if better(fw, bw) {
			bw, be = fw, fe
		}
		words, english = append(words, bw...), append(english, be...)
	}
	return words, english
}

// better reports whether cut a beats cut b: fewer words, then fewer single
// characters; a tie goes to b (from the right, which errs less in Chinese).
func better(a, b []string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return singles(a) < singles(b)
}

func singles(ws []string) int {
	n := 0
	for _, w := range ws {
		if utf8.RuneCountInString(w) == 1 {
			n++
		}
	}
	return n
}

// cutForward cuts longest-first from the left; a character no word starts
// with is skipped.
func (g *glossary) cutForward(rs []rune) (words, english []string) {
	for i := 0; i < len(rs); {
		n := 1
		for l := min(glossMaxRunes, len(rs)-i); l >= 1; l-- {
			if gl := g.lookup(string(rs[i : i+l])); gl != "" {
				words, english, n = append(words, string(rs[i:i+l])), append(english, gl), l
				break
			}
		}
		i += n
	}
	return words, english
}

// cutBackward cuts longest-first from the right.
func (g *glossary) cutBackward(rs []rune) (words, english []string) {
	for j := len(rs); j > 0; {
		n := 1
		for l := min(glossMaxRunes, j); l >= 1; l-- {
			if gl := g.lookup(string(rs[j-l : j])); gl != "" {
				words, english, n = append(words, string(rs[j-l:j])), append(english, gl), l
				break
			}
		}
		j -= n
	}
	slices.Reverse(words)
	slices.Reverse(english)
	return words, english
}

// weightGloss is a Chinese word of a phrasing met through its English: a
// dictionary's sense, weaker than a word both write.
var weightGloss = 0.8

// glossKey is the feature of a Chinese word met through its English.
func glossKey(word string) string { return "g:" + word }

// glossStems returns the stemmed English content words of a gloss (no
// stop word: "to have" glosses nothing).
func glossStems(gloss string) []string {
	var out []string
	for _, w := range strings.Fields(gloss) {
		if isLatin(w) && len(w) > 1 && !stopWords[w] {
			out = append(out, stem(w))
		}
	}
	return out
}

// addGlosses gives a Chinese phrasing one feature per dictionary word its
// English names, and records in byStem which words each English stem
// names: an English message names the word if it writes any of its
// English ("lenses" names 镜片 and 隐形眼镜). One feature a word, not one a
// gloss, so that a word of many senses weighs no more than one of few.
// words and english are the phrasing's dictionary cut (glossary.words).
func addGlosses(ft map[string]float64, words, english []string, byStem map[string][]string) {
	for i, w := range words {
		stems := glossStems(english[i])
		if len(stems) == 0 {
			continue
		}
		k := glossKey(w)
		if _, seen := ft[k]; seen {
			continue
		}
		ft[k] = weightGloss
		for _, s := range stems {
			if !slices.Contains(byStem[s], w) {
				byStem[s] = append(byStem[s], w)
			}
		}
	}
}
