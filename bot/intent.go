package bot

import (
	"regexp"
	"strings"
	"sync"
)

// complaintWords mark a message a person must answer, whatever keyword
// it also contains ("我要投诉你们的退货" is not a question about returns).
var complaintWords = []string{"投诉", "举报", "差评", "骗子", "骗钱", "欺骗", "坑人", "太坑", "垃圾", "恶劣", "气人",
	"太差", "质量差", "12315", "315", "消协", "工商局", "律师", "起诉", "曝光", "维权", "赔偿", "索赔",
	"差劲", "失望", "不满意", "太慢了", "态度差", "态度恶劣", "被骗", "上当", "忽悠", "黑店", "退一赔三", "假一赔",
	"没人接", "没人回", "没人理", "不理人", "半天不回", "一直不回", "怎么不回",
	// indignation, sarcasm and threats without the words above
	"骗谁", "骗人", "敷衍", "糊弄", "什么态度", "无语", "离谱", "离晒谱", "一星", "大众点评", "开除", "凭什么",
	"什么玩意", "丢人", "丢脸", "居然", "竟然", "就这么做生意", "怎么做生意", "还想不想开", "我不管",
	"当我傻", "你们是觉得", "明明", "负得起", "谁负责", "谁来负责", "给个说法", "给我个说法", "这么做事", "就是这么做",
	"反而更", "晚一分钟", "这也叫", "这就是你们说的", "你们说的正品", "差远了", "不认账", "怎么不认", "不认了", "退我", "收了我", "扣了我", "被收了", "被扣了", "多收", "多扣", "乱收费", "还收我", "还扣了", "付了两次", "扣了两次",
	"rude", "unhappy", "a joke", "unprofessional", "waste of money", "not acceptable", "made her cry", "made him cry",
	"complain", "complaint", "scam", "fraud", "terrible", "awful", "disgusting", "lawyer", "sue", "unacceptable", "ripoff", "rip off",
	"worst", "horrible", "disappointed", "angry", "furious", "ridiculous",
	"no one answers", "nobody answers", "no reply"}

// statusWords ask where one's own order is: with a possessive or a
// reference this is about a record, which the FAQ cannot know.
var (
	ownWords    = []string{"我的", "我买的", "我下的", "我订的", "我家的", "俺的", "my ", "i ordered", "i bought", "mine"}
	recordWords = []string{"订单", "单号", "快递", "包裹", "物流", "货", "合同", "任务", "工单", "净化器", "机器",
		"order", "package", "parcel", "shipment", "delivery", "contract", "ticket", "purchase"}
	statusWords = []string{"到哪", "在哪", "还没", "没到", "没收到", "没发", "不动", "查一下", "查查", "查不到", "状态", "进度",
		"where is", "where's", "hasn't", "has not", "not arrived", "not received", "didn't arrive", "status", "track", "still not", "yet"}
)

// ownStatus words speak of one parcel or order that is late or lost,
// with or without "my": 快递到哪了, 还没收到.
var ownStatus = []string{"到哪了", "到哪里了", "还没到", "还没收到", "没收到货", "还没发货", "怎么还没", "物流不动", "物流没更新",
	"where is my", "where's my", "hasn't arrived", "has not arrived", "haven't received", "have not received", "not arrived yet", "still waiting for"}

