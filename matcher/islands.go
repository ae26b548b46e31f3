package matcher

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every number the matcher looks for holds digits, and most of a message
// holds none. So the patterns run only on islands: each run of digits with
// islandMargin bytes either side (room for a label such as "合同编号：" or
// "SO-"), widened to the next space or Chinese punctuation (so a link or
// address is whole) but by at most islandWiden bytes, and merged where they
// touch. This keeps a 16 KB message about as cheap as a short one.
const (
	islandMargin = 32
	islandWiden  = 256
)

// islandStops end the widening: spaces and Chinese punctuation.
const islandStops = "，。；！？、：（）《》「」【】“”‘’"

// islands returns the byte spans of s worth searching, in order.
func islands(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsDigit(r) {
				break
			}
			j += size
		}
		start, end := widenLeft(s, max(0, i-islandMargin)), widenRight(s, min(len(s), j+islandMargin))
		if n := len(out); n > 0 && start <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], end)
		} else {
			out = append(out, [2]int{start, end})
		}
		i = j
	}
	return out
}

// widenLeft moves i back to a rune start, then to just after a stop.
func widenLeft(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	for limit := max(0, i-islandWiden); i > limit; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if isStop(r) {
			break
		}
		i -= size
	}
	return i
}

// widenRight moves i forward to a rune start, then to the next stop.
func widenRight(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	for limit := min(len(s), i+islandWiden); i < limit; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isStop(r) {
			break
		}
		i += size
	}
	return i
}

func isStop(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(islandStops, r) }
