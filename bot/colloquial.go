package bot

import (
	"regexp"
	"strings"
)

// colloquial rewrites regional and spoken forms into standard written
// Mandarin, after traditional characters are simplified: Cantonese (有冇,
// 几多钱, 咩, 嘅), South-western Mandarin (好多钱, 咋个, 没得) and Northern
// (俺, 啥). An FAQ is written in the standard forms, and a follower in
// Hong Kong or Chengdu asks the same question in theirs. Longer forms come
// first: the replacer tries its patterns in order at each position. These
// are facts of the languages, not of any one FAQ. A single character maps
// only where Mandarin does not use it (系 does: 联系).
var colloquial = strings.NewReplacer(
	// Cantonese
	// 有冇得租 asks whether one can rent ("有得X" is "X can be had").
	"有冇得", "能", "有冇", "有没有", "系唔系", "是不是", "系咪", "是不是", "唔系", "不是", "唔该", " ",
	"几多钱", "多少钱", "几多", "多少", "几耐", "多久", "乜嘢", "什么", "咩嘢", "什么", "咩", "什么",
	// Mandarin words that hold a Cantonese pair stay (海边度假, 一点样品).
	"边度假", "边度假", "点样品", "点样品",
	"点样", "怎么", "点解", "为什么",
	// 点 before a verb of doing asks how ("点约", "点book", "点计"); 点歌, 点菜,
	// 点外卖 order things and stay
	"点约", "怎么约", "点订", "怎么订", "点搞", "怎么搞", "点去", "怎么去", "点走", "怎么走", "点计", "怎么算",
	"点收费", "怎么收费", "点报名", "怎么报名", "点预约", "怎么预约", "点book", "怎么book", "点付", "怎么付", "点退", "怎么退", "边度", "哪里", "边个", "哪个", "边间", "哪家",
	"冇", "没有", "嘅", "的", "啲", "些", "唔", "不", "喺", "在", "嘢", "东西", "俾", "给", "畀", "给", "佢", "他",
	"咁", "这么", "搵", "找", "睇", "看", "咗未", "了没", "咗", "了", "听日", "明天", "琴日", "昨天", "下昼", "下午", "朝早", "早上", "好未", "好了没", "落单", "下单",
	"你哋", "你们", "我哋", "我们", "佢哋", "他们", "而家", "现在", "几时", "什么时候", "使唔使", "要不要", "得唔得", "可不可以", "得不得", "可不可以",
	"收铺", "关门", "开铺", "开门", "点算", "怎么办", "啱唔啱", "对不对", "啱", "对",
	// Shanghainese (Wu): 侬 you, 阿拉 we, 伐 the question particle, 铜钿
	// money (洋钿 too), 辰光 time, 讲好 agreed, 今朝 today, 搿搭 here, 覅 don't
	"侬拉", "你们", "侬伲", "你们", "侬", "你", "阿拉", "我们", "几钿", "多少钱", "铜钿", "钱", "啥辰光", "什么时候", "辰光", "时候",
	"洋钿", "钱", "讲好", "说好", "开辣", "开在", "辣啥地方", "在哪里", "勒啥地方", "在哪里", "勒哪", "在哪", "开勒", "开在", "住勒", "住在", "今朝", "今天", "明朝", "明天", "搿搭", "这里", "搿", "这", "覅", "不要", "哪能", "怎么", "啥地方", "哪里",
	// South-western and Northern Mandarin
	"好多钱", "多少钱", "咋个", "怎么", "咋样", "怎么样", "咋", "怎么", "啥子", "什么", "啥", "什么",
	"没得", "没有", "俺", "我",
	// 钟头 is the hour in Northern speech and Cantonese (几个钟头, 鐘頭).
	"钟头", "小时",
	// 唱K is singing karaoke
	"唱k", "唱歌", "唱K", "唱歌",
)

// moneyRice is money asked as 米 (internet slang: "多少米", "几个米") or typed
// by its sound as 前 ("多少前"): asked of a price, never of metres, unless
// the message speaks of a distance or a size ("离地铁多少米", "多少米长").
var (
	moneyRice  = regexp.MustCompile(`(多少|几个|几多)米`)
	moneyFront = regexp.MustCompile(`(多少|几多)前`)
	measured   = regexp.MustCompile(`离|距离|远|近|高|长|宽|深|面积|平方|米长|米宽|米高`)
)

// moneySlang writes those as 多少钱.
func moneySlang(s string) string {
	s = moneyFront.ReplaceAllString(s, "多少钱")
	if !measured.MatchString(s) {
		s = moneyRice.ReplaceAllString(s, "多少钱")
	}
	return s
}

// whereToDo is "where do I order" (在哪下单, 去哪报名): it asks how to do it,
// on which menu or page, not for a street address.
var whereToDo = regexp.MustCompile(`(?:在哪里|在哪儿|在哪|去哪里|去哪儿|去哪|哪里能|哪里可以|哪儿能|哪儿可以)(下单|预约|约|报名|购买|买|订购|预订|订|付款|缴费|交费|办卡|办理|充值|挂号|登记|注册|申请)`)

// aNotA turns a question that ends in 不 ("能报不", "要收费不": spoken
// for 能报吗) into the 吗 question it means.
func aNotA(s string) string {
	rs := []rune(s)
	if n := len(rs); n >= 2 && rs[n-1] == '伐' && !strings.ContainsRune("砍采征讨步杀", rs[n-2]) {
		// Shanghainese asks with 伐 where Mandarin says 吗 ("要铜钿伐");
		// 砍伐, 步伐 are Mandarin words.
		rs[n-1] = '吗'
		return string(rs)
	}
	if n := len(rs); n >= 3 && rs[n-1] == '不' && rs[n-2] != '不' && rs[n-2] != '了' {
		rs[n-1] = '吗'
		return string(rs)
	}
	return s
}

// potential turns Cantonese's "can one do it" (开唔开到发票, 送唔送到: the
// verb, 唔, the verb again, 到) into Mandarin's 能开发票, 能送: read as "开不开"
// it would ask whether a shop is open.
func potential(s string) string {
	if !strings.Contains(s, "唔") {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		if i+3 < len(rs) && rs[i+1] == '唔' && rs[i+2] == rs[i] && rs[i+3] == '到' {
			out = append(out, '能', rs[i])
			i += 3
			continue
		}
		out = append(out, rs[i])
	}
	return string(out)
}