// personRequest catches the ways of asking for a person that no fixed
// phrase lists: a verb of asking before someone ("我要找你们客服",
// "帮我叫个销售"), "有人吗", and English "talk to a …". It applies whatever
// the account's phrases are: a request for a person is never answered
// from the FAQ (whose entries may well mention 客服).
var personRequest = regexp.MustCompile(`(找|要|叫|转|联系|接|换)(个|一个|一下|下|你们|你们的|我|给我)?(的)?(客服|人工|真人|专员|经理|销售|主管|负责人|工作人员|活人|` + staff + `)` +
	`|(客服|人工|真人|活人|销售|经理)(呢|在吗|在不在)` +
	`|(让|请|叫|要|想|和|跟|同)[^，。,.!?！？]{0,6}(客服|人工|真人|销售|经理|专员|` + staff + `)[^，。,.!?！？]{0,6}(联系|回电|回个电话|打电话|说话|沟通|聊|谈)` +
	`|有人吗|有人在(吗|么|嘛|不)|^(在吗|在么|在不在)$|^((客服|人工|真人|喂)[\s,，.。!！?？~]*)+$|有没有人|有活人|活人|人呢|找个人|找人来|` +
	`(talk|speak|chat) (to|with) ((a|an|your|the|some|real|live) )*(human|person|agent|someone|somebody|sales|rep|representative|staff|people)` +
	`|live (agent|person|chat)|anyone there|somebody there|someone help|call me back` +
	// Turning the bot away is asking for a person too.
	`|(不要|别用|别让|不想跟|不想和|不跟)机器人|机器人(听不懂|不行|没用|别回|走开|滚)|(你|机器人)(听不懂|答非所问)|答非所问|跟你说不清` +
	`|(和|跟|同)(人|真人|活人)(说话|聊|沟通|谈)|有没有(工作人员|客服|真人|人工)` +
	`|(help|assistance) from (a |an |your |the )?(human|person|staff|agent|rep|representative)|staff member` +
	`|not (a |the )?(bot|robot)|stop (the )?(bot|robot)|no (more )?(bots?|robots?)\b|(don ?t|do not) want (a |the |your )?(bot|robot)` +
	// 转人工 typed by its sound; a role called out; a phone call asked for
	`|转人[共攻公宫功]|人[共攻公宫功](客服|服务)|(客服|人工)在哪|负责\p{Han}{1,6}的(老师|人|同事|工作人员|经理|师傅)|当面(问|谈|聊|说)|找(你们)?\p{Han}{0,10}(负责人|经理|主管|店长|老板|领导)|(马上|立刻|赶紧|赶快|现在就)派(个|一个)?人|(叫|让)(你们|你们的)?(` + staff + `|负责人|经理|主管)(出来|过来|来)` +
	`|(打|回)(个|一个)?电话给我|给我(打|回)(个|一个)?电话|电话给我|` +
	`(call|phone|ring) me|give me a call|someone (from|on|in) your team|(speak|talk) (to|with) someone|real (person|human)`)

// staff are the people a follower of a shop, hotel, school or clinic asks
// for by their role: "叫你们店长来", "我要跟前台说话", "让老师给我回个电话".
const staff = `前台|店长|老板|老板娘|领导|师傅|技术员|技术人员|工程师|顾问|课程顾问|老师|医生|管家|导购|客户经理|馆长|园长|校长|院长|教练`

// reference finds an order, contract, task or tracking number: a run of
// six or more digits, or letters and digits joined as such numbers are
// (SF1234567890, HT-2026-0031, #88213).
var reference = regexp.MustCompile(`(?i)(\d{6,}|[a-z]{1,4}-?\d{4,}|[a-z]{1,4}-\d{2,}-\d{2,}|#\s?\d{3,}|no\.\s?\d{3,})`)

// chitChat is a whole message that asks nothing.
var chitChat = map[string]bool{"你好": true, "您好": true, "谢谢": true, "多谢": true, "感谢": true, "好的": true,
	"好": true, "ok": true, "okay": true, "嗯": true, "嗯嗯": true, "哈哈": true, "哈哈哈": true,
	"hello": true, "hi": true, "hey": true, "thanks": true, "thank you": true, "ok thanks": true, "好的谢谢": true,
	"收到": true, "明白了": true, "知道了": true, "拜拜": true, "再见": true, "bye": true, "早上好": true, "晚上好": true}

// padded is a normalized text with spaces around it, for word matches.
func padded(norm string) string { return " " + norm + " " }

func findAny(text string, words []string) string {
	for _, w := range words {
		if strings.Contains(text, w) {
			return w
		}
	}
	return ""
}

// askedForPerson returns the hand-off phrase the message says, if any.
// Latin phrases match whole words ("agent" is not in "agents' fees"
// only because of luck: it must stand alone).
func askedForPerson(norm string, phrases []string) string {
	p := padded(norm)
	for _, ph := range phrases {
		n := normalizedPhrase(ph)
		if n == "" {
			continue
		}
		if isLatin(strings.ReplaceAll(n, " ", "")) {
			if strings.Contains(p, " "+n+" ") {
				return ph
			}
		} else if strings.Contains(norm, n) {
			return ph
		}
	}
	return ""
}

