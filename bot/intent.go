package bot

import (
	"regexp"
	"strings"
	"sync"
)

// complaintWords mark a message a person must answer, whatever keyword
// it also contains ("我要投诉你们的退货" is not a question about returns).
var complaintWords = []string{"投诉", "举报", "差评", "骗子", "骗钱", "欺骗", "坑人", "太坑", "恶劣", "气人",
	"太差", "质量差", "12315", "315", "消协", "找工商局", "去工商局", "告到工商局", "向工商局", "工商局投诉", "律师", "起诉", "曝光", "维权", "赔偿", "索赔",
	"差劲", "失望", "不满意", "气死我", "气死了", "一拖再拖", "真是好样的", "推三阻四", "推来推去", "踢皮球", "耍人", "耍我", "等到哪年", "猴年马月", "天天催我", "一直催我", "老催我", "又催我", "太慢了", "态度差", "态度恶劣", "被骗", "上当", "忽悠", "黑店", "退一赔三", "假一赔",
	"没人接", "电话也不接", "电话都不接", "也不接电话", "都不接电话", "没人回", "没人理", "不理人", "半天不回", "一直不回", "一直没回", "没回我", "怎么不回",
	// indignation, sarcasm and threats without the words above
	"骗谁", "骗人", "虚假宣传", "虚假广告", "夸大宣传", "敷衍", "糊弄", "什么态度", "无语", "离谱", "离晒谱", "大众点评", "开除", "凭什么",
	"什么玩意", "丢人", "丢脸", "居然", "竟然", "就这么做生意", "怎么做生意", "还想不想开", "我不管",
	"当我傻", "你们是觉得", "这就是你们的", "明明", "负得起", "谁负责", "谁来负责", "给个说法", "给我个说法", "这么做事", "就是这么做",
	"反而更", "晚一分钟", "这也叫", "这就是你们说的", "你们说的正品", "差远了", "不认账", "怎么不认", "不认了", "退我", "收了我", "扣了我", "被收了", "被扣了", "多收", "多扣", "乱收费", "还收我", "还扣了", "付了两次", "扣了两次",
	"长见识", "见识了", "清清楚楚", "白纸黑字", "白跑", "白写", "白交", "白付", "白等", "白花", "白买", "白拿了", "白排了", "白去了", "白行一趟", "白来一趟", "没人通知", "也不通知", "都不通知", "不提前通知", "也没提前通知",
	"到底什么情况", "到底怎么回事", "这怎么回事", "这是怎么回事", "到底什么意思", "算怎么回事", "这算什么", "又扣了", "又收了", "凶我", "骂我", "吼我",
	"rude", "unhappy", "a joke", "unprofessional", "waste of money", "not acceptable", "made her cry", "made him cry",
	"complain", "complaint", "scam", "fraud", "terrible", "awful", "disgusting", "lawyer", "sue", "unacceptable", "ripoff", "rip off",
	"worst", "horrible", "disappointed", "angry", "furious", "ridiculous",
	"no one answers", "nobody answers", "no reply"}

