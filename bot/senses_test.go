package bot

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// A word the FAQ does not write meets the FAQ's word of the same first
// sense that shares a character with it (墨镜 and 太阳镜: "sunglasses"); a
// word whose sense is only part of the FAQ word's (学校 "school", 入学 "to
// enter school"), or the other way round (下班 "to finish work", 上班), does
// not.
func TestSameSense(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "太阳镜可以做近视度数吗？", Answer: "可以，300元起。", Enabled: true},
		{ID: 2, Question: "入学要准备什么？", Answer: "身份证。", Enabled: true},
		{ID: 3, Question: "几点上班？", Answer: "早上9点。", Enabled: true},
	})
	for msg, want := range map[string][2]string{
		"墨镜能加度数吗": {"阳镜", "墨镜"},
		"学校在哪":    {"学校", "入学"},
		"晚上几点下班":  {"下班", "上班"},
	} {
		ft := features(normalize(msg))
		x.sameSense(normalize(msg), ft)
		if _, ok := ft[want[0]]; !ok {
			t.Errorf("%q: features lack %q: %v", msg, want[0], ft)
		}
		if _, ok := ft[want[1]]; ok {
			t.Errorf("%q: features still hold %q: %v", msg, want[1], ft)
		}
	}
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "太阳镜可以做近视度数吗？", Answer: "可以，近视太阳镜片300元起。", Enabled: true},
		{ID: 2, Question: "验光要钱吗？", Answer: "验光免费。", Enabled: true},
		{ID: 3, Question: "配眼镜要等多久？", Answer: "现片1小时，定制7天。", Enabled: true},
	})
	if ch := ask("我近视 想配个墨镜 能加度数吗"); ch.faqID == nil || *ch.faqID != 1 {
		t.Errorf("墨镜: %s, want entry 1", ch.reason)
	}
}

// A phrasing's characters one apart meet a message's pair side by side
// (科二 in 科目二) without making the phrasing longer to cover: its total
// is what it says.
func TestPhrasingSkips(t *testing.T) {
	faqs := []*crm.FAQ{
		{ID: 1, Question: "科目二考场在哪里？", Answer: "科目二在城北考场。", Enabled: true},
		{ID: 2, Question: "学费多少钱？", Answer: "C1手动挡4200元。", Enabled: true},
	}
	x := newFAQIndex(faqs)
	if !x.skipOnly["科二"] {
		t.Errorf("科二 is not a skip pair of 科目二: %v", x.skipOnly)
	}
	with, _ := x.best(normalize("科二考场是哪个"))
	if with.faq == nil || with.faq.ID != 1 {
		t.Fatalf("科二考场是哪个: best %+v, want entry 1", with)
	}
	// 科五 is a pair no phrasing has, side by side or one apart.
	other, _ := x.best(normalize("科五考场是哪个"))
	if with.score <= other.score {
		t.Errorf("the skip pair adds nothing: 科二 %.3f, 科五 %.3f", with.score, other.score)
	}
}

// An English message's runner-up is kept at a distance relative to the
// best score; a Chinese one's by the margin alone.
func TestConfidentEnglishRatio(t *testing.T) {
	f1, f2 := &crm.FAQ{ID: 1}, &crm.FAQ{ID: 2}
	first, second := match{f1, 0.93, 1}, match{f2, 0.79, 0.8}
	if !confident(first, second, defaultThreshold, defaultMargin, true, true) {
		t.Error("English 0.93 over 0.79 (1.18 times) is not confident")
	}
	if confident(first, second, defaultThreshold, defaultMargin, false, true) {
		t.Error("Chinese 0.93 over 0.79 (margin 0.14) is confident")
	}
	if confident(match{f1, 1.07, 1}, match{f2, 0.95, 1}, defaultThreshold, defaultMargin, true, true) {
		t.Error("English 1.07 over 0.95 (1.13 times) is confident")
	}
}