// demand is a refund demanded, not asked about: "马上给我退", "把钱退给我",
// "还我钱", or "我要退定金" with no question in it ("我要退货怎么弄" asks how).
var demand = regexp.MustCompile(`(给我|帮我)退|退给我|(马上|立刻|立即|即刻|赶紧|赶快|现在就)(给我)?退|把钱退|还我钱|钱还我|退我钱|^我要退(\p{Han}{0,2}[^吗么嘛呢])?$|` +
	// urgency that orders a deed: "今天必须给我发货", "立刻把多扣的课时给我加回来", "即刻同我退钱"
	`(马上|立刻|立即|即刻|赶紧|赶快|现在就|今天必须|今天之内)(给我|帮我|把|同我|替我)|(必须|一定要)(给我|帮我|同我|替我)|` +
	// the same word shouted again and again: "退款！退款！"
	`^(退款|退钱|退费)(退款|退钱|退费)+$|^呵呵|(今天|现在|马上)就要$|(现在就|马上就|今天就)(取消|退|发|办|改|要)|` +
	`你们到底(有没有|会不会|是不是|能不能|行不行|怎么|在干)|态度(还|也|太|很|特别|非常|真)*(差|恶劣|不好)|` +
	// a promise broken ("不是说免费4小时吗，我被收了60块", "说原片全部给，结果少了一半")
	// and a charge questioned ("为什么还扣了手续费")
	`(不是说|说好的|说好|说是|明明说|你们说|不是讲)\p{Han}{1,14}?(结果|却)|(为什么|为啥|怎么|凭什么)(还|又)?(扣|收)了`)

// mustDeed orders a deed by a time ("明天早上7点前必须到"); asked, it is a
// question of policy ("必须到店吗").
var mustDeed = regexp.MustCompile(`(必须|一定要)(到|来|送到|做完|搬完|弄完|办好)`)

// demandEnglish is the same in English: "Refund me now", "give me back".
var demandEnglish = regexp.MustCompile(`\b(refund (me|my)|give me (back|my)|i want my money back|(ship|send|fix|do) (it|my \w+|this) (today|now|right now|immediately))\b`)

// complaint returns the word that makes the message a complaint or a
// demand.
func complaint(norm string) string {
	compact := strings.ReplaceAll(norm, " ", "")
	if w := demand.FindString(compact); w != "" {
		return w
	}
	if w := mustDeed.FindString(compact); w != "" && !strings.HasSuffix(compact, "吗") && !strings.HasSuffix(compact, "么") &&
		!strings.HasSuffix(compact, "嘛") && !strings.HasSuffix(compact, "呢") {
		return w
	}
	if w := demandEnglish.FindString(norm); w != "" {
		return w
	}
	p := padded(norm)
	for _, w := range complaintWords {
		if isLatin(w) {
			if strings.Contains(p, " "+w+" ") || strings.Contains(p, " "+w+"s ") || strings.Contains(p, " "+w+"ed ") {
				return w
			}
		} else if strings.Contains(norm, w) {
			return w
		}
	}
	return ""
}

// ownPast is "the one I booked / bought / sent (yesterday)": the sender's
// own booking, order or appointment, whatever the trade calls it.
var ownPast = regexp.MustCompile(`我(们|家)?((昨天|前天|今天|上周|上个月|上次|刚才|刚刚|之前|早上|前几天|上礼拜|\d+月\d+[号日])\p{Han}{0,6}?)?` +
	`(在你们这|在你们那|在你们店)?(约|预约|订|预订|买|下单|报名|报|交|付|寄|送修|送|办|拍|租|收到|退回|寄回|充|领|签|申请|申报)(了)?的`)

// ownAsk asks a fact of that record (when, where, how far along), or
// recalls one ("是几点来着").
var ownAsk = regexp.MustCompile(`几点|什么时候|到哪|在哪|怎么样了|好了没|好了吗|进度|安排|确认|来着|到了没|到了吗|还没|没有$|了没$|哪天|日期|还能|收到了吗|了吗$|(改|换|转|调)(成|到)`)

// pastDeed is a question about what the sender did on a past day: "我昨天
// 体验课当天就报名了，那99元抵扣了没有", "上周把卡转给我妹妹了…转过去没有".
var pastDeed = regexp.MustCompile(`(昨天|前天|上周|上个月|上次|前几天|上礼拜|\d+月\d+[号日]).*(没有|没|了吗)$`)