// personRequest catches the ways of asking for a person that no fixed
// phrase lists: a verb of asking before someone ("我要找你们客服",
// "帮我叫个销售"), "有人吗", and English "talk to a …". It applies whatever
// the account's phrases are: a request for a person is never answered
// from the FAQ (whose entries may well mention 客服).
var personRequest = regexp.MustCompile(`(找|要|叫|转|联系|接|换)(个|一个|一下|下)?(你们|你们的|我|给我)?(的)?(客服|人工|真人|专员|经理|销售|主管|负责人|工作人员|活人|` + staff + `)` +
	// one of our people by name: "麻烦联系一下李老师"
	`|(找|叫|联系|转)(一下|下)?(你们|你们的)?\p{Han}(` + staff + `)` +
	`|(客服|人工|真人|活人|销售|经理)(呢|在吗|在不在)` +
	`|(让|请|叫|要|想|和|跟|同)[^，。,.!?！？]{0,6}(客服|人工|真人|销售|经理|专员|` + staff + `)[^，。,.!?！？]{0,6}(联系|回电|回个电话|打电话|说话|沟通|聊|谈)` +
	`|(^|\s)(请问|你好|您好|喂|在吗)?\s?有人吗|(客服|人工|店里|你们)有人吗|有人在(吗|么|嘛|不)|^(在吗|在么|在不在)$|^((客服|人工|真人|喂)[\s,，.。!！?？~]*)+$|有没有人|有活人|活人|人呢|找个人|找人来|` +
	`(talk|speak|chat) (to|with) ((a|an|your|the|some|real|live) )*(human|person|agent|someone|somebody|sales|rep|representative|staff|people)` +
	`|live (agent|person|chat)|anyone there|somebody there|someone help|call me back` +
	// Turning the bot away is asking for a person too.
	`|(不要|别用|别让|不想跟|不想和|不跟)机器人|机器人(听不懂|不行|没用|别回|走开|滚)|(你|机器人)(听不懂|答非所问)|答非所问|跟你说不清` +
	`|(和|跟|同)(人|真人|活人)(说话|聊|沟通|谈)|有没有(工作人员|客服|真人|人工)|(能|可以)?(做主|管事|说了算)的人|` +
	`机器人\p{Han}{0,6}(说来说去|翻来覆去|一直重复|车轱辘|那几句)|机器人.{0,8}(听不懂|看不懂)` +
	// another of our people asked for: "我想换个咨询师", "想换个私教老师"
	`|我?(想|要)换(个|一个|一位|位)\p{Han}{0,4}?(` + staff + `|咨询师|私教|护理师|保姆|阿姨|司机)` +
	// a quote for the sender's own event: "大概30个家庭，能做吗，报价多少"
	`|(\d+|[一二两三四五六七八九十几百]+)\s?(个|位|名)(家庭|人|孩子|小朋友|学生|员工|同事).{0,16}?报(个)?价` +
	// a charge asked to be let off: "这次春节能不能不收那30块加价"
	`|(能不能|可不可以|能否)(不收|免了|免掉|少收|不扣|别扣|少扣)|(能不能|可不可以|能否)(给我|帮我)(优先|插队|留个|留一个)` +
	// an exception asked for: "首次要监护人陪同，这个能商量吗"
	`|(你们|你们的)(负责人|经理|主管|老板|店长)(过来|出来|来一下)|(记者|媒体|报社|电视台)\p{Han}{0,24}采访|采访(一下)?你们` +
	`|(能|可以|能不能|可不可以)(再)?(商量|通融)|` +
	// a proposal, and who makes it: "我是中国银行武侯支行的客户经理，想跟贵所谈一下…业务"
	`(跟|和|与|同)(贵所|贵司|贵店|贵公司|贵院|贵校|贵馆|你们)\p{Han}{0,2}(谈|洽谈|对接|探讨)|^我是\p{Han}{2,20}的(客户经理|业务经理|记者|编辑|业务员|销售经理|招商经理)|` +
	// one of ours called by phone: "你们老板电话多少，有事直接跟他说"
	`(老板|店长|经理|负责人|主管|领导)的?(电话|手机|微信|联系方式)|直接(跟|和|找)(他|她|老板|店长|经理)(说|谈|聊)|` +
	// haggling: "买10箱能不能再便宜点，8折行不行", "能不能再加点", "能给个团体价吗"
	`(能不能|可不可以|能否|可以|能)再(便宜|少|优惠|加|多给)(点|些|一点|一些)|\d{2,}\s?(块|元)?\s?(行不行|行不|行吗|成不成|卖不卖|成交|干不干)|` +
	`(想|要|需要)(提前)?(沟通|商量|对接)(一下|下)|(信息|资料|单据|小票|照片|发票|票据|材料|截图|凭证)\p{Han}{0,2}(发|交|拍|寄)给谁|` +
	`(能不能|可不可以|能否)把\p{Han}{1,6}(免了|免掉|减免|去掉)|(算|收|卖)我\s?\d+|(能不能|可不可以|能否)(以后|今后|每次都|每个月都)|\d+\s?(折|块|元)\s?(行不行|可以吗|行吗|可不可以|卖不卖|卖吗|成交)|` +
	`给(我|我们)?个?(团体价|团购价|批发价|内部价|底价|最低价|实价)|(得|要|必须|总得)有人(负责|出来负责)` +
	// a price offered, or a deal promised on a yes: "人均120行不行，行的话我今天就定了"
	`|人均\s?\d+\s?(块|元)?(行不行|可以吗|行吗|可不可以|能不能做|做不做)|(行|可以|便宜\p{Han}?)的话\p{Han}{0,2}?(今天|现在|马上|明天)?就(定|订|下单|报名|交钱|付款|签)` +
	`|(help|assistance) from (a |an |your |the )?(human|person|staff|agent|rep|representative)|staff member` +
	`|not (a |the )?(bot|robot)|stop (the )?(bot|robot)|no (more )?(bots?|robots?)\b|(don ?t|do not) want (a |the |your )?(bot|robot)` +
	// 转人工 typed by its sound, or in pinyin; a role called out; a phone call asked for
	`|转人[共攻公宫功]|(签个|签|谈)\p{Han}{0,4}合作|找谁(聊|谈|说|问|对接|联系)|(谈|聊)(一下|下|谈|聊)?价格|\b(zhuan ?)?ren ?gong\b|\b(lao ?ban|jing ?li|dian ?zhang|ke ?fu|you ?ren|ren) zai (ma|me|bu)\b|^zai ma\b|\bzhuan ?(ke ?fu|ren)\b|\bzhen ?ren\b|(和|跟|同)(你们的?)?(工作人员|店员|客服人员|同事)\p{Han}{0,4}(沟通|说|聊|谈|联系)|(接|转)\p{Han}{0,4}的?同事|call ?(我|me)|打给我|有没有staff|人[共攻公宫功](客服|服务)|(客服|人工)在哪|负责\p{Han}{1,6}的(老师|人|同事|工作人员|经理|师傅)|当面(问|谈|聊|说)|找(你们)?\p{Han}{0,10}(负责人|经理|主管|店长|老板|领导)|(马上|立刻|赶紧|赶快|现在就)派(个|一个)?人|(叫|让)(你们|你们的)?(` + staff + `|负责人|经理|主管)(出来|过来|来)` +
	`|(打|回)(个|一个)?电话给我|打给(你们)?的?(` + staff + `|负责人|经理|主管)|给我(打|回)(个|一个)?电话|电话给我|(打|回)我(的)?(电话|手机)|` +
	`(call|phone|ring) me|give me a call|someone (from|on|in) your team|(speak|talk) (to|with) someone|real (person|human)`)

