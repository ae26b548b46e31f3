package bot

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestClauses: a message of a question and a remark is answered on its
// question; two questions for two entries, or a remark naming what another
// entry speaks of, are not answered from one clause.
func TestClauses(t *testing.T) {
	faqs := []*crm.FAQ{
		{ID: 1, Question: "可以定制尺寸吗？", Alternatives: []string{"能定做吗"}, Answer: "沙发和柜类可定制尺寸，加价10%-20%。", Enabled: true},
		{ID: 2, Question: "运费怎么收？", Answer: "满3000元免运费，不满收150元。", Enabled: true},
		{ID: 3, Question: "家具是什么材质的？", Answer: "框架为白橡木实木。", Enabled: true},
		{ID: 4, Question: "可以上门维修吗？", Answer: "市内可预约上门维修。", AnswerEn: "We come to you to repair it.", Enabled: true},
		{ID: 5, Question: "旧手机回收吗？", Answer: "回收旧手机。", AnswerEn: "We buy old phones.", Enabled: true},
	}
	if got := clauses("柜子能定做吗，我家墙有点歪😂"); len(got) != 2 || got[0] != "柜子能定做吗" {
		t.Fatalf("clauses %q", got)
	}
	// a space between Chinese characters is a comma; between Latin words not
	if got := clauses("我家墙有点歪 柜子能定做吗"); len(got) != 2 || got[1] != "柜子能定做吗" {
		t.Fatalf("clauses %q", got)
	}
	if got := clauses("can you repair it"); len(got) != 1 {
		t.Fatalf("clauses %q", got)
	}
	b, c := New(Config{}), buildCache(1, nil, faqs)
	s := &crm.BotSettings{Enabled: true, FAQ: true, TimeZone: "Asia/Shanghai"}
	for _, tc := range []struct {
		text string
		want int64 // 0: no answer
	}{
		{"柜子能定做吗，我家墙有点歪，客厅也小得可怜😂", 1},
		{"柜子能定做吗，运费多少，我家墙有点歪", 0},
		{"My old phone, can you repair it?", 0},
		{"可以定制尺寸吗？运费怎么收？", 0},
		{"柜子能定做吗 我家墙有点歪 客厅也小得可怜", 1},
		// a price asked of what the other clause names: all of it must be
		// the entry's (帐篷 is no furniture's freight)
		{"你们有租帐篷吗 运费多少", 0},
		// a thing the FAQ does not know in another clause
		{"可以帮忙做安乐死吗 运费多少", 0},
	} {
		in := &crm.BotInput{Settings: s, Message: &crm.Message{Channel: crm.ChannelWeChat, Account: "wx1",
			Direction: crm.DirectionIn, ExternalID: "1", Text: tc.text}}
		ch := b.choose(in, c, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
		var got int64
		if ch.faqID != nil {
			got = *ch.faqID
		}
		if got != tc.want {
			t.Errorf("%q: answered %d, want %d (%s)", tc.text, got, tc.want, ch.reason)
		}
		if got != 0 && !strings.Contains(ch.reason, "on the clause") {
			t.Errorf("%q: reason %q does not name the clause", tc.text, ch.reason)
		}
	}
}

// A question that asks two things gives each as a phrasing of its own; a
// question of one part gives none, and a fragment too short to ask
// anything is dropped.
func TestSubQuestions(t *testing.T) {
	for q, want := range map[string][]string{
		"报名入园的流程是什么，需要准备哪些材料？": {"报名入园的流程是什么", "需要准备哪些材料"},
		"园服怎么购买，必须穿吗？":         {"园服怎么购买", "必须穿吗"},
		"洗车怎么收费？":              nil,
		"工作室在哪里？有停车位吗？":        {"工作室在哪里", "有停车位吗"},
		"好的，洗车多少钱？":            nil,
	} {
		if got := subQuestions(q); !slices.Equal(got, want) {
			t.Errorf("subQuestions(%q) = %q, want %q", q, got, want)
		}
	}
	faqs := loadFAQFile(t, "testdata/eval22_faq.csv")
	ask := asker(faqs)
	if ch := ask("入學要準備什麼文件？"); ch.faqID == nil || *ch.faqID != faqs[2].ID {
		t.Errorf("入學要準備什麼文件: %s, want entry %d (%s)", ch.reason, faqs[2].ID, faqs[2].Question)
	}
}

// A how-question of one verb ("咋个约嘛") asks something of its own, so the
// remark beside it ("我想去看哈房子") is not answered in its place.
func TestHowQuestionHasContent(t *testing.T) {
	for clause, want := range map[string]bool{"咋个约嘛": true, "怎么退": true, "可以吗": false, "行吗": false, "皮夹克可以洗不": true} {
		if got := hasContent(clause); got != want {
			t.Errorf("hasContent(%q) = %v, want %v", clause, got, want)
		}
	}
}

// What to do, asked of a whole message, is not answered by the entry a
// remark's clause matches when that entry asks a price: "I can smell gas in
// my kitchen" named the kitchen stoves' installation price.
func TestRemedyAskedOfTheWhole(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "闻到燃气味怎么办？", Alternatives: []string{"燃气泄漏"}, Answer: "立即关闭阀门，开窗通风，到室外拨打抢修电话。",
			AnswerEn: "Close the valve, open the windows and call our emergency line from outside.", Enabled: true},
		{ID: 2, Question: "燃气灶安装怎么收费？", Alternatives: []string{"kitchen stove installation price"}, Answer: "燃气灶安装100元。",
			AnswerEn: "Installing a kitchen stove in your kitchen costs 100 yuan.", Enabled: true},
	})
	if ch := ask("I can smell gas in my kitchen, what should I do right now?"); ch.faqID != nil && *ch.faqID == 2 {
		t.Errorf("answered with the stove's price: %s", ch.reason)
	}
}

// A measure word inside a verb and its object ("办张卡", "退个款") still
// names the concept; a numeral's ("几个点") or a word's own character
// ("考试本身") does not.
func TestMeasureJoined(t *testing.T) {
	for in, want := range map[string]string{"办张卡": "办卡", "能退个款吗": "退款", "佣金几个点": "", "考试本身": "", "洗车": ""} {
		if got := measureJoined(normalize(in)); got != want {
			t.Errorf("measureJoined(%q) = %q, want %q", in, got, want)
		}
	}
}

// An English message is weighed against the English answers, not against
// the concepts of the Chinese ones: "do u take alipay" is the payment
// entry's, though the ordering entry's Chinese answer says 微信支付.
func TestEnglishMeetsEnglishAnswers(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "怎么在小程序下单？", Alternatives: []string{"怎么买菜"}, Answer: "选好商品后点去结算，用微信支付付款即可。",
			AnswerEn: "Add items to the cart, tap checkout and pay with WeChat Pay.", Enabled: true},
		{ID: 2, Question: "支持哪些支付方式？", Alternatives: []string{"能用支付宝吗"}, Answer: "只支持微信支付和余额支付，暂不支持支付宝。",
			AnswerEn: "We only accept WeChat Pay and account balance; Alipay is not supported.", Enabled: true},
		{ID: 3, Question: "退款多久能到账？", Answer: "原路退回微信支付，1到3个工作日到账。",
			AnswerEn: "Refunds go back to your WeChat Pay in 1 to 3 working days.", Enabled: true},
	})
	if ch := ask("do u take alipay"); ch.faqID != nil && *ch.faqID != 2 {
		t.Errorf("answered with entry %d: %s", *ch.faqID, ch.reason)
	}
}