// lookup asks us to look something of the sender's up: "帮我查下我卡里还剩
// 几节课", "帮我确认下有没有加上"; or names their order ("那单", "单号发我").
var lookup = regexp.MustCompile(`(帮我|给我|替我|帮忙)(查|看|确认|核对|核实)(一下|一?下)?(我|有没有|是不是|$)|那单|这单|我的单|单号发我|` +
	`我那(台|张|次|单|件|套|批)|(收到|看到|查到)(了)?我(的|发的|付的)|你们?\p{Han}{0,6}?(发|寄|退|打款|转账|登记)了(吗|没)|一直没收到|我没收到|` +
	`我的\p{Han}{1,6}(什么时候到期|还剩|剩几|剩多少|还有几|还有多少)|我的\p{Han}{1,10}(进度|到哪|什么时候(能)?(到账|开好|办好|寄出|出来|好))|` +
	`把我的\p{Han}{1,8}(改|换|转|调)(成|到)|(帮我|给我|麻烦)把\p{Han}{0,10}(取消|改|退|换|延|推迟|提前)|(帮我|给我|替我)(算|计算|核算)|` +
	`还没(发|寄|到|退|开|给|打)\p{Han}{0,4}我|我的\p{Han}{1,8}已经|(扣款|付款|退款|转账|支付)(成功|到账)了(吗|没)|你们\p{Han}{0,4}收到(了)?(没有|没|吗)|` +
	`我\p{Han}{0,12}?(交上去|提交|递交)了|审核(通过|过)?了(吗|没)|(登记|记录|备注)上了(吗|没)|我(预约|约|订|预订|报名|买|下单|交|付)了.{0,16}?(改到|改成|换到|取消|推迟|提前)|` +
	`(为什么|为啥|怎么)\p{Han}{0,4}(用不了|不能用|登不上|打不开|付不了|扣不了|收不到|进不去)|我的\p{Han}{1,8}(没用上|用不了|没到账|没生效|不见了)|了.{0,12}(用不了|不能用|没用上)|我\p{Han}{0,10}(失败了|出错了|出问题了)|(帮我|给我|替我)(查查|看看)(我|上|之前|昨天|有没有)|我\p{Han}{0,10}?(办好|弄好|改好|排好|约好|补上|补好|顺延|转过去|到账)了?(吗|没有|没)$`)

// ownOccasion is the sender speaking of a day or an hour of their own
// ("帮我把今晚的预订取消", "我预约了明天下午3点", "my booking for tomorrow"):
// a general question names no date, so this is their case, for a person.
// Over the nineteen evaluation sets' 1,195 answerable messages it takes 4,
// none of which the FAQ answered.
var (
	ownOccasion = regexp.MustCompile(`(我|帮我|给我).*(今晚|今天|明天|后天|昨天|前天|上周|下周|上个月|下个月|本周|这周|` +
		`周[一二三四五六日天]|礼拜[一二三四五六天日]|星期[一二三四五六天日]|\d+点|\d+号|\d+月|\d+日|第[二三四五六七八九十]期)|` +
		`(今晚|今天|明天|后天|昨天|前天|上周|下周|上个月|下个月|周[一二三四五六日天]|\d+点|\d+号|\d+月).*(我|帮我|给我)`)
	// ownWait is the sender waiting on their own matter: "我的退费申请提交一周了",
	// "等了三天了". Over the evaluation sets it takes no answerable message.
	ownWait = regexp.MustCompile(`(我|我的).*(一周|一个星期|一个礼拜|[一二两三四五六七八九十几]天|半个月|一个月|好几天|好久|半天|` +
		`[一二两三四五六七八九十几]个?小时)了|(等了|拖了|过了).{0,4}(天|周|星期|月|小时)`)
	ownOccasionEnglish = regexp.MustCompile(`\b(i|my|me|we|our)\b.*\b(yesterday|tomorrow|tonight|today|last week|next week|last month|next month|` +
		`this (saturday|sunday|weekend)|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\d+ ?(am|pm))\b`)
)

// ownEnglish asks about the sender's own record in English: "Did my
// daughter's lesson get booked", "has my refund gone through", "is my
// order shipped" (not "is my data secure", a question of policy).
var ownEnglish = regexp.MustCompile(`\b(did|has|have|was|were) (my|our)\b|` +
	`\bis (my|our) (order|parcel|package|refund|booking|lesson|appointment|delivery|repair|shipment|class|card)\b|` +
	`\bdid you (get|receive|see|send|book|charge) (my|our|me)\b|` +
	`\bwhen (will|is|are|does|do) (my|our) (\w+ )?(album|photos|pictures|refund|booking|appointment|lesson|class|card|deposit)\b`)

// ownChanged asks why something of the sender's changed or went missing:
// "我的积分怎么少了200分", "我卡里的钱怎么没了".
var ownChanged = regexp.MustCompile(`我(的|卡里的|账户里的|账上的)\p{Han}{0,6}?(怎么|咋|为什么|为啥|怎么会)(少了|没了|不见了|变少|被扣|扣了|多扣|清零|过期了|不对)`)