// staff are the people a follower of a shop, hotel, school or clinic asks
// for by their role: "叫你们店长来", "我要跟前台说话", "让老师给我回个电话".
const staff = `前台|店长|老板|老板娘|领导|师傅|技术员|技术人员|工程师|顾问|课程顾问|老师|医生|管家|导购|客户经理|馆长|园长|校长|院长|教练|售后|店员|验光师|大堂经理`

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

// demand is a refund or a deed demanded, not asked about: "马上给我退",
// "把钱退给我", "还我钱", "我要退定金" with no question in it ("我要退货怎么弄"
// asks how), the same word shouted, a promise broken, a charge questioned.
var demand = regexp.MustCompile(`(给我|帮我)退|要求\p{Han}{0,2}(退|赔|换|补|重做)|退(返|回)?给我|(^|\s|[^果是])我(就)?要(退钱|退款|退费|赔偿|索赔|个说法)\s*$|(马上|立刻|立即|即刻|赶紧|赶快|现在就)(给我)?退|把钱退|还我钱|钱还我|^我要退(\p{Han}{0,2}[^吗么嘛呢])?$|` +
	// urgency that orders a deed: "今天必须给我发货", "立刻把多扣的课时给我加回来", "即刻同我退钱"
	`(马上|立刻|立即|即刻|赶紧|赶快|现在就|今天必须|今天之内)(给我|帮我|把|同我|替我)|(必须|一定要)(给我|帮我|同我|替我)|` +
	// the same word shouted again and again: "退款！退款！"
	`^(退款|退钱|退费)(退款|退钱|退费)+$|^呵呵|(今天|现在|马上)就要$|(现在就|马上就|今天就)(取消|退|发|办|改|要)|` +
	`你们到底(有没有|会不会|是不是|能不能|行不行|怎么|在干)|态度(还|也|太|很|特别|非常|真)*(差|恶劣|不好)|` +
	// a promise broken ("不是说免费4小时吗，我被收了60块", "说原片全部给，结果少了一半")
	// and a charge questioned ("为什么还扣了手续费")
	`(不是说|说好的|说好|说是|明明说|你们说|不是讲)\p{Han}{1,14}?(结果|却)|(为什么|为啥|怎么|凭什么)((还|又)?收了|\p{Han}{0,6}?扣了)|` +
	// a loss to be made good, sarcasm asked as a question: "扣的工资谁给我出",
	// "修了三次收了三次钱，你们觉得这样合适吗？呵呵"
	`谁(给我|来|帮我|替我)(出|赔|报销|买单|补)|(你们|你)觉得(这样|这)样?(合适|合理|公平|对)(吗|嘛|么)|呵呵$|` +
	// "装饰费388必须退", "为啥只退了150", "你们寄的茶叶包装破了 洒了一半 怎么处理"
	`(必须|一定要)退|(为什么|为啥|怎么)(只|才)(退|给|到账|返|发)了|结果\p{Han}{0,6}只(开|退|给|发|到)了|剩下的呢|跟我有(啥|什么)关系|瞎(估|说|搞|报|算|收)的|你们(寄|送|发|给)(来|过来)?的\p{Han}{0,8}(破|坏|烂|漏|碎|错|少)了`)

