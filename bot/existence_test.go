package bot

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// An "is there" question about something no entry names is not answered
// from the entry that shares its other keyword; one about a thing the FAQ
// knows still is.
func TestUnknownThing(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "酒店可以停车吗？", Answer: "酒店有地下停车场，住店客人免费停车。", Enabled: true},
		{ID: 2, Question: "可以带宠物入住吗？", Answer: "抱歉，酒店暂不接待宠物。", Enabled: true},
		{ID: 3, Question: "有优惠吗？", Answer: "会员九折。", Enabled: true},
		{ID: 4, Question: "怎么知道孩子适合哪个级别？", Answer: "报名前有免费的入学测评。", Enabled: true},
	})
	for msg, want := range map[string]string{
		"停车场旁边有加油站吗":         "加油站",
		"有没有游泳池":             "游泳池",
		"宠物医院附近有吗":           "宠物医院",
		"附近有停车场吗":            "", // known: 停车场 is in entry 1
		"有停車位嗎":              "", // 车位 is the parking concept
		"有没有打折":              "", // 打折 is the discount concept, as 优惠
		"我有台旧手机":             "", // not a question
		"可以停车吗":              "",
		"有接送服务吗":             "",   // 服务 names no thing
		"有入学测试吗":             "",   // 入学 is known: the matcher decides
		"有啥福利没":              "福利", // the question word is not the thing
		"周末有没有课的":            "",   // nor the trailing 的: 课 alone is too little to judge
		"可以带泰迪吗":             "泰迪", // what one asks to bring
		"可以带优惠券吗":            "",   // a concept's word
		"有没有刮痧减肥的套餐":         "套餐", // the kind of thing asked for, by its head
		"有没有唱歌写字的活动啊":        "",   // 活动 names no thing
		"有没有免费停车的地方":         "",   // nor does 地方
		"附近有啥好吃的推荐":          "吃",  // a tip the FAQ gives only when it speaks of eating
		"平江路有啥好吃的推荐一下":       "吃",
		"遛狗绳哪种好 推荐一下":        "遛狗绳", // which kind is good: judged by its head, 绳
		"发票和收据有啥区别啊":         "区别",  // how two things differ: an explanation no entry gives
		"川大图书馆几点开门你知道不":      "知道",  // what we may happen to know of another place
		"附近停车场几点关门你们晓得不":     "知道",
		"你们知道怎么停车吗":          "", // asked of us, not ending on "do you know"
		"玉林那家小酒馆几点开门晓得不":     "知道",
		"我说的事会不会传出去啊，怕被熟人知道": "",   // not asked of us
		"楼下商场几点关门啊":          "商场", // the hours of a place not ours
		"浙江美术馆周一几点开门啊":       "美术馆",
		"办卡送的礼品是什么":          "礼品",  // what a thing said of something is
		"推荐几首适合6岁孩子的练习曲":     "推荐",  // advice no question asks for
		"会员的优惠是什么":           "",    // a concept's word
		"停车场几点关门":            "",    // ours: entry 1 names it
		"你们附近的车管所几点上班":       "车管所", // 车 of 停车 does not make the vehicle office ours
		"小区物业一般几点上班":         "物业",
		"对面那家火锅几点开门啊":        "那家",  // a neighbour's hours
		"春熙路IFS几点关门啊":        "ifs", // a place named in Latin letters the FAQ never writes
		"鼓浪屿的轮渡几点开":          "轮渡",
		"武侯区法院几点上班":          "法院",
		"附近的药房晚上几点关门":        "药房",
		"你们楼上那个健身房几点关门":      "楼上那个",
		"成都今天多少度":            "天气", // the weather, which no question asks
		"小升初择校你们有什么建议没":      "建议", // advice no question asks for
		"你们的菜是哪儿进的":          "来源", // where goods come from, not where we are
		"客服hours是几点到几点":      "",   // a concept's word
	} {
		if got := x.unknownThing(normalize(msg)); got != want {
			t.Errorf("%s: asks for %q, want %q", msg, got, want)
		}
	}
}