// A Chinese message the entry explains well passes a little under the
// threshold; not an English one, and not when the message asks a quality
// the FAQ never names or rules out what the entry says.
func TestNearPass(t *testing.T) {
	f1 := &crm.FAQ{ID: 1}
	near := match{f1, defaultThreshold * 0.9, 0.7}
	if !confident(near, match{}, defaultThreshold, defaultMargin, false, true) {
		t.Error("a well-explained Chinese message at 0.9 of the threshold does not pass")
	}
	if confident(near, match{}, defaultThreshold, defaultMargin, true, true) {
		t.Error("an English one passes")
	}
	if confident(near, match{}, defaultThreshold, defaultMargin, false, false) {
		t.Error("the near pass was refused, and it passes")
	}
	if confident(match{f1, defaultThreshold * 0.9, 0.5}, match{}, defaultThreshold, defaultMargin, false, true) {
		t.Error("a message explained at 50% passes")
	}
	// explained almost wholly, it passes lower still, and not without the margin
	if !confident(match{f1, defaultThreshold * 0.6, 0.85}, match{}, defaultThreshold, defaultMargin, false, true) {
		t.Error("a message explained at 85% at 0.6 of the threshold does not pass")
	}
	if confident(match{f1, defaultThreshold * 0.6, 0.85}, match{&crm.FAQ{ID: 2}, defaultThreshold * 0.5, 0.8},
		defaultThreshold, defaultMargin, false, true) {
		t.Error("it passes with a runner-up within the margin")
	}
	if confident(match{f1, defaultThreshold * 0.4, 0.85}, match{}, defaultThreshold, defaultMargin, false, true) {
		t.Error("a message at 0.4 of the threshold passes")
	}
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "你们的教练有证书吗？", Answer: "教练都持有国家职业资格证。", Enabled: true},
		{ID: 2, Question: "可以上门维修吗？", Answer: "深圳市内可预约上门，上门费50元。", Enabled: true},
	})
	for msg, want := range map[string]bool{"你们教练帅吗": true, "教练有证书吗": false, "教练凶不凶": false, "可以上门吗": false} {
		if got := x.unknownPredicate(normalize(msg)); got != want {
			t.Errorf("unknownPredicate(%q) = %v, want %v", msg, got, want)
		}
	}
	if !x.negates(normalize("不在深圳怎么修"), x.entries[1]) {
		t.Error("不在深圳 does not rule out the entry that names 深圳")
	}
	if x.negates(normalize("在深圳能上门吗"), x.entries[1]) || x.negates(normalize("不在深圳怎么修"), x.entries[0]) {
		t.Error("negates without a negation, or of an entry without the word")
	}
}

// A concept's word the FAQ does not write counts as the concept only,
// when a phrasing names the concept (礼拜天 for the opening hours that say
// 周日); not when the concept is unknown to the FAQ, nor when the word
// holds another concept's (运费险 holds 运费).
func TestConceptWordsCountOnce(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "门店营业时间是几点到几点？", Answer: "周一至周日8:30-19:00。", Enabled: true},
		{ID: 2, Question: "运费怎么算？", Answer: "满99包邮。", Enabled: true},
	})
	ft := features(normalize("礼拜天开门吗"))
	x.dropConceptChars(normalize("礼拜天开门吗"), ft)
	for _, k := range []string{"礼拜", "拜天", "礼", "拜"} {
		if _, ok := ft[k]; ok {
			t.Errorf("礼拜天开门吗 still counts %q: %v", k, ft)
		}
	}
	ft = features(normalize("运费险怎么理赔"))
	x.dropConceptChars(normalize("运费险怎么理赔"), ft)
	if _, ok := ft["险"]; !ok {
		t.Errorf("运费险 lost 险, which tells it from 运费: %v", ft)
	}
}

// A measure word inside a verb and its object (洗个车) leaves no pairs of
// its own; a noun inside (停房车) is what is asked about and stays.
func TestMeasureWordInside(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "洗车怎么收费？", Answer: "普洗35元，精洗80元。", Enabled: true},
		{ID: 2, Question: "店门口可以停车吗？", Answer: "门口有6个免费车位。", Enabled: true},
		{ID: 3, Question: "营业时间是几点？", Answer: "每天8:00-20:00。", Enabled: true},
	})
	with, _ := x.best(normalize("洗个车几多钱"))
	plain, _ := x.best(normalize("洗车几多钱"))
	if with.faq == nil || with.faq.ID != 1 || with.prec < plain.prec-0.01 {
		t.Errorf("洗个车几多钱: %+v, want entry 1 explaining as much as 洗车几多钱 does (%.2f)", with, plain.prec)
	}
	rv, _ := x.best(normalize("店门口可以停房车吗"))
	car, _ := x.best(normalize("店门口可以停车吗"))
	if rv.faq != nil && rv.prec > car.prec-0.1 {
		t.Errorf("停房车: 房车 no longer counts against entry %d (precision %.2f, 停车 %.2f)", rv.faq.ID, rv.prec, car.prec)
	}
}
