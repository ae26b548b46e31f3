package bot

import (
	"slices"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestSplitPinyin(t *testing.T) {
	for in, want := range map[string][]string{
		"shenfenzheng": {"shen", "fen", "zheng"}, "xian": {"xian"}, "zenmekaia": {"zen", "me", "kai", "a"},
		"invoice": nil, "classes": nil, "wifi": nil,
	} {
		if got := splitPinyin(in); !slices.Equal(got, want) {
			t.Errorf("splitPinyin(%q) = %q, want %q", in, got, want)
		}
	}
}

// A question typed in pinyin meets the FAQ's words of that sound and is
// answered in Chinese; English, and pinyin of no FAQ word, are left alone.
func TestPinyinInput(t *testing.T) {
	faqs := []*crm.FAQ{
		{ID: 1, Question: "可以开发票吗？怎么开？", Answer: "可以，付款后在订单页申请电子发票。", AnswerEn: "Yes: request an e-invoice on the order page.", Enabled: true},
		{ID: 2, Question: "为什么下单要填身份证？", Answer: "跨境商品清关需要实名认证。", AnswerEn: "Customs needs the buyer's ID.", Enabled: true},
		{ID: 3, Question: "怎么预约？", Answer: "在公众号菜单预约。", AnswerEn: "Book in the account's menu.", Enabled: true},
		{ID: 4, Question: "怎么订奶？", Answer: "在菜单订奶，鲜奶一天一瓶。", Enabled: true},
	}
	x := newFAQIndex(faqs)
	for in, want := range map[string]string{
		"shenfenzheng 一定要填吗": "身份证 一定要填吗", "yuyue 要提前多久啊": "预约 要提前多久啊",
		"do you have an invoice": "do you have an invoice",
		// everyday words around the FAQ's, and a run of everyday words only
		"haode xiexie": "好的谢谢", "dian zai na li a": "店在哪里啊", "wo zuotian fu le weikuan": "我昨天付了",
		// a pair of the FAQ that is no dictionary word, typed as one word;
		// not across the follower's space ("nai yiping" is no 奶一)
		"zenme dingnai a": "怎么订奶啊", "xian nai yitian": "鲜奶一天",
	} {
		if got, _ := x.fromPinyin(in); got != want {
			t.Errorf("fromPinyin(%q) = %q, want %q", in, got, want)
		}
	}
	ask := asker(faqs)
	for text, want := range map[string]int64{"fapiao zenme kai a": 1, "shenfenzheng一定要填吗": 2} {
		ch := ask(text)
		if ch.faqID == nil || *ch.faqID != want {
			t.Errorf("%q: got %s (%s), want faq %d", text, ch.action, ch.reason, want)
			continue
		}
		if !strings.Contains(ch.text, "。") {
			t.Errorf("%q: answered %q, want the Chinese answer", text, ch.text)
		}
	}
}

// A long run of pinyin of which the FAQ's words are a small part is the
// sender's story, not the FAQ's question with its particles dropped.
func TestLongPinyinStory(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "周六上课吗？", Answer: "周六上午有课。", Enabled: true},
		{ID: 2, Question: "可以开发票吗？", Answer: "可以开电子发票。", Enabled: true},
	})
	if ch := ask("nimen zhouliu de ke turan bu shang le ye mei tongzhi, women baipao yi tang"); ch.action != crm.BotHandoff || ch.faqID != nil {
		t.Errorf("a story in pinyin: %s (%s), want a hand-off", ch.action, ch.reason)
	}
	// read as the Chinese it spells: 我昨天付了尾款 is the sender's own
	// occasion, 付了两次 a charge disputed
	for _, story := range []string{"wo zuotian fu le weikuan 1988, danshi mei gai zhang, fapiao zenme kai",
		"zuotian fu le liang ci qian, tui yi ci gei wo"} {
		if ch := ask(story); ch.action != crm.BotHandoff || !strings.Contains(ch.reason, "in pinyin") {
			t.Errorf("%q: %s (%s), want a hand-off read in pinyin", story, ch.action, ch.reason)
		}
	}
	if ch := ask("fapiao neng kai ma gongsi yao baoxiao"); ch.faqID == nil || *ch.faqID != 2 {
		t.Errorf("a short question in pinyin: %s (%s), want faq 2", ch.action, ch.reason)
	}
}
