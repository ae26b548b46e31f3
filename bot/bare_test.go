package bot

import (
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// A question of the opening hours, paying or an invoice and nothing else is
// the entry's whose question names that topic, however little of the
// question it covers; a message with anything more is scored as any other,
// and with two such entries neither is taken.
func TestBareTopicQuestions(t *testing.T) {
	faqs := []*crm.FAQ{
		{ID: 1, Question: "营业时间是几点到几点？", Answer: "每天9:00-21:00。", Enabled: true},
		{ID: 2, Question: "支持哪些付款方式？", Answer: "微信、支付宝、现金。", Enabled: true},
		{ID: 3, Question: "可以开发票吗？", Answer: "可以开电子普通发票和专票。", Enabled: true},
		{ID: 4, Question: "宠物可以进店吗？", Answer: "小型犬可以抱着进店。", Enabled: true},
		{ID: 6, Question: "有优惠活动吗？", Answer: "会员九折。", Enabled: true},
		{ID: 7, Question: "门店地址在哪里？", Answer: "解放路88号二楼。", Enabled: true},
		{ID: 8, Question: "预约后可以取消吗？", Answer: "提前一天取消免费。", Enabled: true},
		{ID: 9, Question: "附近好停车吗？", Alternatives: []string{"开车过来停哪里"}, Answer: "门口有咪表车位。", Enabled: true},
	}
	ask := asker(faqs)
	for text, want := range map[string]int64{
		"礼拜天开门伐": 1, "过年开门吗": 1, "国庆节放假你们开门吗": 1, "週日有開嗎": 1,
		"能刷信用卡吗": 2, "收现金吗": 2, "能用 Alipay 不": 2,
		"能开专票不": 3, "还有优惠没": 6, "地址发下": 7, "臨時取消會扣錢嗎": 8, "给现金得不得": 2, "春节期间你们上班不": 1,
		// a clause of it beside a remark
		"付现金行不？我手机没电了": 2, "周日开门不？几点关门": 1,
		// why it is asked, when that is all beside it
		// where the business is, with no word for its address; the address
		// asked in one clause beside why (not the parking: 打车 is a taxi)
		"你们店在哪里": 7, "店铺在哪里": 7, "发票在哪里开": 3,
		"店在哪里啊，我要打车过来": 7,
		"公司报销要票 能开不":   3, "几点关门啊 下班过去还来得及不": 1, "礼拜天开伐": 1, "你们在哪个位置 导航搜啥": 7, "取消订单扣多少手续费": 8,
	} {
		ch := ask(text)
		got := int64(0)
		if ch.faqID != nil {
			got = *ch.faqID
		}
		if got != want {
			t.Errorf("%q: answered %d (%s), want %d", text, got, ch.reason, want)
		}
	}
	// More than the topic, or two entries of it: scored as any other
	// message.
	if ch := ask("礼拜天开门伐 附近能洗车吗"); ch.faqID != nil {
		t.Errorf("a question of more than the hours: answered %d (%s)", *ch.faqID, ch.reason)
	}
	if got := newFAQIndex(faqs).bare; got[0] != 0 || got[1] != 1 || got[2] != 2 {
		t.Errorf("bare entries %v, want the hours, paying and invoice entries first", got)
	}
	two := append(faqs, &crm.FAQ{ID: 5, Question: "春节几点开门？", Answer: "除夕到初三休息。", Enabled: true})
	if got := newFAQIndex(two).bare[0]; got != -1 {
		t.Errorf("two entries of the opening hours: bare entry %d, want none", got)
	}
	for text, want := range map[string]bool{"礼拜天开门伐": true, "能刷卡吗": true, "能开票不": true, "are you open on sundays": true,
		"礼拜天能带狗吗": false, "开门": true, "喝不惯能退不": true, "停车场几点关门": false, "你好": false, "信用卡丢了怎么办": false} {
		if got := onlyAsks(normalize(text)) >= 0; got != want {
			t.Errorf("onlyAsks(%q) = %v, want %v", text, got, want)
		}
	}
}

// A message that is an entry's own phrasing, word for word, is that
// entry's question, though its answer gives no place for "在哪里".
func TestOwnPhrasingIsItsEntry(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "怎么预约？", Alternatives: []string{"在哪里约", "可以电话预约吗"}, Answer: "在公众号菜单点“预约”，或打电话。", Enabled: true},
		{ID: 2, Question: "有地方停车吗？", Alternatives: []string{"开车去停哪里"}, Answer: "对面商场地下停车场。", Enabled: true},
	})
	for _, text := range []string{"在哪里约", "在哪里约啊？"} {
		if ch := ask(text); ch.faqID == nil || *ch.faqID != 1 || !strings.Contains(ch.reason, "own phrasing") {
			t.Errorf("%q: %s (%s), want faq 1 as its own phrasing", text, ch.action, ch.reason)
		}
	}
}
