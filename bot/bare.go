package bot

import (
	"regexp"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// A question of one everyday topic and nothing else — the opening hours
// ("礼拜天开门伐", "过年开门吗", "国庆节放假你们开门吗"), paying ("支付宝能用不",
// "能刷信用卡吗"), an invoice ("能开专票不") — names the topic's concept and
// little else, and covers little of an entry written "营业时间是几点到几点？":
// scored like any other message it stays under the threshold, alone. When
// one entry's question names the topic, such a message is that entry's.

// bareTopic is one such topic: its concept, and what a question of it
// holds besides the concept (the day asked about, the verb of paying or
// issuing).
type bareTopic struct {
	group  int
	filler *regexp.Regexp
}

// askFiller is what any such question may hold: the business, the asker's
// politeness, the particles.
const askFiller = `你们|你|您|侬|店里|门店|店|请问|问一下|问下|想问|老板|亲|还|也|都|有没有|有|能不能|能|可不可以|可以|行不行|行|` +
	`吗|嘛|么|呢|啊|呀|哦|伐|不|没|吧|了|的|哈|喔|\s+`

// englishFiller is the same in English: "are you open on sundays",
// "can i pay with alipay".
var englishFiller = regexp.MustCompile(`\b(are|is|do|does|can|could|will|would|you|your|guys|u|r|we|i|on|at|in|the|a|an|it|` +
	`still|also|during|over|for|this|next|today|tomorrow|tonight|(sun|mon|tues|wednes|thurs|fri|satur)days?|weekends?|holidays?|` +
	`late|early|what|time|please|hi|hello|pay|paying|take|accept|use|by|with|issue|get|give|provide)\b|\s+`)

var bareTopics = []bareTopic{
	{conceptGroup(conceptKey("营业时间")), regexp.MustCompile(`今天|明天|后天|今晚|明晚|周末|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|` +
		`过年|春节|大年三十|除夕|大年初[一二三四五六七八九十]|初[一二三四五六七八九十]|国庆节?|元旦|五一|十一|中秋节?|端午节?|清明节?|节假日|节日|假期|放假|` +
		`晚上|早上|上午|中午|下午|凌晨|半夜|夜里|平时|工作日|期间|那天|当天|这几天|\d+点半?|[一二三四五六七八九十两]+点半?|几点|最晚|最早|照常|正常|` +
		// "几点关门" leaves 门 beside the term 几点关; "下班过去还来得及不" asks the closing time
		`门|开|一般|过去|过来|还来得及|来得及|赶得上|` + askFiller)},
	{conceptGroup(conceptKey("付款")), regexp.MustCompile(`用|刷|付|收|扫|直接|给钱|钱|` + askFiller)},
	{conceptGroup(conceptKey("发票")), regexp.MustCompile(`开|给|要|提供|公司|单位|报销|用|要票|票|在哪里|在哪儿|在哪|哪里|哪儿|` + askFiller)},
	{conceptGroup(conceptKey("运费")), regexp.MustCompile(`多少钱|多少|怎么算|怎么收|收|要|算|` + askFiller)},
	{conceptGroup(conceptKey("停车")), regexp.MustCompile(`方便|好|免费|收费|要钱|地方|停哪儿|停哪|哪儿|哪里|够不够|够|开车|过去|过来|` + askFiller)},
	{conceptGroup(conceptKey("预约")), regexp.MustCompile(`需要|要|提前|先|怎么|如何|在哪里|在哪|哪里|必须|一定|` + askFiller)},
}

// howFiller is what a yes-no or how question of a topic holds besides it:
// not the kind of answer ("多久", "多少钱"), which the topic's entry may not
// give.
const howFiller = `要|需要|用|给|收|提供|办|办理|申请|怎么|如何|支持|` + askFiller

func init() {
	// the address, sent or told ("地址发下")
	bareTopics = append(bareTopics, bareTopic{conceptGroup(conceptKey("地址")),
		regexp.MustCompile(`发一下|发下|发个|发|给我|告诉|说下|说一下|是|什么|在哪里|在哪儿|哪里|在哪|哪儿|具体|详细|定位|哪个|怎么搜|咋个搜|咋搜|搜什么|搜啥|` + askFiller)})
	// cancelling or moving a booking, and what it costs ("临时取消会扣钱吗")
	for _, first := range []string{"取消", "改期"} {
		bareTopics = append(bareTopics, bareTopic{conceptGroup(conceptKey(first)),
			regexp.MustCompile(`临时有事|有事|临时|扣钱|扣费|收费|要钱|手续费|扣|会|约好|约了|咋整|怎么办|要是|如果|多少|订单|` + howFiller)})
	}
	// why the thing goes back ("没拆封 不想要了能退吗", "戴不惯可以退货吗")
	const unwanted = `还没拆封|没拆封|不拆封|不喜欢|不想要了|不想要|不合适|[戴用喝吃穿]?不惯|买了|买的|退返|`
	for _, first := range []string{"退款", "退货"} {
		bareTopics = append(bareTopics, bareTopic{conceptGroup(conceptKey(first)), regexp.MustCompile(unwanted + howFiller)})
	}
	for _, first := range []string{"优惠", "保修", "电话", "会员", "安装", "试用", "分期", "押金", "接送", "无线网", "早餐", "发货", "快递"} {
		bareTopics = append(bareTopics, bareTopic{conceptGroup(conceptKey(first)), regexp.MustCompile(howFiller)})
	}
}

// onlyAsks returns the bare topic a normalized Chinese message asks of and
// nothing else, or -1.
func onlyAsks(norm string) int {
	terms := termsIn(norm)
	for i, bt := range bareTopics {
		found := false
		rest := norm
		for _, t := range terms {
			if ct := conceptTerms[t]; ct.group == bt.group && !ct.latin {
				found = true
				rest = strings.ReplaceAll(rest, ct.term, " ")
			} else if ct.group == bt.group {
				found = true
				rest = strings.ReplaceAll(padded(rest), " "+ct.term+" ", " ")
			}
		}
		if !found && bt.group == addressGroup && whereAsked.MatchString(norm) {
			found = true // "你们店在哪里": where the business is, with no word for its address
		}
		if !found {
			continue
		}
		if strings.TrimSpace(bt.filler.ReplaceAllString(englishFiller.ReplaceAllString(rest, " "), "")) == "" {
			return i
		}
	}
	return -1
}

// bareEntries finds, for each bare topic, the one entry whose question
// names it (-1 when none or several do).
func (x *faqIndex) bareEntries() []int {
	byGroup := map[int]int{} // concept group → the entry naming it, or -2 for several
	for i, f := range x.entries {
		for _, t := range termsIn(normalize(f.Question)) {
			ct := conceptTerms[t]
			if ct.latin {
				continue
			}
			if e, seen := byGroup[ct.group]; !seen {
				byGroup[ct.group] = i
			} else if e != i {
				byGroup[ct.group] = -2
			}
		}
	}
	out := make([]int, len(bareTopics))
	for b, bt := range bareTopics {
		out[b] = -1
		if e, ok := byGroup[bt.group]; ok && e >= 0 {
			out[b] = e
		}
	}
	return out
}

// bareEntry returns the entry a message that asks of a bare topic only is
// for, or nil.
func (x *faqIndex) bareEntry(norm string) *crm.FAQ {
	if b := onlyAsks(norm); b >= 0 && x.bare[b] >= 0 {
		return x.entries[x.bare[b]]
	}
	return nil
}

// addressGroup is the concept of the business's address.
var addressGroup = conceptGroup(addressKey)

// whereAsked asks where, in Chinese.
var whereAsked = regexp.MustCompile(`在哪|哪里|哪儿`)

// bareClause returns the address entry when one clause of a message of
// several asks the address only, or nil: the other clauses say why ("我要
// 打车过来"), and other topics' clauses are often conditions of the
// question ("我在泉州，能给我发快递不，运费多少").
func (x *faqIndex) bareClause(norm string) *crm.FAQ {
	cs := strings.Fields(norm)
	if len(cs) < 2 || !hasHan(norm) || strings.IndexFunc(norm, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 {
		return nil // Latin words split a clause too ("在哪里yuyue啊")
	}
	var found *crm.FAQ
	for _, c := range cs {
		if !hasHan(c) {
			continue
		}
		if b := onlyAsks(c); b >= 0 && bareTopics[b].group == addressGroup && x.bare[b] >= 0 {
			e := x.entries[x.bare[b]]
			if found != nil && found != e {
				return nil
			}
			found = e
		}
	}
	return found
}
