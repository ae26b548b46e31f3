package bot

import (
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// Chinese is typed by its sound: the usual typo is a pair of characters
// that sounds like the word meant (包安庄 for 包安装, 发漂 for 发票). A
// message's pair that no phrasing has is looked up by its toneless pinyin
// among the pairs the phrasings have, and counts as that pair, a little
// less (weightSound of a pair's weight).
const weightSound = 0.7

var pinyinArgs = pinyin.NewArgs() // toneless, the first reading

// soundKey is a pair of Chinese characters' toneless pinyin, or "" when
// a character has none.
func soundKey(pair string) string {
	if utf8.RuneCountInString(pair) != 2 {
		return ""
	}
	key := ""
	for _, r := range pair {
		p := pinyin.SinglePinyin(r, pinyinArgs)
		if len(p) == 0 {
			return ""
		}
		key += p[0] + " "
	}
	return key
}

// addSounds maps the sound of each pair a phrasing has to the pairs.
func (x *faqIndex) addSounds() {
	x.sounds = map[string][]string{}
	for k := range x.idfs {
		if !hanFeature(k) || utf8.RuneCountInString(k) != 2 {
			continue
		}
		if key := soundKey(k); key != "" {
			x.sounds[key] = append(x.sounds[key], k)
		}
	}
}

// soundAlike replaces, in a message's features, each pair no phrasing has
// by the pairs of the phrasings that sound the same.
func (x *faqIndex) soundAlike(ft map[string]float64) {
	for k, w := range ft {
		if _, known := x.idfs[k]; known || !hanFeature(k) || utf8.RuneCountInString(k) != 2 {
			continue
		}
		alike := x.sounds[soundKey(k)]
		if len(alike) == 0 {
			continue
		}
		delete(ft, k)
		for _, a := range alike {
			ft[a] = max(ft[a], w*weightSound)
		}
	}
}
