package bot

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestGlossaryEnglish(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"镜片", "lens"},
		{"有隐形眼镜卖吗", "contact lens"},
		{"发票", "invoice"},
		{"支付宝", "alipay"},
	} {
		if got := glossText(c.in); !containsWords(got, c.want) {
			t.Errorf("english(%q) = %q, want it to hold %q", c.in, got, c.want)
		}
	}
	if got := cedict.lookup("不存在的词语"); got != "" {
		t.Errorf("a five-character word is not in the glossary, got %q", got)
	}
}

func glossText(norm string) string {
	_, en := cedict.words(norm)
	return strings.Join(en, " ")
}

func containsWords(s, want string) bool { return strings.Contains(" "+s+" ", " "+want+" ") }

// An English message meets a Chinese FAQ that has no English phrasing
// through the dictionary's English of its question; a message about
// something the FAQ does not name is still handed to a person.
func TestEnglishMeetsChineseQuestion(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "有隐形眼镜卖吗？", Answer: "有，日抛月抛都有。", Enabled: true},
		{ID: 2, Question: "营业时间是几点？", Answer: "每天9点到21点。", Enabled: true},
		{ID: 3, Question: "可以开发票吗？", Answer: "可以，结账时告诉店员。", Enabled: true},
		{ID: 4, Question: "配眼镜要等多久？", Answer: "现片1小时，定制7天。", Enabled: true},
	})
	for _, tc := range []struct {
		msg  string
		want int64 // 0: no answer
	}{
		{"do you sell contact lenses", 1},
		{"Do you sell contact lens?", 1},
		{"do you sell pizza", 0},
		{"can I rent a car here", 0},
	} {
		ch := ask(tc.msg)
		got := int64(0)
		if ch.faqID != nil && ch.action == crm.BotAnswer {
			got = *ch.faqID
		}
		if got != tc.want {
			t.Errorf("%q: answered with entry %d (%s), want %d", tc.msg, got, ch.reason, tc.want)
		}
	}
}

func TestGlossaryCutsBothWays(t *testing.T) {
	for in, want := range map[string]string{
		"可以开发票":   "可以 开 发票",
		"有隐形眼镜卖吗": "有 隐形眼镜 卖 吗",
		"研究生命起源":  "研究 生命 起源",
	} {
		ws, _ := cedict.words(in)
		if got := strings.Join(ws, " "); got != want {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

// A plural and its singular meet at one stem, "-ches" words and "-che"
// words alike; a word whose own s is no plural keeps it.
func TestStemFoldsPlurals(t *testing.T) {
	for _, pair := range [][2]string{{"lenses", "lens"}, {"boxes", "box"}, {"watches", "watch"}, {"brushes", "brush"},
		{"toothaches", "toothache"}, {"caches", "cache"}, {"invoices", "invoice"}, {"buses", "bus"}} {
		if a, b := stem(pair[0]), stem(pair[1]); a != b {
			t.Errorf("stem(%q) = %q, stem(%q) = %q: want one stem", pair[0], a, pair[1], b)
		}
	}
}
