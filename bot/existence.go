package bot

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/rapport-crm/rapport/crm"
)

// askedWhole finds what an "is there" question asks for: "有没有游泳池"
// asks for 游泳池 (the message's subject, whatever other keyword it
// holds), "会员生日有啥福利没" for 福利, "能帮忙报名参加比赛吗" for 比赛. Such a
// thing is unknown when none of its pairs is in a phrasing and no concept
// names it: "有入学测试吗" shares 入学 with "入学测评" and is left to the
// matcher.
var askedWhole = regexp.MustCompile(`(?:^|\s|[^没])有(\p{Han}{2,6}?)(?:吗|嘛|么|不|没有|没)$|有没有(\p{Han}{2,6})$|` +
	`参加(\p{Han}{2,6}?)(?:吗|嘛|么|不|没)$|` +
	// what one asks to bring, use or keep ("大床房可以带泰迪吗"), or an
	// invoice to be issued as ("发票可以开成办公用品吗")
	`(?:可以|能不能|可不可以|能)(?:带|用|寄存|存放|放|养|开成)(\p{Han}{2,6}?)(?:吗|嘛|么|不)$|` +
	// what a thing said of something is ("办卡送的礼品是什么")
	`的(\p{Han}{2,4}?)(?:是什么|是啥|都有什么|有哪些)$`)

// askedByHead finds a thing judged by its head, the end of a Chinese
// compound: a place near by ("停车场旁边有加油站吗", "宠物医院附近有吗": 宠物医院
// is a kind of 医院), and what a dealing is asked to be done to ("你们能修汽车
// 吗", "试纸单独卖不卖", "钢琴调音你们做吗": 调音, whatever 钢琴 matches).
var askedByHead = regexp.MustCompile(`(\p{Han}{2,6})(?:附近|旁边|周边|周围)(?:有没有|有)(?:吗|嘛|么|没有|没)?$|` +
	`(?:附近|旁边|周边|周围)(?:有没有|有)(?:\p{Han}{1,4}的)?(\p{Han}{2,6}?)(?:吗|嘛|么|没有|没)?$|` +
	`(?:能|可以|会|你们)(?:帮忙|帮我)?(?:修|卖|租|回收|收|洗|代煎|煎|做|印|装|配)(\p{Han}{2,4})(?:吗|嘛|么|不)$|` +
	`(?:^|的)(\p{Han}{2,4}?)(?:单独|也|有|能|可以|你们|你们能|你们可以)?(?:修|卖|租|回收|收|洗|做|印|装|配)(?:不修|不卖|不租|不收|不洗|不做|不印|不装|不配|吗|嘛|么|不)$|` +
	// a kind of thing asked for ("有没有刮痧拔罐减肥的套餐": a 套餐, whatever
	// 刮痧 matches)
	`有没有\p{Han}{2,10}的(\p{Han}{2,4}?)(?:吗|嘛|么|呢|啊|呀)?$`)

// nearbyTip asks what is good near by ("附近有什么好吃的推荐"): a tip the
// FAQ gives only when it speaks of eating or sights at all.
var nearbyTip = regexp.MustCompile(`(?:附近|旁边|周边|周围)有(?:什么|哪些|啥)(?:好)?(吃|玩|逛|住|景点|饭店|餐厅|酒店|宾馆|超市|馆子)|` +
	`有(?:什么|哪些|啥)好(吃|玩|逛)的?(?:\s|$|推荐|可以推荐)`)

// difference asks how two things differ.
var difference = regexp.MustCompile(`(有什么|有啥|有哪些|什么)(区别|差别|不同)|(区别|差别)(是什么|在哪|大吗|大不大)`)

// advice asks which kind of a thing is good ("遛狗绳哪种好 推荐一下"): the
// thing is judged by its head (绳), whatever its first words match.
var advice = regexp.MustCompile(`(\p{Han}{2,6}?)(?:哪种|哪个|哪款|什么牌子|啥牌子)(?:好|比较好|最好|好用)`)