// A question whose opening subject the FAQ does not know at all is about
// something else: "鱼可以寄养吗" is not the boarding of cats and dogs.
func TestUnknownSubject(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "可以寄养吗？", Answer: "猫每天60元，狗每天80元起。", Enabled: true},
		{ID: 2, Question: "店里可以停车吗？", Answer: "门口有车位。", Enabled: true},
	})
	for msg, want := range map[string]string{
		"鱼可以寄养吗":     "鱼",
		"船能停吗":       "船",
		"猫可以寄养吗":     "", // 猫 is in an answer
		"狗狗能寄养吗":     "", // and the pet concept names 狗狗
		"我可以寄养吗":     "", // a pronoun
		"你们可以寄养吗":    "", // plural too
		"可以寄养吗":      "",
		"车能停门口吗":     "", // 车 is known
		"寄养一天多少钱":    "",
		"牙科几点开门":     "牙科",  // asked its hours
		"周日的瑜伽课几点开始": "瑜伽课", // the subject after a day's 的
		"周六几点开门":     "",    // a concept's word
		"泳池多少钱":      "泳池",
	} {
		if got := x.unknownSubject(normalize(msg)); got != want {
			t.Errorf("%s: subject %q, want %q", msg, got, want)
		}
	}
}

// A dealing the FAQ never names (selling, renting, repairing, buying
// back) is a service the business may not offer: the message goes to a
// person, however well its thing matches an entry. Words that hold the
// character (装修, 外卖) and "how is it sold" (怎么卖, the price) are not
// such a dealing.
func TestUnknownTrade(t *testing.T) {
	cleaner := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "空调和油烟机清洗多少钱？", Answer: "挂机空调清洗120元/台，油烟机180元/台。", Enabled: true},
		{ID: 2, Question: "开荒保洁怎么收费？", Answer: "新装修的房子开荒保洁8元/平方米。", Enabled: true},
		{ID: 3, Question: "年卡多少钱？", Answer: "年卡1999元。", Enabled: true},
	})
	for msg, want := range map[string]string{
		"你们卖空调吗":       "卖",
		"油烟机坏了不吸烟，能修吗": "修",
		"空调可以租吗":       "租",
		"旧油烟机回收吗":      "回收",
		"空调清洗多少钱":      "",
		"新房刚装修完 开荒多少钱": "",
		"年卡怎么卖":        "",
		"叫个外卖到你们店里可以吗": "",
		"可以上门清洗吗":      "上门", // coming to the home, which no entry offers
		"能请阿姨到我家里来吗":   "上门",
		"洗完能送到家吗":      "", // a delivery, not a visit
		"你们招加盟吗 加盟费多少": "加盟",
		"空调清洗可以批发吗":    "批发",
		"租的房子 空调清洗多少钱": "", // the flat is rented: no renting is asked
	} {
		if got := cleaner.unknownTrade(normalize(msg)); got != want {
			t.Errorf("%q: unknownTrade = %q, want %q", msg, got, want)
		}
	}
	repair := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "手机维修要多久？", Answer: "换屏1小时。", Enabled: true},
	})
	if got := repair.unknownTrade(normalize("屏幕碎了能修吗")); got != "" {
		t.Errorf("a repair shop: unknownTrade = %q for 能修吗", got)
	}
	visits := newFAQIndex([]*crm.FAQ{{ID: 1, Question: "可以上门维修吗？", Answer: "市内免费上门。", Enabled: true}})
	if got := visits.unknownTrade(normalize("能到我家来修吗")); got != "" {
		t.Errorf("a shop that comes to the home: unknownTrade = %q", got)
	}
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "空调和油烟机清洗多少钱？", Answer: "挂机空调清洗120元/台，油烟机180元/台。", Enabled: true},
		{ID: 2, Question: "服务时间是几点到几点？", Answer: "每天8:00-20:00。", Enabled: true},
	})
	if ch := ask("你们卖空调吗"); ch.faqID != nil {
		t.Errorf("你们卖空调吗 answered: %s", ch.reason)
	}
}

// A-not-A asks a quality the FAQ never names ("甜不甜"), and "can one" asks
// a deed it never names ("可以堂食吗"): the entry that names the thing does
// not say. A quality or deed the FAQ knows, a concept's word (贵不贵 asks
// the price) and a verb's A-not-A (接不接) stay with the matcher.
func TestUnknownQualityAndDeed(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "车厘子什么价格？", Answer: "智利车厘子JJ级5斤礼盒298元，新鲜直达。", Enabled: true},
		{ID: 2, Question: "可以去店里买吗？", Answer: "门店在湖滨南路388号，可以现场挑选。", Enabled: true},
	})
	for msg, want := range map[string]string{
		"车厘子甜不甜啊": "甜不甜",
		"车厘子新不新鲜": "", // 新鲜 is in the answer
		"车厘子贵不贵":  "", // the price
		"你们接不接团购": "", // a verb: the matcher decides
		"车厘子甜吗":   "", // only A-not-A
	} {
		if got := x.unknownQuality(normalize(msg)); got != want {
			t.Errorf("%s: quality %q, want %q", msg, got, want)
		}
	}
	for msg, want := range map[string]string{
		"店里可以堂食吗，买了现场做":  "堂食",
		"可以现场挑选吗":        "",   // known
		"可以刷卡吗":          "",   // a concept's word (paying)
		"能跟我们的ERP对接吗":    "",   // not one word
		"能便宜点吗":          "",   // not a dictionary word as cut
		"门店能寄养狗吗，过年要回老家": "寄养", // the first word of "寄养狗"
		"门店今天是不是停运了":     "停运", // whether it happened: any two characters the FAQ lacks
		"师傅多久能过来":        "",   // coming over: any trade does
		"订了三个月能中途退吗":     "",   // 中途 is no deed
		"门店是不是搬了":        "",   // one character: too little to judge
		"车厘子是不是挑选完了":     "",   // 挑选 is known
	} {
		if got := x.unknownDeed(normalize(msg)); got != want {
			t.Errorf("%s: deed %q, want %q", msg, got, want)
		}
	}
}