// grievance is a story of what the sender suffered, or sarcasm about it,
// without the usual words; it reads the normalized text, whose spaces
// mark where punctuation broke the clauses. Each came of a blind wave
// (3 December); a what-if or a plain yes-no question is not one
// ("导游会一直带我们购物吗", "老师会凶孩子吗"), unless it is rhetorical.
var grievance = regexp.MustCompile(
	// "导游一直带我们进玉器店", "热得不行", "花比方案上少了一半"
	`(^|[^会])一直\p{Han}{0,4}(带|让|叫|逼|催|拉)我们?|(热|冷|臭|脏|吵|挤|闷)得(不行|要死|要命|受不了)|` +
		`少(给|发|送|寄|装|算|找)了|少了\s?(一半|\d+|[一二两三四五六七八九十几]*(个|支|朵|枝|束|件|张|天|本|盒|瓶|箱|套|双|只|台|份|位))|` +
		// a promise someone broke: "前台说能领停车券，结果…", "说好3小时，我从…"
		`说\p{Han}{1,14}\s+结果|不是说[^吗]{1,16}吗\s*(怎么|为什么|为啥|咋)|我\p{Han}{1,12}了\S{0,16}\s*结果|(^|[^听])说好\S{0,14}\s+\S{0,16}我|说好的\p{Han}{1,8}呢|(^|[^听])说好\S{0,14}\s+(现在|到现在|结果)|我\p{Han}{0,8}(坐|等)到(晚上|下午|中午|早上)?[\d一二三四五六七八九十两]+点|` +
		// a fault again, a rhetorical choice, sarcasm
		`(已经|这)是第?([二三四五六七八九十几]|\d+)次了|^(真行|真棒|真可以|太行了|好家伙)|钱呢\s*$|这到底是\p{Han}{1,12}还是|^好一个[^月\s]|学到了\s*$|` +
		// what was done to a child or to the sender
		`哭着|凶(他|她|孩子)|流血|玩手机|根本(没|不)|骨折|摔伤|扭伤|烫伤|缝了\p{Han}{0,2}针|` +
		// "效率真高啊，报修报了五天…真是佩服佩服"
		// "跟司机讲了他也不管", "还好意思叫我好评", "个导师成日迟到", "连着三天都抢不到",
		// "你们说的新鲜跟我理解的新鲜可能不是一个意思", "要我赔"
		`(讲|说|反映|提|找)了\p{Han}{0,3}(也|都)(不管|没用|不理|没人管)|佩服佩服|还好意思|` +
		`(老是|总是|成日|经常|天天|每次都)(迟到|放鸽子|爽约)|都几点了|还不回(消息|信息|我)|回来\p{Han}{0,2}哭了|(不该|不应该)(对|跟)\p{Han}{0,10}(讲|说)|差点(摔|掉|烫|伤|撞|出事)|(你们|你)(得|要|必须)(重视|整改|给个说法)|只退了(一半|\d+)|应该\p{Han}{0,4}才对吧|我?从\p{Han}{1,4}等到(现在|\p{Han}{1,4}点)|(连着|一连)?` + count + `(天|次|遍|回)都(抢不|买不|约不|打不|订不|挂不|没)|` +
		`(约|打|问|联系|找|催|订|预约)了` + count + `(次|遍|回)(都|也|还)|你们(说|讲)的.{0,8}(跟|和)(我|我们)(理解|想)的|要我(赔|负责|出钱)|` +
		`(^|\s)第?` + count + `次了(\s|$)|一点(都|也)?没(少|用|效果|变)|一分钱?(都|也)?没(退|给|到|返|看到|见到|收到)|` +
		// "二手也不能这样吧", "也就算了，说话还特别难听", "一塌糊涂", "啥子意思嘛"
		`(呛|吵|臭|脏|挤|闷)死了|(很|真的|特别|非常)担心|肚子\p{Han}{0,2}(不舒服|疼|痛)|结果给我\p{Han}{1,4}(成|错)|我(点|订|买|要)的\p{Han}{1,8}\s?结果|说好[^怎]{0,16}\s\S{0,10}怎么(有|还|又|要|多)|一股\p{Han}{0,3}(味|气)|太吵了|吵得(不行|要命|睡不着)|归谁管|不归\p{Han}{1,2}管|把我(的|们|家)?\p{Han}{0,6}给(刮|撞|弄|摔|剪|烫|洗|拿|扔|碰)\p{Han}?了|` +
		`比(你们|你)(说的|讲的|宣传的|介绍的)\p{Han}{0,4}(大|小|差|多|少|贵|慢|吵)|(^|\s|[^果是])我要退(货|款|钱)?\s*$|吃了\p{Han}{0,4}(拉肚子|过敏|吐了|不舒服|胃疼|肚子疼)|吃出\p{Han}{0,4}(头发|虫|异物|苍蝇|蟑螂|钢丝|塑料)|` +
		`一股(怪|异|臭|霉|馊|酸)味|跟以前不一样|(连着|一连|连续)\p{Han}{0,3}(天|次|回)都这样|我不同意|我不接受|不能接受|` +
		`(照片|视频)我(拍|录)了|当时(忘|没)|发现\p{Han}{0,10}被\p{Han}{0,2}(刮|划|撞|偷|弄|摔|剪|拿|扣)|(都|已经)\p{Han}{0,3}了\s?` + count + `\p{Han}{0,2}了?\s?(还是|还|也)(不|没)|(到底|你们)?管不管(的|啊|呀)?\s*$|(也|都)不能这样|也就算了|按(照)?(你们|你)(说的|讲的|教的|要求的?|的要求)\p{Han}{0,6}(做|弄|护理|操作|来|办)了|说话\p{Han}{0,3}难听|一塌糊涂|(啥子|什么|啥)意思(嘛|啊)\s*$|` +
		// "事先也没说", "又要了100", "膜贴得好歪", "张老师接孩子的时候在校门口抽烟"
		`事先(也|都)?没(说|讲|告诉)|又(要|收|加)了\s?\d+|(贴|装|做|剪|修|洗|染|烫|弄|画)得(好|太|很|特别|这么)?(歪|丑|难看|差|烂)|` +
		`(老师|师傅|员工|店员|司机|教练|阿姨|保安|导游)\p{Han}{0,12}(抽烟|吸烟|骂人|打人|喝酒)|` +
		// "跟上回说的不一样", "这钱花得真值啊", "拉了两天肚子", "用了优惠券，结果实付还是原价"
		`(跟|和|与)\p{Han}{0,4}说的不一样|花得(真|可真|太)值|拉了\p{Han}{0,2}肚子|吃坏了?肚子|食物中毒|` +
		`了\p{Han}{0,8}\s+结果\p{Han}{0,3}(还是|又|却|还|也)|结果\p{Han}{0,6}?(没了|没有了|不见了|扣了|收了|满了|关门了|过期了)|` +
		// an objection to what was done: "可我是提前5天取消的啊", "不是我弄坏的"
		`可(我|我们)(是|都|已经|明明)\p{Han}{0,10}的|不是(我|我们)(弄|搞|摔|碰|划|刮|整)(坏|丢|花|破)|` +
		// "入住的时候说有车位，现在又跟我说满了", "我写的是12床，结果送去了21床", "俺上哪儿说理去"
		`说\p{Han}{1,14}\s*现在(又|却)|(^|[^听])说好\p{Han}{0,10}\s+\p{Han}{0,10}(没给|没有|不给|却)|少了\s?[一二两三四五六七八九十几百千]+(块|元)?\s|我(写|填|选|要|订|点|约)的(是|明明是).{0,12}结果|(说理|讲理)去|` +
		`(做|弄|搞)得(稀里糊涂|乱七八糟|一团糟)|(效率|速度|服务)(真|可真|也太|还真)(高|快|好)啊|真是服了|` +
		// a damage found, a coupon refused at the door, an empty delivery:
		// "之前係冇嘅", "到店说只能用一张", "网盘链接发过来是空的"
		`之前(是|系|都)?没有的|照片发(你们|给你们|你)看|(勒|抓|咬|挠|磨|烫)得\p{Han}{0,4}(红|肿|破|出血)了|到店\p{Han}{0,2}(说|才说|告诉我|被告知)|(发过来|寄过来|送过来|收到)\p{Han}{0,2}是空的|` +
		// something of the sender's found missing, or broken on the way:
		// "走了以后我发现阳台上的金手镯不见了", "快递盒都泡烂了"
		`发现\p{Han}{0,16}(不见了|没了|丢了)|我(放|留|存|寄存|锁)\p{Han}{0,10}(不见了|没了|丢了)|太过分了|` +
		// "吃了块小饼干就起疹子了"
		`(起|出)了?(疹子|红疹)|` +
		`(都|全|已经|给)(泡|摔|压|砸|碰|磕|撞)(烂|碎|坏|破|变形)了|(袋子|盒子|箱子|包装|瓶子|瓶|罐子)\p{Han}{0,2}(漏|破|烂|裂)了|浪费(了)?我|` +
		`\b(charged twice|double charged|charged me twice|overcharged|refund the difference)\b|\bi (need|want|demand) (a |my )?(full )?refund\b`)