// weKnow ends a question asked of what the business may happen to know
// ("川大图书馆几点开门你知道不", "浪琴专柜几点关门你知道吗"): another place's or
// person's facts, which no entry of its own gives.
var weKnow = regexp.MustCompile(`(?:你|你们|您|你哋|侬)(?:知道|晓得|知不知道|晓不晓得|知唔知)(?:吗|嘛|么|不|伐|没|唔)?$|` +
	// without "you", only asked: "玉林那家小酒馆几点开门晓得不" (not "怕被熟人知道")
	`(?:知道|晓得)(?:吗|不|伐|没)$|(?:知不知道|晓不晓得|知唔知)$`)

// placeHours asks when a place opens or closes ("楼下商场几点关门", "体检医院周末
// 上班不"): a place that is not the business's own.
var placeHours = regexp.MustCompile(`(医院|商场|超市|银行|图书馆|公园|学校|餐厅|饭店|食堂|车站|停车场|派出所|车管所|考场|` +
	`体检中心|商店|菜市场|博物馆|专柜|酒馆|酒吧|电影院|影院|游泳馆|邮局|药店|景区|地铁|美术馆|展览馆|科技馆|体育馆|` +
	`动物园|植物园|游乐园|商城|广场|影城|火车站|高铁站|机场|码头|政务中心|办事大厅|社保局|税务局|公安局|营业厅|物业|居委会|` +
	`轮渡|渡轮|公交|班车|大巴|缆车|索道|法院|检察院|仲裁委|民政局|人社局|房管局|公证处|交警队|药房|诊所|加油站|便利店|` +
	// a neighbour ("对面那家火锅几点开门")
	`那家|(?:楼上|楼下|隔壁|对面|旁边|附近)(?:的)?那个|健身房)\p{Han}{0,4}?(几点|什么时候|啥时候|周末|营业|开门|关门|上班|下班|开到)`)

// namedPlaceHours asks the hours of a place named in Latin letters
// ("IFS几点关门").
var namedPlaceHours = regexp.MustCompile(`\p{Han}\s?([a-z]{2,})\s?\p{Han}{0,2}?(几点|什么时候|啥时候|开到几点|营业到)`)

// otherPlaceHours returns such a place when no entry's question or
// phrasing names it or what it is of (a pharmacy's FAQ says 药 where its
// customer writes 药店): the hours entry gives the business's own hours,
// not the mall's downstairs.
func (x *faqIndex) otherPlaceHours(norm string) string {
	if g := namedPlaceHours.FindStringSubmatch(norm); g != nil {
		if _, known := x.idfs["w:"+stem(g[1])]; !known && !namesConcept(g[1]) {
			return g[1] // "春熙路IFS几点关门啊": a mall the FAQ never names
		}
	}
	g := placeHours.FindStringSubmatch(strings.ReplaceAll(norm, " ", ""))
	if g == nil {
		return ""
	}
	if strings.Contains(g[1], "那家") || strings.Contains(g[1], "那个") {
		return g[1]
	}
	if strings.Contains(x.asks, placeOf(g[1])) {
		return ""
	}
	return g[1]
}

// placeOf is what a place is of: 药 of 药店, 车管 of 车管所 (a tyre shop's
// FAQ that speaks of 车 does not make the vehicle office its own); a
// place of two characters otherwise is itself (物业, 银行, 法院).
func placeOf(place string) string {
	rs := []rune(place)
	switch {
	case strings.ContainsRune("店馆", rs[len(rs)-1]):
		return string(rs[:len(rs)-1]) // 药店 is the pharmacy whose FAQ says 药
	case len(rs) > 2 && strings.ContainsRune("场院局厅所站城园", rs[len(rs)-1]):
		return string(rs[:len(rs)-1])
	}
	return place // 法院 is no law firm's, 机场 no phone shop's
}

// recommend opens a request for a recommendation ("推荐几首适合6岁孩子的练习曲",
// "推荐个好吃的热干面"): advice an entry gives only when its question asks for
// one.
var recommend = regexp.MustCompile(`^(帮我|给我|能|可以|麻烦)?推荐(一下|下|个|几|一|些)`)