// A state the FAQ knows nothing of, before "may I still" ("怀孕了还能打水光针
// 吗"), is for a person; one it knows ("过期了还能用吗" to an FAQ of 有效期) is
// not.
func TestUnknownCondition(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "水光针怎么收费？", Answer: "基础补水水光980元/次，有效期6个月。", Enabled: true},
	})
	for msg, want := range map[string]string{
		"怀孕了还能打水光针吗": "怀孕",
		"过期了还能用吗":    "", // 期 is known
		"水光针打了能洗脸吗":  "", // 打 is no state, and one character
		"水光针多少钱":     "",
	} {
		if got := x.unknownCondition(normalize(msg)); got != want {
			t.Errorf("%s: condition %q, want %q", msg, got, want)
		}
	}
}

// A word of Latin letters and digits is a model or a size, and counts.
func TestModelCodes(t *testing.T) {
	for w, want := range map[string]bool{"m22": true, "a3": true, "5g": true, "iphone17": true, "22": false, "pro": false, "e-3": false} {
		if modelCode(w) != want {
			t.Errorf("modelCode(%q) = %v", w, !want)
		}
	}
	if features(normalize("M22全脸多少钱"))["w:m22"] == 0 {
		t.Error("m22 is no feature of the message")
	}
}

// A Latin word of a Chinese message (a product, a brand, a model) that
// another entry has and the best lacks says the best answers something
// else; an age written as a number names the age concept.
func TestNamedElsewhereAndAges(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "Java全栈班的上课时间怎么安排？", Answer: "每周二、周四晚上直播。", Enabled: true},
		{ID: 2, Question: "可以延期或者转班吗？", Alternatives: []string{"能不能换到下一期"}, Answer: "可以转到下一期。", Enabled: true},
		{ID: 3, Question: "未成年人能进吗？", Answer: "未满18周岁须由监护人陪同。", Enabled: true},
	})
	if got := x.namedElsewhere(normalize("下一期java啥时候开班"), x.entries[1]); got != "w:java" {
		t.Errorf("java against entry 2: %q, want w:java", got)
	}
	if got := x.namedElsewhere(normalize("下一期java啥时候开班"), x.entries[0]); got != "" {
		t.Errorf("java against entry 1: %q, want none", got)
	}
	if got := x.namedElsewhere(normalize("Can I move to the next class?"), x.entries[1]); got != "" {
		t.Errorf("an English message: %q, want none (its words are all Latin)", got)
	}
	for _, msg := range []string{"我16岁能去唱歌吗", "孩子五岁", "he is 5 years old"} {
		if features(normalize(msg))[ageKey] == 0 {
			t.Errorf("%q: no age", msg)
		}
	}
	if features(normalize("岁末有活动吗"))[ageKey] != 0 {
		t.Error("岁末 is no age")
	}
}

// "How much" of a unit the FAQ knows nothing of ("多少卡路里") is not the
// price; of one it knows, or a concept's word, it stays with the matcher.
func TestUnknownAmount(t *testing.T) {
	x := newFAQIndex([]*crm.FAQ{
		{ID: 1, Question: "珍珠奶茶多少钱？", Answer: "中杯14元，大杯17元，每杯含糖量可选。", Enabled: true},
	})
	for msg, want := range map[string]string{
		"一杯珍珠奶茶大概多少卡路里": "卡路里",
		"珍珠奶茶多少钱":       "",
		"一杯多少含糖量":       "", // 含糖 is in the answer
		"奶茶多少度":         "", // one character is no unit to judge
	} {
		if got := x.unknownAmount(normalize(msg)); got != want {
			t.Errorf("%s: amount %q, want %q", msg, got, want)
		}
	}
}
