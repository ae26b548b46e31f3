package bot

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// The embedded list is the general-language one its header names: common
// words, no nouns, no comment lines taken for words.
func TestCommonWordsList(t *testing.T) {
	common := commonWords()
	if len(common) != 2000 {
		t.Fatalf("common words: %d, want the 2,000 of common.txt", len(common))
	}
	for _, tc := range []struct {
		word string
		in   bool
	}{
		{"申请", true}, {"大概", true}, {"直接", true}, {"决定", true},
		{"公司", false}, {"费用", false}, {"会员", false}, {"#", false},
	} {
		if common[tc.word] != tc.in {
			t.Errorf("commonWords()[%q] = %v, want %v", tc.word, common[tc.word], tc.in)
		}
	}
	for w := range common {
		if strings.HasPrefix(w, "#") || len([]rune(w)) != 2 {
			t.Errorf("not a two-character word: %q", w)
		}
	}
}

// A common word the FAQ lacks leaves less of the message unexplained; a
// content word the FAQ lacks still counts in full.
func TestCommonWordsWeighLittle(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "会员卡能暂停吗", Alternatives: []string{"怎么停卡"}, Answer: "每年可停卡30天。", Enabled: true},
		{ID: 2, Question: "营业时间是几点", Answer: "每天早上7点到晚上10点。", Enabled: true},
	})
	defer func(v float64) { commonFactor = v }(commonFactor)
	for _, tc := range []struct {
		msg       string
		more      bool // the entry explains more of it with common words weighing little
		wantEntry int64
	}{
		{"怎么申请停卡", true, 1},
		{"平时几点营业", true, 2},  // 大概 is a filler now, dropped before any weighing
		{"怎么护照停卡", false, 1}, // 护照 is no common word
	} {
		commonFactor = 1
		before, _ := x.best(normalize(tc.msg))
		commonFactor = 0.1
		after, _ := x.best(normalize(tc.msg))
		if after.faq == nil || after.faq.ID != tc.wantEntry || before.faq == nil {
			t.Fatalf("%q: best %+v before %+v, want entry %d", tc.msg, after.faq, before.faq, tc.wantEntry)
		}
		// Sums taken in a different order differ in the last bits, so
		// "higher" means higher by more than rounding.
		if got := after.prec > before.prec+1e-9; got != tc.more {
			t.Errorf("%q: explained share %.2f → %.2f, want it higher: %v", tc.msg, before.prec, after.prec, tc.more)
		}
	}
}

// Glue is a common word the FAQ lacks and the pairs at its edges, not
// every pair that shares one of its characters.
func TestCommonGlue(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{{ID: 1, Question: "会员卡能暂停吗", Answer: "每年可停卡30天。", Enabled: true}})
	for _, tc := range []struct {
		msg       string
		glue, not []string
	}{
		{"怎么申请停卡", []string{"申请", "申", "请", "请停", "么申"}, []string{"停卡", "停", "卡"}},
		{"使用用户数", []string{"使用", "用用"}, []string{"用户", "户数"}},
		{"停卡", nil, []string{"停卡"}},
		{"可停卡30天", nil, []string{"停卡", "可停"}}, // no common word outside the FAQ
	} {
		g := x.commonGlue(normalize(tc.msg))
		for _, k := range tc.glue {
			if !g[k] {
				t.Errorf("%q: %q is not glue", tc.msg, k)
			}
		}
		for _, k := range tc.not {
			if g[k] {
				t.Errorf("%q: %q is glue", tc.msg, k)
			}
		}
	}
}