// weatherAsked asks the weather ("成都今天多少度"); adviceAsked asks for
// advice ("有什么建议没", "给点建议"); originAsked asks where goods come
// from ("菜是哪儿进的", "牛肉从哪里来的").
var (
	weatherAsked = regexp.MustCompile(`(今天|明天|后天|这几天|周末|这周|下周)\p{Han}{0,3}(多少度|几度|气温|天气怎么样|天气如何|下不下雨|会下雨)`)
	adviceAsked  = regexp.MustCompile(`(有什么|有啥|有没有|给点|给个|给些|提点)(好的)?建议`)
	originAsked  = regexp.MustCompile(`(从)?(哪|哪儿|哪里)(进|来|买|批发|采购|产|运)(的|来的)`)
)

// askedQuestion is a question word where a thing would be ("能参加几次").
var askedQuestion = regexp.MustCompile(`几|多少|什么|哪`)

// unknownThing returns the thing a message asks whether there is (or
// asks to be dealt with), when the FAQ does not know it: such a message is
// about something the FAQ does not cover, however well its other words
// match an entry.
func (x *faqIndex) unknownThing(norm string) string {
	if g := nearbyTip.FindStringSubmatch(norm); g != nil && x.unknownWord(firstGroup(g)) {
		return firstGroup(g)
	}
	if weKnow.MatchString(strings.TrimSpace(norm)) {
		return "知道"
	}
	if p := x.otherPlaceHours(norm); p != "" {
		return p
	}
	if recommend.MatchString(norm) && !strings.Contains(x.asks, "推荐") {
		return "推荐"
	}
	if weatherAsked.MatchString(norm) && !strings.Contains(x.asks, "天气") && !strings.Contains(x.asks, "气温") {
		return "天气" // "成都今天多少度" to a water park whose FAQ gives the water's
	}
	if adviceAsked.MatchString(norm) && !strings.Contains(x.asks, "建议") && !strings.Contains(x.asks, "推荐") {
		return "建议" // "小升初择校你们有什么建议没"
	}
	if originAsked.MatchString(norm) && !strings.ContainsAny(x.asks, "产源") && !strings.Contains(x.asks, "进货") {
		return "来源" // "你们的菜是哪儿进的": where the goods come from, not where we are
	}
	if difference.MatchString(norm) && !x.vocab["区别"] && !x.vocab["差别"] && !x.vocab["不同"] {
		return "区别" // "发票和收据有啥区别": an explanation the FAQ does not give
	}
	if g := advice.FindStringSubmatch(norm); g != nil {
		if t := x.unknownHead(g[1]); t != "" {
			return t
		}
	}
	if g := askedByHead.FindStringSubmatch(norm); g != nil {
		return x.unknownHead(firstGroup(g))
	}
	if g := askedWhole.FindStringSubmatch(norm); g != nil {
		return x.unknownWhole(firstGroup(g))
	}
	return ""
}

// unknownAsked returns what a message asks of that the FAQ does not know
// (a thing, a subject, a dealing, a deed, a quality, a condition or an
// amount), by the checks below in turn, or "".
func (x *faqIndex) unknownAsked(norm string) string {
	for _, check := range []func(string) string{x.unknownThing, x.unknownSubject, x.unknownTrade, x.unknownWhen,
		x.unknownQuality, x.unknownDeed, x.unknownCondition, x.unknownAmount} {
		if t := check(norm); t != "" {
			return t
		}
	}
	return ""
}

// firstGroup returns the first group a match filled (its alternatives
// have one each).
func firstGroup(g []string) string {
	for _, s := range g[1:] {
		if s != "" {
			return s
		}
	}
	return ""
}

