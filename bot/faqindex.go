package bot

import (
	"math"
	"strings"
	"sync"

	"github.com/rapport-crm/rapport/crm"
)

// faqIndex finds the FAQ entry a message asks about. Each phrasing
// (question and alternatives) is a set of weighted features; a message's
// score against a phrasing is the F1 of the IDF-weighted overlap: how much
// of the phrasing the message covers, and how much of the message the
// phrasing explains, so that a message about something else that shares
// one keyword scores low.
type faqIndex struct {
	entries  []*crm.FAQ
	owner    []int     // phrasing → entry
	total    []float64 // phrasing → its weight sum
	latin    []float64 // phrasing → the weight of its concepts and English words
	postings map[string][]posting
	idfs     map[string]float64
	unknown  float64 // the IDF of a feature no phrasing has
	scratch  sync.Pool
}

type scratch struct {
	overlap []float64
	touched []int
}

// Tuning knobs (see eval_test.go): a feature no phrasing has counts
// unknownFactor of the rarest feature's weight, and beta > 1 favours
// covering the phrasing over explaining every word of the message.
var (
	unknownFactor = 0.6
	beta          = 1.5
)

type posting struct {
	phrasing int
	weight   float64
}

// match is an entry's best score against a message.
type match struct {
	faq   *crm.FAQ
	score float64
	prec  float64 // how much of the message the entry's phrasing explains
}

func newFAQIndex(fs []*crm.FAQ) *faqIndex {
	x := &faqIndex{postings: map[string][]posting{}, idfs: map[string]float64{}}
	var feats []map[string]float64
	df := map[string]int{}
	for _, f := range fs {
		if !f.Enabled {
			continue
		}
		x.entries = append(x.entries, f)
		for _, p := range append([]string{f.Question}, f.Alternatives...) {
			ft := features(normalize(p))
			if len(ft) == 0 {
				continue
			}
			feats = append(feats, ft)
			x.owner = append(x.owner, len(x.entries)-1)
			for k := range ft {
				df[k]++
			}
		}
	}
	n := float64(len(feats))
	for k, d := range df {
		x.idfs[k] = math.Log((n + 1) / (float64(d) + 0.5))
	}
	x.unknown = unknownFactor * math.Log((n+1)/0.5)
	x.scratch.New = func() any { return &scratch{overlap: make([]float64, len(feats))} }
	x.total = make([]float64, len(feats))
	x.latin = make([]float64, len(feats))
	for i, ft := range feats {
		for k, w := range ft {
			v := w * x.idfs[k]
			x.total[i] += v
			if !hanFeature(k) {
				x.latin[i] += v
			}
			x.postings[k] = append(x.postings[k], posting{i, v})
		}
	}
	return x
}

func (x *faqIndex) idf(k string) float64 {
	if v, ok := x.idfs[k]; ok {
		return v
	}
	return x.unknown
}

// best returns the two best-scoring entries (the second may be empty).
func (x *faqIndex) best(norm string) (first, second match) {
	ft := features(norm)
	han := false
	for k := range ft {
		han = han || hanFeature(k)
	}
	// One slot per phrasing, from a pool: a common character's postings
	// touch thousands of phrasings, and a map of them costs more than the
	// scoring itself.
	sc := x.scratch.Get().(*scratch)
	overlap, touched := sc.overlap, sc.touched[:0]
	defer func() {
		for _, i := range touched {
			overlap[i] = 0
		}
		sc.touched = touched
		x.scratch.Put(sc)
	}()
	var msgTotal float64
	for k, w := range ft {
		idf := x.idf(k)
		if _, known := x.idfs[k]; !known && !han {
			// An English message's words that no phrasing has are what it
			// is about and the FAQ is not: they count in full.
			idf /= unknownFactor
		}
		msgTotal += w * idf
		for _, p := range x.postings[k] {
			if overlap[p.phrasing] == 0 {
				touched = append(touched, p.phrasing)
			}
			// The message's own weight of a feature may differ from the
			// phrasing's (a unigram in one, part of a concept in the other):
			// count the smaller.
			overlap[p.phrasing] += min(p.weight, w*x.idfs[k])
		}
	}
	if msgTotal == 0 || (!han && unknownWord(ft, x.idfs)) {
		return
	}
	type entryScore struct {
		score, prec float64
	}
	scores := map[int]entryScore{}
	for _, i := range touched {
		// A message without Chinese cannot cover a phrasing's characters:
		// it is measured against the phrasing's concepts and words only.
		whole := x.total[i]
		if !han {
			whole = x.latin[i]
		}
		if whole == 0 {
			continue
		}
		o := overlap[i]
		prec, rec := o/msgTotal, min(o/whole, 1)
		b2 := beta * beta
		if !han {
			b2 = 1 // across languages, explaining the message counts as much as covering the phrasing
		}
		s := (1 + b2) * prec * rec / (b2*prec + rec)
		if e := x.owner[i]; s > scores[e].score {
			scores[e] = entryScore{s, prec}
		}
	}
	for e, es := range scores {
		m := match{x.entries[e], es.score, es.prec}
		switch {
		case first.faq == nil || m.score > first.score || (m.score == first.score && m.faq.ID < first.faq.ID):
			first, second = m, first
		case second.faq == nil || m.score > second.score || (m.score == second.score && m.faq.ID < second.faq.ID):
			second = m
		}
	}
	return first, second
}

// hanFeature reports whether a feature is Chinese characters (not a
// concept "#n" or an English word "w:…").
func hanFeature(k string) bool { return k[0] != '#' && !strings.HasPrefix(k, "w:") }

// unknownWord: an English message with a word the FAQ does not know (and
// no concept stands for) is about something the bot does not understand.
func unknownWord(ft map[string]float64, known map[string]float64) bool {
	for k := range ft {
		if _, ok := known[k]; !ok && strings.HasPrefix(k, "w:") {
			return true
		}
	}
	return false
}