// damageTold counts what arrived broken, or shows the proof of it ("碎了两个，
// 开箱视频有拍，咋整"): a story, even when it asks what to do, unless only
// supposed ("万一碎了怎么办").
var damageTold = regexp.MustCompile(`裂了(一道|一条|一个|个|道|条)|(压|摔|碰|磕)扁了|(碎|坏|破|裂|烂|漏)了` + count + `(个|件|只|瓶|盒|箱|袋|块|片|支|根|张)|开箱视频|` +
	`(照片|视频|录像)(有拍|都拍了|拍了|都有|我有)`)

// injury is someone hurt with us: told as done to them ("被…划了"), it is
// for a person however it is asked, unless only supposed ("如果孩子被撞了
// 怎么办"); "骨折了能退季卡吗" asks the policy.
var injury = regexp.MustCompile(`流血|骨折|摔伤|扭伤|烫伤|割伤|划伤|缝了\p{Han}{0,2}针|划了(一道|一个|个|道)?口子|受伤了`)

// yesNo ends a yes-no question; rhetorical ones ("不是说纯玩吗") still
// complain.
var (
	yesNo      = regexp.MustCompile(`(吗|嘛|(^|[^什怎那这多要])么)\s*$`) // 么 as 吗, not 什么
	rhetorical = regexp.MustCompile(`不是(说|写|讲|标)|难道|这也叫|这就是|意思(嘛|啊)\s*$`)
)

