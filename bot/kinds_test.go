package bot

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// A yes-no question that asks no kind of answer is not the question of an
// entry that asks a price and nothing else, whatever words they share; one
// that speaks of paying, or an entry that also asks yes or no, still is.
func TestYesNoIsNoPriceQuestion(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "课程价格是多少？", Alternatives: []string{"收费标准是怎样的"}, Answer: "外教1对1每节135元。", Enabled: true},
		{ID: 2, Question: "加床多少钱？可以加吗？", Answer: "可以，加床每晚150元。", Enabled: true},
	})
	for msg, want := range map[string]int64{
		"外教口音标准吗": 0, // a quality of the teacher, not the price
		"外教课贵吗":   1, // speaks of paying
		"能加床吗":    2, // the entry also asks yes or no
	} {
		got := int64(0)
		if f, _ := x.best(normalize(msg)); f.faq != nil {
			got = f.faq.ID
		}
		if got != want {
			t.Errorf("%s: best entry %d, want %d", msg, got, want)
		}
	}
}

// A child who does or suffers something is whom the question is asked
// for, not what it asks about: the refund entry answers "万一孩子上两节不想学
// 了 剩下的钱能退不" though it never names children, and a price of
// children's things is still the children's entry's. 手续费 is a charge, not
// 续费 (renewing).
func TestChildAsSubjectAndHandlingFees(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "报名后不想学了可以退费吗？", Answer: "开课前全额退，开课后按剩余课时退。", Enabled: true},
		{ID: 2, Question: "儿童票多少钱？", Answer: "1.2米以下儿童半价，60元。", Enabled: true},
		{ID: 3, Question: "取消预约扣钱吗？", Answer: "提前24小时取消免费，之后扣30%。", Enabled: true},
		{ID: 4, Question: "会员卡怎么续费？", Answer: "在小程序会员页续费。", Enabled: true},
	})
	for text, want := range map[string]int64{
		"万一孩子上两节不想学了 剩下的钱能退不": 1, "报了名要是孩子不想学了钱能退不": 1,
		"小朋友的票多少钱": 2, "取消预约有冇手续费": 3,
	} {
		if ch := ask(text); ch.faqID == nil || *ch.faqID != want {
			t.Errorf("%q: %s (%s), want faq %d", text, ch.action, ch.reason, want)
		}
	}
	if got := askedOf("孩子发烧去不了", []int{childGroup, refundGroup}); len(got) != 1 || got[0] != refundGroup {
		t.Errorf("a child as the subject: asked %v, want the refund group only", got)
	}
}