// thingAsked trims what is not the thing: the question word of "有什么福利",
// the 的 of "有没有课的"; "" for a common word ("能帮忙洗一下吗": 一下 is how
// one asks), a question word ("能参加几次"), or one character.
func thingAsked(thing string) string {
	thing = strings.TrimSuffix(strings.TrimPrefix(thing, "什么"), "的")
	if rs := []rune(thing); len(rs) >= 2 && motion[string(rs[:2])] {
		return "" // "能带起来住不": 带 is bringing along, not a thing brought
	}
	if commonWords()[thing] || askedQuestion.MatchString(thing) || len([]rune(thing)) < 2 {
		return ""
	}
	return thing
}

// unknownWhole: no pair of the thing is in a phrasing, and no topic concept
// names it.
func (x *faqIndex) unknownWhole(thing string) string {
	if thing = thingAsked(thing); thing == "" {
		return ""
	}
	rs := []rune(thing)
	if genericHeads[string(rs[len(rs)-2:])] {
		return ""
	}
	if len(rs) == 2 && rs[1] == '子' {
		// "有柜子吗" to an FAQ of 寄存柜: 子 only makes 柜 a word
		if _, known := x.idfs[string(rs[0])]; known {
			return ""
		}
	}
	for i := 0; i+1 < len(rs); i++ {
		if _, known := x.idfs[string(rs[i:i+2])]; known {
			return ""
		}
	}
	for k := range features(thing) {
		// a topic, or a kind of answer ("有没有价目表" asks the prices)
		if k[0] == '#' && conceptKinds[conceptGroup(k)] != kindAsk {
			return ""
		}
	}
	return thing
}

// unknownHead: the thing's head (its last pair) is in no phrasing, and no
// topic concept ends it.
func (x *faqIndex) unknownHead(thing string) string {
	if thing = thingAsked(thing); thing == "" {
		return ""
	}
	rs := []rune(thing)
	head := string(rs[len(rs)-2:])
	if genericHeads[head] {
		return ""
	}
	if _, known := x.idfs[head]; known {
		return ""
	}
	for _, ct := range conceptTerms {
		if !ct.latin && conceptKinds[ct.group] == kindTopic && strings.HasSuffix(thing, ct.term) {
			return ""
		}
	}
	return thing
}

// genericHeads end a phrase without naming a thing: "接送服务" is the
// 接送 the FAQ may well know.
var genericHeads = map[string]bool{"服务": true, "东西": true, "地方": true, "问题": true, "情况": true,
	"业务": true, "项目": true, "功能": true, "办法": true, "方式": true, "安排": true, "活动": true, "选择": true}

// subjectFirst finds a subject that opens a question before its modal
// verb, or before asking its hours or price: "鱼可以寄养吗" asks about 鱼,
// "船能停吗" about 船, "牙科几点开门" about 牙科.
var subjectFirst = regexp.MustCompile(`^(\p{Han}{1,3}?)((可以|可不可以|能不能|能否|能|会不会|需要|要不要)\p{Han}|几点|什么时候|多少钱)`)

// subjectOf finds a subject of two or three characters after a 的 that
// opens the question ("周日的瑜伽课几点开始").
var subjectOf = regexp.MustCompile(`^\p{Han}{1,4}的(\p{Han}{2,3})(几点|什么时候|多少钱)`)

// unknownSubject returns such a subject when nothing of it is known to the
// FAQ (no character, pair or concept): the question is about something
// the FAQ does not cover, however well its verb matches an entry.
func (x *faqIndex) unknownSubject(norm string) string {
	g := subjectFirst.FindStringSubmatch(norm)
	if g == nil {
		// "周日的瑜伽课几点开始": the subject after a day's or a place's 的
		g = subjectOf.FindStringSubmatch(norm)
	}
	if g == nil || pronouns[g[1]] || strings.ContainsAny(g[1], "我你您这那") {
		return ""
	}
	rs := []rune(g[1])
	for i := range rs {
		if _, known := x.idfs[string(rs[i])]; known {
			return ""
		}
	}
	for k := range features(g[1]) {
		if k[0] == '#' {
			return ""
		}
	}
	return g[1]
}