// grieves returns the words of a grievance in the message, or "".
func grieves(norm string) string {
	if whatIf.MatchString(norm) || (yesNo.MatchString(norm) && !rhetorical.MatchString(norm)) {
		return ""
	}
	return grievance.FindString(norm)
}

// mustDeed orders a deed by a time ("明天早上7点前必须到"); asked, it is a
// question of policy ("必须到店吗").
var mustDeed = regexp.MustCompile(`(必须|一定要)(到|来|送到|做完|搬完|弄完|办好)`)

// demandEnglish is the same in English: "Refund me now", "give me back".
var demandEnglish = regexp.MustCompile(`\b(refund (me|my)|give me (back|my)|i want my money back|i want a (replacement|new one|refund)|(ship|send|fix|do) (it|my \w+|this) (today|now|right now|immediately))\b`)

// trash is 垃圾 said of us ("垃圾服务", "真垃圾"), not the rubbish a
// property manager collects ("倒垃圾有时间限制吗", "垃圾还能扔吗"); and a
// one-star review threatened ("给你们一星"), not 一星期.
var trash = regexp.MustCompile(`(给|打|留|评)个?一星([^期]|$)|一星(差评|好评)|一星$|(真|太|就是|纯|简直)垃圾|` +
	`(服务|态度|质量|东西)(真|太|好)?垃圾|垃圾(店|公司|商家|平台)|^(垃圾)+$`)

