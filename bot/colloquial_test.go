package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestColloquialForms: regional and spoken forms read as the standard
// written question, so an FAQ written in those matches them.
func TestColloquialForms(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"有冇無糖蛋糕", "有没有无糖蛋糕"},
		{"箍牙要幾多錢", "箍牙要多少钱"},
		{"用咩忌廉", "用什么忌廉"},
		{"點樣預約", "怎么预约"},
		{"种一颗牙大概好多钱", "种一颗牙大概多少钱"},
		{"咋个约医生", "怎么约医生"},
		{"俺是外地的 能报不", "我是外地的 能报吗"},
		{"开车去有地方停没得", "开车去有地方停没有"},
		{"初诊要收检查费不", "初诊要收检查费吗"},
		{"侬店开勒啥地方啊", "你店开在哪里啊"}, {"侬店开辣啥地方", "你店开在哪里"}, {"你哋几点收铺呀", "你们几点关门呀"},
		{"上礼拜讲好押金当场退 一分洋钿没看到", "上礼拜说好押金当场退 一分钱没看到"},
		{"包间能唱K不", "包间能唱歌吗"},
		{"運費點計", "运费怎么算"}, {"想周末过去睇下房，点约？", "想周末过去看下房 怎么约"}, {"点歌", "点歌"},
		{"杨枝甘露多少米", "杨枝甘露多少钱"}, {"证件照多少前", "证件照多少钱"}, {"离地铁多少米", "离地铁多少米"},
		{"冇帶魚竿，你哋有冇得租", "没有带鱼竿 你们能租"},
		// 不 inside a question, or doubled, stays
		{"不要了能退吗", "不要了能退吗"},
		{"好不好", "好不好"},
		{"说不", "说不"},
		{"请让客服联系我", "请让客服联系我"},
		{"海边度假酒店", "海边度假酒店"},
		{"佢喺边度", "他在哪里"},
		{"我受够了不", "我受够了不"},
		// the hour in Northern speech and Cantonese; where to order is how
		{"大概幾個鐘頭能搞完", "大概几个小时能搞完"},
		{"在哪里下单啊", "怎么下单啊"},
		{"去哪报名", "怎么报名"},
		{"想约个明天上午保养，在哪里约啊", "想约个明天上午保养 怎么约啊"},
		{"店在哪里", "店在哪里"},
		{"在哪里停车", "在哪里停车"},
		// Cantonese you-all and now; Shanghainese you, money, today and 伐
		{"你哋间铺喺边度", "你们间铺在哪里"},
		{"而家落单几时寄出", "现在下单什么时候寄出"},
		{"今朝礼拜天侬拉还发货伐", "今天礼拜天你们还发货吗"},
		{"量房要铜钿伐", "量房要钱吗"},
		{"树木砍伐", "树木砍伐"}, // a Mandarin word, not the particle
		// 充 (or 冲) before an amount tops up
		{"充500送多少", "充值 500 送多少"},
		{"冲 1000 送多少", "充值 1000 送多少"},
		{"冲洗", "冲洗"},
	} {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestOwnRecordQuestions: a question about what the follower booked or
// bought, or whether something of theirs is done, goes to a person; a
// general question with the same words does not.
func TestOwnRecordQuestions(t *testing.T) {
	for _, text := range []string{"我昨天约的那个号是几点来着", "我的种植方案出来没有", "我上周送修的手机修好了没",
		"我订的蛋糕什么时候送到", "我报的班安排了吗", "我的证办好了吗"} {
		if why := aboutRecord(text, normalize(text)); why == "" {
			t.Errorf("%q: not taken as about the sender's own record", text)
		}
	}
	for _, text := range []string{"几点开门", "种植牙多少钱", "蛋糕能送到福田吗", "我想约个时间洗牙", "我买的东西能退吗"} {
		if why := aboutRecord(text, normalize(text)); why != "" {
			t.Errorf("%q: taken as about a record (%s), want a general question", text, why)
		}
	}
}

// TestHowIsNotWhere: "理论考试怎么复习" shares 理论 and 考试 with "考试在哪
// 个考场", but asks how, not where: no answer from that entry.
func TestHowIsNotWhere(t *testing.T) {
	faqs := []*crm.FAQ{
		{ID: 1, Question: "考试在哪个考场？", Answer: "科目一在车管所理论考场，考试当天驾校统一接送。", Enabled: true},
		{ID: 2, Question: "学费多少？", Answer: "C1学费4800元。", Enabled: true},
	}
	ask := asker(faqs)
	if ch := ask("理论考试咋复习"); ch.faqID != nil {
		t.Errorf("how to study: answered with faq %d (%s)", *ch.faqID, ch.reason)
	}
	if ch := ask("考场在哪里"); ch.faqID == nil || *ch.faqID != 1 || !strings.HasPrefix(ch.reason, "faq 1") {
		t.Errorf("where is the test: %s (%s), want faq 1", ch.action, ch.reason)
	}
}

// TestHourAsksTime: a message that names an hour asks about time, and an
// entry whose answer gives no hours does not answer it; "一点" (a little)
// is no hour.
func TestHourAsksTime(t *testing.T) {
	// The moving company's FAQ: entry 12 is "下雨天还能搬吗？", whose
	// answer gives no hours.
	faqs := loadFAQFile(t, "testdata/eval12_faq.csv")
	ask := asker(faqs)
	if ch := ask("晚上8点以后还能搬吗"); ch.faqID != nil && *ch.faqID == 12 {
		t.Errorf("an hour answered with the rain entry (%s)", ch.reason)
	}
	if !clockTime.MatchString(normalize("晚上八点还能过去吗")) || clockTime.MatchString(normalize("有没有便宜一点的")) {
		t.Error("八点 is an hour; 便宜一点 is not")
	}
}

// asker decides a WeChat text against faqs with the FAQ on, as a test
// asks one question.
func asker(faqs []*crm.FAQ) func(text string) choice {
	c := buildCache(1, nil, faqs)
	b := New(Config{})
	s := &crm.BotSettings{Enabled: true, FAQ: true, TimeZone: "Asia/Shanghai"}
	return func(text string) choice {
		in := &crm.BotInput{Settings: s, Message: &crm.Message{Channel: crm.ChannelWeChat, Account: "wx1",
			Direction: crm.DirectionIn, ExternalID: "1", Text: text}}
		return b.choose(in, c, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	}
}

func TestCantonesePotential(t *testing.T) {
	for in, want := range map[string]string{
		"开唔开到发票": "能开发票", "送唔送到福田": "能送福田", "去唔去到": "能去", "开唔开门": "开唔开门", "唔该": "唔该",
	} {
		if got := potential(in); got != want {
			t.Errorf("potential(%q) = %q, want %q", in, got, want)
		}
	}
}