var pronouns = map[string]bool{"我": true, "你": true, "您": true, "他": true, "她": true, "它": true, "咱": true,
	"我们": true, "你们": true, "他们": true, "她们": true, "咱们": true, "大家": true,
	"听说": true, "据说": true, "师傅": true, "老板": true, "老师": true, "亲": true, "美女": true, "帅哥": true,
	"那": true, "这": true, "请问": true, "还": true, "也": true, "都": true, "现在": true, "今天": true, "明天": true}

// trades are the dealings a follower may ask a business for, coming to
// their home among them; each word stands for its group. A message that
// asks for one the FAQ never names ("你们卖空调吗" to a cleaner whose FAQ
// prices 空调清洗) asks for a service the business may not offer: a person
// answers it.
var trades = [][]string{
	{"卖", "出售", "销售", "卖掉", "售卖", "售价"},
	{"租", "出租", "租赁", "租用", "租借"},
	{"修", "维修", "修理", "修好", "修一下", "返修", "保修"},
	{"回收", "收购"},
	{"上门", "上门服务", "入户", "到府"},
	{"加盟", "招商", "代理", "加盟店"},
	{"批发", "拿货", "进货"},
}

// atHome is coming to the customer's home in other words ("请主持人到我家里来
// 办", "来我家"; not "送货到家", a delivery): it is the dealing 上门.
var atHome = regexp.MustCompile(`(到|来)(我|我们)家(里)?`)

// priceAsk is "how is it sold", which asks the price ("年卡怎么卖"), not
// whether it is sold (normalize has made 咋 and 咋个 怎么).
var priceAsk = regexp.MustCompile(`(怎么|怎样|如何)(卖|租|收费)`)

// tradedThing is a dealing said of a thing ("租的房子", "买的锁"): the flat is
// rented, no renting is asked.
var tradedThing = regexp.MustCompile(`(出租|租|卖|修|回收)的`)

var tradeOf = func() map[string]int {
	m := map[string]int{}
	for i, g := range trades {
		for _, w := range g {
			m[w] = i
		}
	}
	return m
}()

// unknownTrade returns the dealing a message asks for (as a dictionary
// word, so that 装修 or 外卖 are not 修 or 卖) when no word of its group is
// in the FAQ's phrasings or answers.
func (x *faqIndex) unknownTrade(norm string) string {
	norm = tradedThing.ReplaceAllString(norm, " ")
	words, _ := cedict.words(dropFillers(atHome.ReplaceAllString(priceAsk.ReplaceAllString(norm, " "), " 上门 ")))
	for _, w := range words {
		g, ok := tradeOf[w]
		if !ok {
			continue
		}
		known := false
		for _, t := range trades[g] {
			known = known || x.vocab[t]
		}
		if !known {
			return w
		}
	}
	return ""
}

// finalParticle ends a yes-no question: the character before it is what
// is asked of the thing ("帅" in 你们教练帅吗).
var finalParticle = regexp.MustCompile(`(\p{Han})(吗|嘛|么|没有|没)$`)

// unknownPredicate reports whether a yes-no question asks a quality or a
// deed that no phrasing has, as a single character ("你们教练帅吗").
func (x *faqIndex) unknownPredicate(norm string) bool {
	g := finalParticle.FindStringSubmatch(strings.ReplaceAll(norm, " ", ""))
	if g == nil {
		return false
	}
	_, known := x.idfs[g[1]]
	return !known
}

// negated finds "not in X", "not X" (不在深圳, 不是会员): what follows is
// ruled out, not asked about.
var negated = regexp.MustCompile(`(?:不在|不是|不住在|不住|不用|不要)(\p{Han}{2})`)

// negates reports whether the message rules out a pair the entry has.
func (x *faqIndex) negates(norm string, f *crm.FAQ) bool {
	if f == nil {
		return false
	}
	for _, g := range negated.FindAllStringSubmatch(strings.ReplaceAll(norm, " ", ""), -1) {
		if x.entryHas(f, g[1]) {
			return true
		}
	}
	return false
}