// forced is someone of ours insisting on something ("师傅非要拉我们去一个买珍珠的
// 店"): a story of what happened, even told as a question ("这是你们安排的吗").
var forced = regexp.MustCompile(`(师傅|司机|导游|老师|店员|员工|服务员|工作人员|他|她|你们)\p{Han}{0,2}非(要|得|逼)`)

// complaint returns the word that makes the message a complaint or a
// demand. trade is what the FAQ's questions ask (faqIndex.asks): a word of
// redress that they ask about is the business's trade, not a threat (律师
// to a law firm, 赔偿 to movers whose FAQ says how damage is made good).
func complaint(norm, trade string) string {
	compact := strings.ReplaceAll(norm, " ", "")
	if w := demand.FindString(compact); w != "" {
		return w
	}
	if w := mustDeed.FindString(compact); w != "" && !yesNo.MatchString(compact) && !strings.HasSuffix(compact, "呢") {
		return w
	}
	if w := demandEnglish.FindString(norm); w != "" {
		return w
	}
	if w := trash.FindString(compact); w != "" {
		return w
	}
	if w := injury.FindString(compact); w != "" && ownPassive.MatchString(compact) && !hypothetical.MatchString(norm) {
		return w // done to someone, told: "被衣架划了一道口子，流血了，你们打算怎么处理"
	}
	if w := damageTold.FindString(compact); w != "" && !hypothetical.MatchString(norm) {
		return w
	}
	if w := grieves(norm); w != "" {
		return w
	}
	if w := forced.FindString(compact); w != "" && !hypothetical.MatchString(norm) {
		return w
	}
	p := padded(norm)
	for _, w := range complaintWords {
		if isLatin(w) {
			if strings.Contains(p, " "+w+" ") || strings.Contains(p, " "+w+"s ") || strings.Contains(p, " "+w+"ed ") {
				return w
			}
		} else if strings.Contains(norm, w) && !(mildComplaint[w] && (hypothetical.MatchString(norm) || mildAsked.MatchString(norm))) &&
			!(redress[w] && strings.Contains(trade, w)) {
			return w
		}
	}
	return ""
}