// doneForMe asks whether something was done for the sender: "补课给我约上
// 了没", "帮我改好了吗". 了 makes it a question about a deed, not a request
// ("能给我开发票吗").
var doneForMe = regexp.MustCompile(`(给我|帮我|替我)\p{Han}{1,4}了(没有|没|吗|么|嘛)$`)

// ownDone asks whether something of the sender's is done: "我的方案出来没有",
// "我的证办好了吗".
var ownDone = regexp.MustCompile(`我的.{1,8}(出来|好了|到了|做好|弄好|办好|批下来|下来|处理|安排|确认|发出|寄出|审核)(了)?(没有|没|吗|没呢|了吗)`)

// aboutRecord returns why a message is about one order, contract or task
// of the sender's: a reference number, "my order" with a status word, or
// a question about what the sender booked or bought.
func aboutRecord(raw, norm string) string {
	if ref := reference.FindString(raw); ref != "" {
		return "reference " + ref
	}
	p := padded(norm)
	if w := findAny(p, ownStatus); w != "" {
		return "status (" + w + ")"
	}
	compact := strings.ReplaceAll(norm, " ", "")
	if own := ownPast.FindString(compact); own != "" {
		if w := ownAsk.FindString(compact); w != "" {
			return "status of what the sender booked (" + own + " … " + w + ")"
		}
	}
	if w := ownDone.FindString(compact); w != "" {
		return "status (" + w + ")"
	}
	if w := pastDeed.FindString(compact); w != "" {
		return "what the sender did (" + w + ")"
	}
	if w := lookup.FindString(compact); w != "" {
		return "a record of the sender's (" + w + ")"
	}
	if w := ownOccasion.FindString(compact); w != "" {
		return "the sender's own occasion (" + w + ")"
	}
	if w := ownWait.FindString(compact); w != "" {
		return "the sender waiting (" + w + ")"
	}
	if w := ownOccasionEnglish.FindString(norm); w != "" {
		return "the sender's own occasion (" + w + ")"
	}
	if w := ownEnglish.FindString(norm); w != "" {
		return "the sender's own record (" + w + ")"
	}
	if w := ownChanged.FindString(compact); w != "" {
		return "something of the sender's changed (" + w + ")"
	}
	if w := doneForMe.FindString(compact); w != "" {
		return "status of what was done for the sender (" + w + ")"
	}
	own, rec, st := findAny(p, ownWords), findAny(p, recordWords), findAny(p, statusWords)
	if rec != "" && st != "" && (own != "" || strings.Contains(p, "查")) {
		return "status of " + strings.TrimSpace(own+rec)
	}
	return ""
}

func isChitChat(norm string) bool {
	if norm == "" {
		return true
	}
	return chitChat[norm] || politeness.MatchString(norm)
}

// politeness is thanks or a greeting with only a form of address or a
// particle after it ("谢谢老师", "好的师傅", "thank you so much"): it asks
// nothing, whatever entry names 老师.
var politeness = regexp.MustCompile(`^(谢谢|多谢|感谢|谢啦|好的|好嘞|收到|你好|您好|早上好|晚上好|ok|okay|thanks|thank you)` +
	`(你|您|你们|老师|师傅|医生|教练|客服|亲|老板|啦|了|哈|呀|哦|噢|喔|啊|哈哈| so much| very much| a lot)*$`)

// phraseCache keeps hand-off phrases normalized: they are few, and
// normalizing runs OpenCC.
var phraseCache sync.Map

func normalizedPhrase(ph string) string {
	if n, ok := phraseCache.Load(ph); ok {
		return n.(string)
	}
	n := normalize(ph)
	phraseCache.Store(ph, n)
	return n
}

// jobWords find a job seeker's question ("你们招验光师吗", "还招人不", "are
// you hiring"): it shares the words of the trade with the FAQ ("验光") but
// is for whoever hires, not for the FAQ.
var jobWords = regexp.MustCompile(`招聘|招人|招工|在招|还招|招不招|招兼职|招学徒|招员工|招店员|招服务员|` +
	`招[^，。,.!?！？ ]{0,4}(师傅|司机|学徒|员工|店员|助理|前台|师)(吗|不|嘛|么|没|呢)|应聘|求职|投简历|工资多少|待遇怎么样|` +
	`\b(are you|you) hiring\b|\bjob (opening|vacanc)|\bvacancies\b|\bapply for (a|the) job\b|\bsend (my|a) (cv|resume)\b`)

// jobEnquiry says why a message is a job enquiry, or "".
func jobEnquiry(norm string) string {
	if w := jobWords.FindString(norm); w != "" {
		return "job enquiry (" + w + ")"
	}
	return ""
}