// askedWhen finds the deed a "when" question asks about at its end:
// "大唐不夜城晚上几点亮灯" asks when the lights go on.
var askedWhen = regexp.MustCompile(`(几点|什么时候|几时|多久|多长时间)(能|可以|会|才|就|开始)?(\p{Han}{2})(吗|呢|啊|呀)?$`)

// unknownWhen returns that deed when the FAQ knows nothing of it (neither
// character nor concept): the entry that gives some other hour ("几点出发")
// does not say when it happens.
func (x *faqIndex) unknownWhen(norm string) string {
	// "是几点的啊": the particles end the question; they are no deed
	g := askedWhen.FindStringSubmatch(strings.TrimRight(strings.ReplaceAll(norm, " ", ""), particles+"了"))
	if g == nil {
		return ""
	}
	deed := g[3]
	if _, known := x.idfs[deed]; known || x.vocab[deed] {
		return ""
	}
	// Colloquial words for a known deed ("开舖", "拿本") share a character
	// with it: only a deed of wholly unknown characters is unknown.
	for _, r := range deed {
		if _, known := x.idfs[string(r)]; known {
			return ""
		}
	}
	for k := range features(deed) {
		if k[0] == '#' {
			return ""
		}
	}
	return deed
}

// unknownQuality returns the quality an A-not-A question asks of a thing
// ("车厘子甜不甜啊": 甜) when no phrasing or answer has that character: the
// entry that names the thing does not say whether it is so. A quality is
// a character the dictionary gives no verb's or modal's sense ("sweet",
// "expensive"; not 接 "to receive", 能 "can"), ending its clause (稳不稳定
// asks 稳定).
func (x *faqIndex) unknownQuality(norm string) string {
	rs := []rune(strings.ReplaceAll(norm, " ", ""))
	for i := 0; i+2 < len(rs); i++ {
		if rs[i+1] != '不' || rs[i+2] != rs[i] || !unicode.Is(unicode.Han, rs[i]) {
			continue
		}
		if i+3 < len(rs) && !strings.ContainsRune(particles, rs[i+3]) {
			continue
		}
		q, asked := string(rs[i]), string(rs[i:i+3])
		if _, known := x.idfs[q]; known || x.vocab[q] || !quality(q) || namesConcept(asked) {
			continue // 贵不贵 asks the price
		}
		return string(rs[i : i+3])
	}
	return ""
}

// particles end a spoken question.
const particles = "啊呀呢嘛吗哦啦的呗撒嘞哇吧"

// quality reports whether a character's English names no deed and no
// modal: an adjective, as the dictionary has it.
func quality(c string) bool {
	g := cedict.lookup(c)
	if g == "" || strings.HasPrefix(g, "can") || strings.HasPrefix(g, "may") {
		return false
	}
	for _, sense := range strings.Split(g, " / ") {
		if strings.HasPrefix(sense, "to ") || sense == "to" {
			return false
		}
	}
	return true
}

// modalDeed finds the deed a "can one" question asks ("店里可以堂食吗": 堂食),
// or the event a "has it" question asks about ("地铁2号线今天是不是停运了":
// 停运, which the address entry's metro line does not say).
var modalDeed = regexp.MustCompile(`(?:可以|能不能|可不可以|可否|能)([^\s吗嘛么不]{2,4}?)(?:吗|嘛|么|不)?(?:\s|$)|` +
	`(?:是不是|是否)([^\s吗嘛么不了]{2,4}?)了(?:吗|嘛|么|呢)?(?:\s|$)`)