// mildComplaint are complaint words that a what-if asks about rather than
// says: "如果做出来不满意能返工吗" asks the redo policy.
var mildComplaint = map[string]bool{"不满意": true, "失望": true, "多收": true}

// redress are complaint words that name a trade's own service too.
var redress = map[string]bool{"律师": true, "起诉": true, "赔偿": true, "索赔": true, "大众点评": true, "维权": true, "曝光": true}

// mildAsked asks the rule for such a case without 如果: "设计稿不满意能改几次",
// "七八点钟能搬不 会不会多收钱".
var mildAsked = regexp.MustCompile(`(不满意|失望)(的话)?(能|可以|可不可以|能不能|怎么办|咋办|怎么弄|包)|(会不会|会|要不要|是否|会不)多收`)

func isChitChat(norm string) bool {
	if norm == "" {
		return true
	}
	if chitChat[norm] || politeness.MatchString(norm) {
		return true
	}
	// thanks and praise, clause by clause ("谢谢老板，虾很新鲜"): a remark,
	// however well its words match an entry
	praised := false
	for _, c := range strings.Fields(norm) {
		switch {
		case praise.MatchString(c):
			praised = true
		case !chitChat[c] && !politeness.MatchString(c):
			return false
		}
	}
	return praised
}

// praise is a clause that says something is good, with no question in it.
var praise = regexp.MustCompile(`^\p{Han}{0,8}?(很|真|挺|太|超|好|非常|特别|蛮|贼|老)(新鲜|好吃|好喝|棒|不错|满意|专业|赞|好用|漂亮|好看|舒服|给力|贴心|用心|耐心|细心|靠谱|快|干净|好)(了|啊|呀|哦|的|哈|啦|呢)*$`)

// politeness is thanks or a greeting with only a form of address or a
// particle after it ("谢谢老师", "好的师傅", "thank you so much"): it asks
// nothing, whatever entry names 老师.
// Several may follow one another ("谢谢教练 辛苦了").
var politeness = regexp.MustCompile(`^((谢谢|多谢|感谢|谢啦|好的|好嘞|收到|你好|您好|早上好|晚上好|辛苦|麻烦你|麻烦|太感谢|非常感谢|周末愉快|节日快乐|新年快乐|新年好|春节快乐|圣诞快乐|中秋快乐|ok|okay|thanks|thank you)` +
	`(你|您|你们|老师|师傅|医生|教练|客服|亲|老板|啦|了|哈|呀|哦|噢|喔|啊|哈哈| so much| very much| a lot)*\s*)+$`)

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
	`简历发|发简历|简历(投|给|交)|(想|想来|来)(你们这|你们那|贵店|贵司)?(兼职|应聘)|做兼职|` +
	`\b(are you|you) hiring\b|\bjob (opening|vacanc)|\bvacancies\b|\bapply for (a|the) job\b|\bsend (my|a) (cv|resume)\b`)

// jobEnquiry says why a message is a job enquiry, or "".
func jobEnquiry(norm string) string {
	if w := jobWords.FindString(norm); w != "" {
		return "job enquiry (" + w + ")"
	}
	return ""
}
