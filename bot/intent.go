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
	`|not (a |the )?(bot|robot)|stop (the )?(bot|robot)|no (more )?(bots?|robots?)\b|(don ?t|do not) want (a |the |your )?(bot|robot)`)

// staff are the people a follower of a shop, hotel, school or clinic asks
// for by their role: "叫你们店长来", "我要跟前台说话", "让老师给我回个电话".
const staff = `前台|店长|老板|领导|师傅|技术员|技术人员|工程师|顾问|课程顾问|老师|医生|管家|导购|客户经理`

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
var demand = regexp.MustCompile(`(给我|帮我)退|退给我|(马上|立刻|立即|赶紧|赶快|现在就)(给我)?退|把钱退|还我钱|退我钱|^我要退(\p{Han}{0,2}[^吗么嘛呢])?$`)

// complaint returns the word that makes the message a complaint or a
// demand.
func complaint(norm string) string {
	if w := demand.FindString(strings.ReplaceAll(norm, " ", "")); w != "" {
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
var ownPast = regexp.MustCompile(`我(们|家)?(昨天|前天|今天|上周|上个月|上次|刚才|刚刚|之前|早上|前几天|上礼拜)?` +
	`(在你们这|在你们那|在你们店)?(约|预约|订|预订|买|下单|报名|报|交|付|寄|送修|送|办|拍|租)(了)?的`)

// ownAsk asks a fact of that record (when, where, how far along), or
// recalls one ("是几点来着").
var ownAsk = regexp.MustCompile(`几点|什么时候|到哪|在哪|怎么样了|好了没|好了吗|进度|安排|确认|来着|到了没|到了吗|还没|没有$|了没$`)

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