// unknownDeed returns that deed when none of its characters is in a
// phrasing or an answer and no concept names it: the entry whose other
// words match does not say whether it can be done.
func (x *faqIndex) unknownDeed(norm string) string {
	for _, g := range modalDeed.FindAllStringSubmatch(norm, -1) {
		d := firstGroup(g)
		if happened := g[2] != ""; happened && !strings.ContainsAny(d, "我你您他她它们这那嘛啥") && x.unknownWord(d) {
			return d // "停运" is no dictionary word, and none of it is known
		}
		if cedict.lookup(d) == "" {
			// "寄养狗": the deed is its first word, when that is a verb
			// ("中途退" asks whether one may leave midway: 中途 is no deed)
			if ws, _ := cedict.words(d); len(ws) > 1 && len([]rune(ws[0])) == 2 && strings.HasPrefix(cedict.lookup(ws[0]), "to ") {
				d = ws[0]
			}
		}
		if motion[d] {
			continue // "能过来吗" asks whether someone comes, not a deed of the trade
		}
		// One dictionary word, the deed itself: not "跟我们的", "干嘛".
		if cedict.lookup(d) == "" || strings.ContainsAny(d, "我你您他她它们这那嘛啥") {
			continue
		}
		if x.unknownWord(d) {
			return d
		}
	}
	return ""
}

// motion are the verbs of coming and going, which any trade does.
var motion = map[string]bool{"过来": true, "过去": true, "进来": true, "进去": true, "出来": true, "出去": true,
	"回来": true, "回去": true, "上来": true, "下来": true, "起来": true, "到达": true}

// unknownWord reports whether none of a word's characters is in a
// phrasing or an answer and no concept names it.
func (x *faqIndex) unknownWord(w string) bool {
	for _, r := range w {
		if _, k := x.idfs[string(r)]; k || x.vocab[string(r)] {
			return false
		}
	}
	return !namesConcept(w)
}

// condition finds a state the sender is in before asking whether they may
// still ("怀孕了还能打水光针吗": 怀孕).
var condition = regexp.MustCompile(`(?:^|\s)(\p{Han}{2,4}?)了(?:还|也)?(?:能|可以|可不可以|能不能)`)

// unknownCondition returns that state when it is one dictionary word the
// FAQ knows nothing of: whether one may in that state is for a person.
func (x *faqIndex) unknownCondition(norm string) string {
	g := condition.FindStringSubmatch(norm)
	if g == nil {
		return ""
	}
	ws, _ := cedict.words(g[1])
	if len(ws) == 0 {
		return ""
	}
	w := ws[len(ws)-1]
	if len([]rune(w)) < 2 || cedict.lookup(w) == "" || !x.unknownWord(w) {
		return ""
	}
	return w
}

// namesConcept reports whether a phrase holds a concept's word.
func namesConcept(s string) bool {
	for k := range features(s) {
		if k[0] == '#' {
			return true
		}
	}
	return false
}

// namedElsewhere returns the Latin word (a product, a model, a brand) of a
// Chinese message that some entry has and f lacks: such a word names what
// is asked about, and an entry without it answers something else.
func (x *faqIndex) namedElsewhere(norm string, f *crm.FAQ) string {
	if f == nil || !hasHan(norm) || !strings.ContainsAny(norm, "abcdefghijklmnopqrstuvwxyz") {
		return ""
	}
	for k := range features(norm) {
		if strings.HasPrefix(k, "w:") && len(x.postings[k]) > 0 && !x.entryHas(f, k) {
			return k
		}
	}
	return ""
}

// amountOf finds what a "how much" question counts ("多少卡路里": calories).
var amountOf = regexp.MustCompile(`多少(\p{Han}{2,4}?)(?:啊|呀|呢|吗|嘛)?$`)

// unknownAmount returns that unit when it is a dictionary word none of
// whose pairs a phrasing has and no concept names: the entry that gives
// the price does not count calories.
func (x *faqIndex) unknownAmount(norm string) string {
	g := amountOf.FindStringSubmatch(strings.ReplaceAll(norm, " ", ""))
	if g == nil {
		return ""
	}
	u := g[1]
	if cedict.lookup(u) == "" || namesConcept(u) || x.vocab[u] {
		return ""
	}
	rs := []rune(u)
	for i := 0; i+1 < len(rs); i++ {
		if _, known := x.idfs[string(rs[i:i+2])]; known {
			return ""
		}
	}
	return u
}
