package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestPersonRequests: asking for a person in words no configured phrase
// lists is handed over, even when an FAQ answer says "联系客服".
func TestPersonRequests(t *testing.T) {
	faqs := []*crm.FAQ{{ID: 1, Question: "收到货有损坏怎么办？", Answer: "请拍照联系客服，免费补发。", Enabled: true},
		{ID: 2, Question: "客服什么时间在线？", Answer: "工作日9:00-18:00在线。", Enabled: true}}
	c := buildCache(1, nil, faqs)
	b := New(Config{})
	// Only the account's own phrase: the patterns must do the rest.
	s := &crm.BotSettings{Enabled: true, FAQ: true, TimeZone: "Asia/Shanghai", HandoffPhrases: []string{"转人工"}}
	for _, text := range []string{"有没有人啊", "客服呢", "请让客服联系我", "让你们客服给我回个电话", "我要和客服说话",
		"有活人吗", "机器人别回了，找个人来", "我要找你们客服", "帮我叫个销售来", "Is anyone there?", "can someone help me",
		"Can I talk to a real person?", "call me back", "麻烦打我电话 139 8012 3344", "你好，有人吗",
		// staff by their role, and "anyone there?"
		"叫你们店长来", "我要跟前台说话", "让老师给我回个电话", "我要找课程顾问", "叫你们师傅跟我说", "让技术员给我回个电话",
		"有人在吗", "在吗",
		// only the word for a person, as many times as it takes
		"客服客服", "客服？？", "人工!", "喂 客服", "zhuan rengong", "rengong", "转rengong", "laoban zai ma", "you ren zai ma", "我们单位想签个长期合作，谈一下价格",
		"我们公司30人团建，人均120行不行，行的话我今天就定了", "能便宜点的话我现在就下单", "年会大概40人，想聊下价格",
		"麻烦你们负责人过来处理一下", "成都商报记者，想采访一下你们负责人",
		// haggling, and a group's own price; a proposal; the boss's phone
		"买10箱能不能再便宜点，8折行不行", "公司12月20号团建要25辆车，能给个团体价吗？另外要开专票",
		"我是中国银行武侯支行的客户经理，想跟贵所谈一下代发工资和对公账户的业务", "你们老板电话多少，有事直接跟他说",
		"借的电磁炉用了一次就不热了，不是我弄坏的，押金能不能不扣", "约了三次都因为天气取消，这次能不能给我优先排个好点的时段",
		"包场能不能便宜点 我们就15个人 1500行不行", "我们小区30多个老人想一起订送餐，能不能把送餐费免了，我们是芳草街的",
		"我每个月都在你们这开发票，能不能以后每月自动开好发我邮箱，不想每次都申请", "月卡279能不能算我250，我天天都换",
		"能不能便宜点 两张周末票算250行不", "我坐轮椅，想提前沟通一下到园之后需要的协助", "要开增值税专用发票，单位信息发给谁",
		// stories told in clauses cut by spaces, now that a space cuts a clause
		"奶油是酸的 吃了拉肚子", "这几天的鲜奶喝着一股怪味 跟以前不一样 连着三天都这样 是不是换奶源了",
		"房间里有虫子 床单还是潮的 要求退一晚房费", "去年12月的发票还能补开吗 两千多块 当时忘了",
		"我外卖点的熟食便当 里面吃出一根头发 照片我拍了 发给谁", "你们设计师把我的原创图给别的客人纹了 我在朋友圈看到一模一样的",
		"我订了包间付了定金 后来店里打电话说那天包间装修要给我改期 我不同意 那天是我爸七十大寿",
		"我想申请退款，学生姓名杨一诺，还有22课时没上", "在B2停车场停的车，出来发现车门被刮了一道，监控能调吗",
		"演出临时换了主演也不提前通知，我就是冲着他买的票，要求全额退款",
		"哎我说你们那停车场把我车门给刮了，保安说不归他管，那归谁管啊", "我住你们工作室隔壁楼，你们晚上八九点还在试琴，太吵了",
		"昨天用花呗付了5999分6期，结果支付宝显示是12期还要手续费，这个怎么回事", "跑步机噪音比你们说的大多了，楼下邻居已经上门两次了，我要退",
		"我喺你哋度买咗部跑步机，电机先用咗半年就坏咗，保修五年点解要我俾上门费？",
		"刷的招行信用卡说好6期免息，账单出来怎么有手续费？", "阿拉上礼拜住侬推荐额酒店，房间里一股狗臊气，押金还扣脱200，侬帮我问问看",
		"老师好，上次课讲的那个婴儿窒息处理的视频能发我一份吗，我是张雪老师那个班的",
		"我想把会员绑定的手机号换成新号，原来的积分能转过去吗", "在你们总店测血糖，采血针好像没换新的，我现在很担心感染",
		"缺药登记了快两周了，说好2-3天，到底还来不来", "我储值卡里还剩356块，不想用了能退现金吗", "过期药拿去回收，店员说券发完了，那我这一袋药白拿了？",
		"寄过来的纸箱压扁了，唱片边缘裂了一道，快递员说让我找商家", "我点的燕麦拿铁，结果给我做成了牛奶的，我乳糖不耐受，现在肚子很不舒服",
		// turning the bot away, and other ways of asking
		"别让机器人回复了", "我不要机器人", "机器人听不懂，换人", "我要找你们领导", "我要和人说话", "有没有工作人员",
		"I need help from a staff member", "I don't want a bot", "有没有能做主的人", "机器人说来说去都是那几句",
		// no one answering is a complaint
		"打你们电话没人接", "发了半天消息没人回", "nobody answers the phone",
		// another of our people, an exception
		"我想换个咨询师，跟她合不来", "想换个私教老师", "首次要监护人陪同，这个能商量吗",
		"公司年会想包场，大概30个家庭，能做吗，报价多少", "麻烦联系一下李老师", "找一下你们客服，机器人说的我听不懂",
		"这次春节能不能不收那30块加价", "想谈一下长期合作价格，找谁聊"} {
		in := &crm.BotInput{Settings: s, Message: &crm.Message{Channel: crm.ChannelWeChat, Account: "wx1",
			Direction: crm.DirectionIn, ExternalID: "1", Text: text}}
		ch := b.choose(in, c, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
		if ch.action != crm.BotHandoff || ch.reason[:7] != "person:" {
			t.Errorf("%q: got %s (%s), want a hand-off as a request for a person", text, ch.action, ch.reason)
		}
	}
}

// TestMisleadingKeywords: a message that names an entry's topic but asks
// something else (a lost invoice is not how to get one) gets no answer.
func TestMisleadingKeywords(t *testing.T) {
	c := buildCache(1, nil, loadEvalFAQ(t))
	b := New(Config{})
	s := &crm.BotSettings{Enabled: true, FAQ: true, TimeZone: "Asia/Shanghai"}
	for _, text := range []string{"发票丢了怎么办", "运费险怎么理赔", "积分被清零了", "发票金额开错了", "滤网多少钱一个",
		"你们有没有卖空调", "优惠券过期了能补吗", "退货地址是哪里", "私教一节课多少钱"} {
		in := &crm.BotInput{Settings: s, Message: &crm.Message{Channel: crm.ChannelWeChat, Account: "wx1",
			Direction: crm.DirectionIn, ExternalID: "1", Text: text}}
		if ch := b.choose(in, c, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)); ch.faqID != nil {
			t.Errorf("%q: answered with faq %d (%s), want no answer", text, *ch.faqID, ch.reason)
		}
	}
}

// TestJobEnquiries: a job seeker's question goes to a person, though it
// names the trade's words; a shop's 招牌 is no job.
func TestJobEnquiries(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "验光要钱吗？", Answer: "验光免费。", Enabled: true},
		{ID: 2, Question: "你们的招牌蛋糕是哪款？", Answer: "招牌是榴莲千层。", Enabled: true},
	})
	for _, text := range []string{"你们招验光师吗", "还招人不", "你们店在招聘吗", "我想应聘店员", "招搬家师傅吗 工资多少",
		"Are you hiring?", "any job openings for optometrists", "有验光证，想来你们这兼职，简历发给谁"} {
		if ch := ask(text); ch.action != crm.BotHandoff || !strings.HasPrefix(ch.reason, "person: job enquiry") {
			t.Errorf("%q: got %s (%s), want a hand-off as a job enquiry", text, ch.action, ch.reason)
		}
	}
	for _, text := range []string{"你们的招牌蛋糕是什么", "验光收费吗"} {
		if ch := ask(text); strings.Contains(ch.reason, "job enquiry") {
			t.Errorf("%q: taken for a job enquiry (%s)", text, ch.reason)
		}
	}
}

// A refund demanded, not asked about, and a question whether something
// was done for the sender, go to a person even where an FAQ entry names
// their words (the deposit's refund policy, the make-up lessons).
func TestDemandsAndDeedsForTheSender(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 1, Question: "定金可以退吗？", Answer: "拍摄前7天取消可全额退定金。", Enabled: true},
		{ID: 2, Question: "请假了可以补课吗？", Answer: "提前一天请假可以补课，在小程序约补课时间。", Enabled: true},
		{ID: 3, Question: "退货怎么操作？", Answer: "七天内在订单页申请退货。", Enabled: true},
	})
	for _, text := range []string{"我要退定金，马上给我退", "把钱退给我", "赶紧退钱", "我要退款", "还我钱",
		"上周请假那节补课给我约上了没", "帮我改好了吗", "马上派个人过来，我家今天必须打扫完",
		"帮我把今晚的预订取消一下，姓王", "我预约了明天下午3点看房，想改到周六上午", "领的生日券为啥子用不了",
		"我下周三那节课能换个老师吗", "我的退费申请提交一周了", "I booked a table for tomorrow 7pm, can I bring a cake?",
		"这也叫双语教学？", "买的时候说能补差价，现在降了八十你们怎么不认", "我的优惠券下单的时候没用上，能退我差价吗"} {
		if ch := ask(text); ch.action != crm.BotHandoff || !strings.HasPrefix(ch.reason, "person: ") {
			t.Errorf("%q: got %s (%s), want a hand-off to a person", text, ch.action, ch.reason)
		}
	}
	for text, want := range map[string]int64{"我要退货怎么弄": 3, "定金能退吗": 1, "请假了能补课吗": 2} {
		if ch := ask(text); ch.faqID == nil || *ch.faqID != want {
			t.Errorf("%q: %s (%s), want entry %d", text, ch.action, ch.reason, want)
		}
	}
	for _, text := range []string{"能给我开发票吗", "我要退货吗"} {
		if ch := ask(text); strings.HasPrefix(ch.reason, "person: ") {
			t.Errorf("%q: taken for a demand or a deed (%s)", text, ch.reason)
		}
	}
}

// TestStoriesOfTheSender: what happened to the sender's own thing, told
// without "my order" — a passive deed, time gone by, what a screen shows,
// a past day's purchase, a change of their booking, where they stand now —
// is for a person; the same words asked as "what if" stay with the FAQ.
func TestStoriesOfTheSender(t *testing.T) {
	for _, text := range []string{"卡被扣了两次", "快递寄出去五天了还没动静", "包裹寄了五天了", "两周前就把资料交上去了",
		"到现在都没人联系", "支付页面显示已扣款", "保证金还压着呢", "上周定的蛋糕，能不能换个口味", "前天预约的师傅今天能早点来吗",
		"我想把入住日期推迟一天", "我在门口找不到你们的人", "我把伞忘在店里了", "It's been ten days and nothing",
		"the refund still hasn't arrived", "Nobody came to pick up the sofa", "We booked two rooms for the weekend, can we add a third",
		"服务员一直催我们点菜", "房间里吵得受不了", "快递少了两件",
		"退款说三个工作日到，今天都第8天了", "店员说可以免费换，结果到店又要收钱", "付款显示失败但钱已经扣了", "App一直登不进去",
		"我这台打印机老是卡纸", "想把明天的预约改到下午", "My router has been down since Monday", "这到底是卖课还是卖书",
		"这已经是第三次了", "怎么又从我卡里扣了", "帮我看一下合同寄出了没", "物业说你们不让装修工人进小区",
		"申请退款都一个星期了", "卡里又扣了一笔年费", "预约了周五的保洁能改到周日吗",
		"我的沙发被搬运工刮花了", "搬家那天我的镜子碎了", "押金还在你们那儿", "帮我开张普票，抬头我发给你", "我张卡突然用唔到",
		"真垃圾", "服务太垃圾了", "说好两小时，我等到五点", "师傅凶我",
		"座椅上多了条裂痕，之前是没有的", "团购券买了两张，到店说只能用一张", "链接发过来是空的", "孩子在店里被衣架划了一道口子，流血了，你们打算怎么处理", "收钱那么积极，退钱一拖再拖", "取消的时候还有两天，一分钱都没退", "付了全款4680，结果发票只开了2340，剩下的呢", "狗子被绳子勒得脖子都红了，照片发你们看看",
		"要抵扣，金额3200", "现在问我要医药费，这事跟我有啥关系", "今天第12个工作日了，还要等到哪年", "你们倒开始推三阻四了",
		"这个估价是瞎估的吧", "wo de baoguo bei chai kai le", "我们兄妹三个分摊费用，能不能开三张发票", "他说剩下的可以月底再补，现在又天天催我",
		"The invoice you emailed me says 1,280 RMB but I only paid 1,180.",
		// session 16: a loss told, a sum paid, a price offered, damage with its proof, a rash
		"太过分了！！储物柜锁是坏的，我放里面的平板不见了", "电子发票邮箱收到了但是金额只有399，我实际付了499，麻烦核对一下",
		"nimen qiantai shou le wo 100 kuai xianjin",
		"顺丰寄到了，碎了两个，开箱视频有拍，咋整", "娃儿回来说在你们那儿吃了块小饼干就起疹子了",
		"我妈今年71岁报的名，三力测试没通过，交的学费怎么处理", "能不能把我女儿从启蒙班调到少儿班", "我多交了10块停车费",
		"都几点了还不回消息？？我从中午等到现在", "阿拉上礼拜还车辰光讲好押金当场退，到现在一分洋钿没看到", "麻烦帮忙查下入住记录",
		"镜框戴了三天，我不想换我要退钱", "付了定金300块，现在不想配了，能不能退", "你们上次给我清洗眼镜的时候把镜片膜擦坏了",
		"宝宝椅扣子是坏的，孩子差点摔下来，你们得重视一下", "退款显示只退了一半，应该全退才对吧",
		"我的车还在你们停车场，川A3K7XX，帮我查下停车费", "我下单的时候车牌号填错了，能不能帮我改一下",
		// session 17: a sum or an instalment paid, footage asked for, a rule
		// kept and the harm done anyway, a posted rule thrown back, a record
		// that shows a failure
		"花呗分期付了第一期 后面想一次付清 这个怎么弄", "园区停车场交了15块停车费，你们说能报销，小票拍给谁",
		"停在你们门口车位上被别人刮了，监控能帮我调一下吗", "护理都按你们说的做了 还是掉了一大半色 刚过三个月 补色就要收钱？",
		"营业时间不是写到七点吗，我六点半到的你们就说不接了，啥意思嘛", "你们店里有人抽烟 呛死了 管不管的？？？",
		"我的会员积分从3200变成0了，谁给我清的？", "上个月在你们这开的普票，能不能换成专票",
		"以旧换新评估我那辆旧车只给200，太低了吧，能不能再加点", "花呗分期付款那会儿显示扣款失败，但车我已经骑走了，现在咋整",
		"公众号上我改了日期，显示改期失败，但是200块改期费却扣了，帮我看看",
		"请假我是提前两天在小程序里点的，结果还是扣了课时，麻烦查一下，学员黄子轩", "代理费8000能不能分三个月付？我现在手头真的紧",
		"The fridge you delivered yesterday has a big dent on the left door. I want a replacement, not a discount.",
		"补牙刷了医保，但是结算单上显示全自费，能不能帮我重新结一下", "你们宣传说零基础8节课就能弹唱，我都上了12节了还是弹不好，这算不算虚假宣传",
		"预约了今天下午2点的车位，路上堵车晚到了20分钟，结果车位没了，预约费也没退", "我在公众号上取消预约，结果扣了200定金，可我是提前5天取消的啊",
		"李老师说我儿子弹得像弹棉花，孩子回来哭了，我觉得这种话不该对8岁的孩子讲",
		"我爸住了三个月，一次体检都没做", "从下个月开始改成一周两次", "前天晚上发烧了，护工怎么处理的", "We were charged twice this month",
		"Our driver didn't show up", "I left my jacket in the changing room this afternoon", "已经是第十天了", "说好送两次，到账只有一次",
		"昨晚 9 点摔了一跤，护工怎么处理的", "再这样我就给你们一星",
		"孩子在滑梯上被人推倒了", "合同上写的保修两年", "才用了三天就坏了", "会员卡还剩几次，手机尾号1234", "我嘅押金幾時退返畀我",
		"I never got the tickets", "I need a full refund", "主要是想问我上次订的房能退吗",
		"税务局说我们地址核查不到", "这是怎么回事，卡里的钱少了", "鞋是我自己带来的，鞋带能还给我吗", "这只猫是你们医院做的绝育",
		"同事离职了，他的卡要注销", "I've been waiting over a month for my refund",
		// session 13's first wave: the past A-not-A, someone of ours who
		// still has not, damage done to the sender's thing, a fault that
		// persists, a phone not answered
		"你们看一下收没收到", "到底发没发啊", "按揭批没批下来", "定金交了一个多月了", "顾问一直没推荐资料给我",
		"师傅把我家油烟机的挡板弄断了", "洗衣机一直报E3", "打他电话也不接",
		// session 14's first wave: sarcasm about speed, a fault still there,
		// a masked phone number, an injury, what was booked against what came
		"你们这效率真高啊，报修报了五天", "表到现在还是不走字", "手机号139****5527，帮我看看", "回家拍片是锁骨骨折",
		"我约的是资深技师，来的是个实习生",
		// its second: a hole left in the wall, a form that will not go
		// through, what was paid for, a complaint no one took up, English
		"师傅把我家墙上钻了个大洞", "电子发票一直申请不下来", "一点提交就报错", "测速只有80M，办的可是千兆的啊",
		"跟司机讲了他也不管", "Could you tell me whether my application has been approved?",
		// its third: paid by someone for them, a class of theirs to change, a
		// pest back soon after, a neighbour's claim, a wrong bag, sarcasm
		"我妈帮我交的钱，发票能不能写我的名字", "今年这个协议班能不能转成那个", "做完才两个月又有飞蚁，我要退钱",
		"邻居说是我们家白蚁蛀到他家了，要我赔", "第三次了，蚊子一点没少", "约了三次都约不上", "你们把别人的袋子给我了",
		"连着三天都抢不到", "你们说的新鲜跟我理解的新鲜可能不是一个意思", "個導師成日遲到",
		// its fourth: a fault in what they bought, a dispute, an adjustment
		// that made it worse, a trial running out, a masked number
		"以旧换新买的新手机开不了机，咋办", "我不信我屏幕上有暗点", "昨天来店里调完比之前还吵", "试戴机本来明天到期，能延一下吗",
		"我填了两次，都没人联系我，电话13962xxxx88",
		// its fifth: a fee taken and not honoured, a musty book, a contract
		// signed last week, a grave re-gilded last year, a guard's manner,
		// a ceremony's booked hour, an invoice made out wrong, money spent
		"会员费68扣了，页面还显示我不是会员", "这书拿到手一股霉味，二手也不能这样吧", "上周签的墓位合同想退掉",
		"去年刚刚描过金的呀", "不让带纸钱进去也就算了，说话还特别难听", "安葬仪式订的是12月15号上午9点，想改成10点半",
		"发票抬头写成了个人", "在你们这花了五万多，结果就拿了一个保底的offer", "I'd like to cancel the contract we signed last month",
		// its sixth: an invoice still not come, a charge added on the spot,
		// film put on at our shop, a coating gone in two weeks, crooked
		// work, a teacher smoking at the school gate
		"我喺你哋度買咗部琴，發票到而家都未收到", "师傅走的时候又要了100，事先也没说啊", "11月20号在你们店贴的龙膜有一条折痕",
		"镀晶两个星期就没了", "嗰块膜贴得好歪啊", "張老師接孩子的時候在校門口抽煙",
		// its seventh: not as promised, sarcasm, points gone, food that made
		// them ill, a coupon that took nothing off
		"充1000只送了200，跟上回说的不一样", "这钱花得真值啊，四周下来坐下都不会", "会员积分怎么从1200变成200了",
		"视频怎么看着是别人家的狗", "上回在营地吃的烧烤套餐，回来拉了两天肚子", "下单的时候用了优惠券，结果实付还是原价",
		// its eighth: a promise taken back, a rent changed, a basket sent to
		// the wrong bed, books kept in a muddle
		"入住的时候说有车位，现在又跟我说满了", "续租通知怎么变成4600了", "床号我写的是12床，结果送去了21床",
		"这账做得稀里糊涂的，俺上哪儿说理去",
		// its ninth: a transfer not confirmed, an invoice short, a card paid
		// and not shown, a discount not given, candles the wrong way round
		"我这边一直收不到确认", "发票金额少了一百，跟我实际付的对不上", "前天在你们这交了1280办的年卡，公众号里怎么查不到",
		"说好预付打九折，结算的时候没给折扣", "送来的数字蜡烛是2和6，我要的是6和2",
		// and its second: time since a deed, what came not being what was
		// asked, an invoice to redo, a fix that failed again, a promise
		"发票申请两周了邮箱啥也没收到", "教材今天收到了，但是少了一本经济法基础", "我下单的是深蓝色，寄来的是银色",
		"发票开出来税号少了一位，财务不给报", "专票寄出来了没，财务一直在催", "之前发票开成个人的了，现在想改成公司抬头",
		"卫生间补漏做了两回了还在漏", "上个月做完的露台防水，昨晚又渗水了", "去年你们给我家卫生间做的防水，楼下又说滴水",
		"我是帮公司同事统一报的，想合在一起开一张发票", "说好的免息呢", "说好三个工作日打款，现在半个月了一分没见",
		"成绩截图发给班主任了一直没回我",
		// and its third: a thing of theirs lost or taken, what came on a
		// past day, what a screen tells them, a story that ends in 结果, staff
		// who insisted
		"我停车小票搞丢了", "把猫包落在那了，能帮我看看还在不在吗", "司机把我们的一个行李箱拉走了",
		"昨天收到的罐头生产日期是去年一月的", "为什么下单提示我已经买过了", "开发票填了三次都提示失败",
		"我备注了顺丰还补了差价，结果发的中通", "备注白写了", "师傅非要拉我们去一个买珍珠的店，这是你们安排的吗？",
		// and its fourth: instalments paid, a promise asked back, a coupon
		// that cannot be claimed, money sent astray, a wrong choice, a
		// transfer asked for
		"我用花呗分期付的，现在想退，已经还了两期了", "不是说3期免息吗，怎么我的花呗账单里每期都有手续费",
		"我的会员生日券怎么领不了？", "昨晚的发票抬头开成了个人", "定金付错门店了，点成了万达的",
		"我想把会员卡里的余额转到我老婆的账号上，麻烦帮我弄一下",
		// and its fifth: what they bought not arriving, a claim stuck half
		// way, an item short, an account they cannot get into
		"我买的是至尊战令，但是限定时装没到账", "我的首充礼包领了一半就卡住了", "买的双人套餐少给了一杯可乐",
		"我旧手机号停用了收不到验证码，怎么登录",
		// and its sixth: food had with us, sarcasm, a refund late by working
		// days, a room changed, a visa refused (a question ending in 什么 is
		// no yes-no question), an application's progress
		"早上在你们那吃的早餐，米线是凉的", "真行，订了一个月长住，住了一周楼上开始装修", "说是7个工作日退款，今天都第12个工作日了，钱呢",
		"我们订的双床房怎么变成大床房了", "签证被拒了，我想选重新递签那个方案，接下来要我准备什么",
		"申根拒签了，我选退钱，钱退到哪", "我那个法国签证现在到哪一步了，递交快三周了"} {
		norm := normalize(text)
		if aboutRecord(text, norm) == "" && complaint(norm, "") == "" {
			t.Errorf("%q: not taken for the sender's own case", text)
		}
	}
	for _, text := range []string{"要是卡被退了怎么办", "车被刮了怎么办", "如果提前三天取消的话扣钱吗", "显示屏坏了能修吗",
		"What if the parcel still hasn't arrived after a week?", "万一我把房卡弄丢了怎么办", "万一孩子摔伤了怎么办"} {
		norm := normalize(text)
		if why := aboutRecord(text, norm) + personWanted(&crm.BotSettings{}, norm, ""); why != "" {
			t.Errorf("%q: taken for the sender's own case (%s)", text, why)
		}
	}
}

// TestPersonsEvaluation runs four sets of messages that only a person can
// answer — requests for one, complaints, demands, questions about the
// sender's own order or booking — written for the tea shop, the swimming
// school, the cleaning service and the photography studio (3 December).
// The first two were read while the rules were written; the other two were
// then run blind (107 of 120 handed over) and read; the auto repair
// shop's and the IELTS school's (50 each) came next, blind: 95 of 100,
// then read; the hotpot restaurant's and the rental flats' last, blind:
// 95 of 100, then read; the kindergarten's and the audio shop's last of
// all, blind on the session's final matcher: 96 of 100, then read. Then
// 200 more for four older sets' companies (pet shop, dental clinic,
// driving school, moving company), written to avoid the obvious words:
// 185 of 200 blind, then read; last, the hotel's and the optician's (50
// each): 91 of 100 blind, then read. Session 12's four (laundry, travel
// agency, florist, car rental; 50 each, none with 人工, 客服 or 投诉 in
// most): 181 of 200 blind on 8b10249, then read; the art school's, the
// broadband installer's and the print shop's: 139 of 150 blind on
// 26ad1c6, then read; the banquet restaurant's, the e-bike shop's and the
// pharmacy's: 145 of 150 blind, then read; the hair salon's, the property
// manager's and the escape room's: 143 of 150 blind on f610490, then read;
// the car wash's, yoga studio's, luxury resale shop's and elder-care home's:
// 192 of 200 blind, then read; the playground's, the used-car dealer's and
// the ticket agency's: 143 of 150 blind on 9d0efcc, then read; the
// tailor's, the coworking space's and the vet's: 144 of 150 blind on
// b80ac7f, then read; session 13's fresh-fruit shop's, nanny agency's,
// cosmetics shop's and self-storage site's: 197 of 200 blind on a03136a,
// then read; and the phone shop's, the accounting school's, the bridal
// shop's and the renovation company's: 188 of 200 blind on f0c5742, then
// read; and the pet-food shop's, the aesthetics clinic's, the badminton
// club's and the airport-transfer service's: 192 of 200 blind on e32cbe8,
// then read; the check-up centre's, the KTV's, the car dealer's and the
// coding school's: 194 of 200 blind on 8a25090, then read; the game
// studio's, the estate agency's, the cinema's and the bubble-tea shop's:
// 195 of 200 blind on e11b990, then read; the women's gym's, the furniture
// shop's, the visa agency's and the hostel's: 192 of 200 blind on 3df0e68,
// then read; the children's dentist's, the logistics outlet's, the baking
// school's and the solar installer's: 200 of 200 blind on 8ecdcca; session
// 14's gas utility's, ski resort's, massage clinic's and cross-border
// shop's: 195 of 200 blind on 81f958c, then read; the telecom hall's, the
// scenic area's, the adult-education office's and the vaccination
// clinic's: 195 of 200 blind on 922473b, then read; the civil-service
// school's, the pest controller's, the water-purifier centre's and the
// group-buying service's: 191 of 200 blind on 39a33e4, then read; the
// phone-buyback shop's, the hearing-aid shop's, the nail salon's and the
// wedding planner's: 196 of 200 blind on 2ec65c0, then read; the
// inspection station's, the bookstore's, the cemetery's and the
// study-abroad agency's: 193 of 200 blind on e33c96e, then read; the
// piano shop's, the car-film shop's, the after-school centre's and the
// shoe-care shop's: 194 of 200 blind on e5b084b, then read; the
// translation agency's, the mahjong room's, the dog school's and the
// camping site's: 194 of 200 blind on 6468f44, then read; the rental
// apartments', the gift-basket shop's, the go-kart track's and the
// bookkeeping agency's: 196 of 200 blind on 60f0e25, then read; the
// 24-hour gym's, the myopia clinic's, the piano movers' and the cake
// shop's: 194 of 200 blind on 6f6f6aa, then read; the appliance
// repairers', the confinement centre's, the water deliverers' and the TCM
// clinic's: 195 of 200 blind on 7ffde94, then read; the locksmith's, the
// milk deliverers', the counselling studio's and the farm stay's: 196 of
// 200 blind on f3f921a, then read; the computer repairers', the dance
// school's, the team-building organiser's and the designated drivers': 200
// of 200 blind on 376922f; the textbook shop's, the car detailer's, the
// pet groomers' and the hanfu studio's: 196 of 200 blind on 3c32fe8, then
// read; the wedding-car fleet's, the music studio's, the organisers' and
// the tea homestay's: 199 of 200 blind on cae12d4, then read; the eyelash
// studio's, the furniture dealer's, the bathhouse's and the robotics
// class's: 198 of 200 blind on 52ff727, then read; the hot-spring hotel's,
// the online English school's, the repair kiosk's and the tackle shop's:
// 198 of 200 blind on 16c537b, then read; the pet sitters', the golf
// range's, the cleaners' and the qipao tailor's: 195 of 200 blind on
// 0ee4003, then read; the trampoline park's, the car inspectors', the
// parcel forwarders' and the day-care centre's: 194 of 200 blind on
// e59d555, then read; the pet hospital's, the custom print shop's, the
// barbecue restaurant's and the motorcycle school's: 198 of 200 blind on
// 0f3f08b, then read;
// the study room's, the pottery studio's, the charger installer's and the
// watch repairer's: 196 of 200 blind on ccead38, then read;
// the driving school's, the diving school's, the pet cremation service's
// and the taekwondo school's: 196 of 200 blind on f8a4782, then read;
// the calligraphy school's, the RV renters', the e-sports hotel's and the
// optician's: 190 of 200 blind on 1e385db, then read;
// the private kitchen's and the baby swimming centre's: 98 of 100 blind
// on b9c411e, then read;
// the roadside assistance service's: 49 of 50 blind on cc73a7c, then
// read;
// the piano coaching service's: 49 of 50 blind on c3229ef, then read;
// the tattoo studio's, the movers', the aquarium's and the tyre shop's:
// 195 of 200 blind on acc61ef, then read; the internet café's, the wine
// shop's, the bicycle shop's and the party venue's: 193 of 200 blind on
// acc61ef, then read; the dental clinic's, the camera rental's, the
// seafood shop's and the guitar school's: 197 of 200 blind on acc61ef,
// then read; the football academy's, the appliance store's, the law
// firm's and the noodle restaurant's: 195 of 200 blind on acc61ef, then
// read; the car park's, the hot-pot delivery's, the paragliding club's and
// the community hospital's: 196 of 200 blind on 4b12cd6, then read; the
// tutoring agency's, the cat café's, the marina's and the elderly
// canteen's: 197 of 200 blind on 2fae748, then read; the physiotherapy
// clinic's, the battery-swap operator's, the theatre's and the Mandarin
// school's: 198 of 200 blind on 042d6a8, then read; the water park's,
// the fabric cleaners', the piano tuners' and the fitness store's: 193 of
// 200 blind on 15b78a1, then read; the tile showroom's, the pet hotels',
// the noodle outlet's and the first-aid school's: 197 of 200 blind on
// cb8cef1, then read; the online pharmacy's, the summer camp's, the
// vinyl café's and the power-bank renters': 193 of 200 blind on 0d00a29,
// then read. Every
// one must be handed over, whatever FAQ words it shares.
func TestPersonsEvaluation(t *testing.T) {
	for _, n := range []string{"5", "7", "9", "10", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63", "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79", "80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "95", "96", "97", "98", "99", "100", "101", "102", "103", "104", "105", "106", "107", "108", "109", "110", "111", "112", "113", "114", "115", "116", "117", "118", "119", "120", "121", "122", "123", "124", "125", "126", "127", "128", "129", "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "140", "141", "142", "143", "144", "145", "146", "147", "148", "149", "150", "151", "152", "153", "154", "155", "156", "157", "158", "159", "160", "161", "162", "164", "165", "163", "166", "167", "168", "169", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "190", "191", "192", "193", "194", "195", "196", "197", "198", "199", "200", "201", "202", "203", "204", "205", "206"} {
		ask := asker(loadFAQFile(t, "testdata/eval"+n+"_faq.csv"))
		cases := loadMessageFile(t, "testdata/persons"+n+"_messages.tsv")
		handed := 0
		for _, ec := range cases {
			if ch := ask(ec.text); ch.action == crm.BotHandoff {
				handed++
			} else {
				t.Errorf("persons%s %q: %s (%s), want a person", n, ec.text, ch.action, ch.reason)
			}
		}
		t.Logf("persons%s: %d/%d handed over", n, handed, len(cases))
	}
}

// Questions of policy that sound like the sender's own case stay with the
// FAQ matcher: the rules above must not take them for a person's.
func TestPolicyQuestionsAreNotPersonal(t *testing.T) {
	for _, text := range []string{"When will my purchase ship after I pay?", "Is my data secure?", "收我多少钱", "有没有真人cs", "真人秀场地能包吗",
		"白茶买回来放哪里好，南方潮得很怕发霉", "今天下午就要 现在下单赶得上吗", "不是说周日也营业吗", "帮我看看哪个套餐合适",
		"马上下单今天能发吗", "要提前多久预约", "一定要把车开过去吗", "听说你们周末也营业，但是停车方便吗",
		"我那个，想问一下价格", "下单后当天就发了吗", "我上班没空开过去，你们能派人来接车不", "周六营业吗",
		"What time do you open on Sunday?", "退款一般几天到账", "必须到店吗", "迟到了还能进场吗", "周末都不行吗",
		"一定要本人来吗", "怎么把同事拉进来", "How do I invite my team?", "When will my purchase ship after I pay?",
		"开车被拍了怎么办", "如果下周的团取消了能退吗", "上次说的优惠还有吗", "What if nobody is there to receive the flowers?",
		"倒垃圾有时间限制吗", "周末物业有人吗", "垃圾还能扔吗", "能给我开张发票吗", "短住一星期收多少钱",
		"万一我今天洗完明天就下雨咋整", "洗澡的时候狗受伤了怎么办",
		// a review's examples: policy questions in the shapes of the forms above
		"听说体检结果可以线上查吗", "医生说化验结果什么时候出", "听说好像要涨价了，我现在买划算吗", "到底是周六还是周日开门",
		"押金到底是退到原卡还是现金", "前台能等到12点吗", "导游会一直带我们购物吗", "怎么知道店里收了货", "信用卡预授权是怎么回事",
		"孩子学到了几级可以考证", "孩子哭着不肯进教室怎么办", "老师会凶孩子吗", "好一个月没来了还能用卡吗",
		"Do you refund the difference if the price drops?", "Will I be double charged if I rebook?", "被子洗了会缩水吗",
		"被拒签了还能退签证费吗", "价格显示在哪里", "显示器有没有现货", "押金到账才能提车吗", "我忘记密码了怎么办",
		"我忘了带身份证能入住吗", "我在官网找不到价格表", "孩子上了一年级还能报名吗", "从下个月开始调价吗",
		"情人节那天送的花能提前订吗", "上次活动送的礼品还有吗", "想把头发换个颜色多少钱", "想把旧手机换新的可以吗",
		"预约了还能改到下周吗", "订了房可以改到别的日期吗", "超过了30分钟怎么收费", "What if we dropped it off late?",
		"If we left it overnight is there a fee?", "If I was charged twice, how do I get a refund?",
		"After I paid, how long does delivery take?", "Are you still not open on Mondays?", "What happened to the old menu?",
		"能留一星期吗", "什么垃圾可以扔", "要分好垃圾再扔吗", "有上门收垃圾服务吗", "眼镜不是你们家买的能调吗",
		"用你们的注册地址，工商局的信会转给我吗",
		// session 14: the same words asked as policy
		"骨折了能退季卡吗", "如果到现在还不通气怎么办", "钻孔打洞收费吗", "What if my application is not approved?", "可以帮我交钱吗", "第一次来要带什么",
		"我要退款怎么操作", "协议班能不能转成普通班", "如果做出来不满意能返工吗", "要是买的助听器坏了怎么保修",
		"本来就是这样吗", "签合同要带什么", "如果写错了抬头能重开吗", "What happens if we sign the contract and change our mind?", "店里可以抽烟吗", "贴膜要多久", "积分怎么兑换", "上回说的优惠还有吗", "烧烤套餐吃不完能打包吗", "续租价格怎么算", "预付有折扣吗", "年卡办了在哪里查",
		"镀晶能保持多久",
		// A-not-A that asks whether there is, or asks the rule
		"有没有优惠", "要是没收到货怎么办", "包裹一直没到会赔吗要是",
		"万一停车小票搞丢了怎么办", "如果把东西落在店里了怎么办", "付款提示失败怎么办如果",
		"买错了可以换一个吗", "收货地址填错了", "买错口味了没拆能退不",
		"万一寄过来碎了怎么办", "敏感肌用了会起疹子吗", "寄过来碎了能赔吗", "人均多少钱",
		"如果考试没通过的话，交的学费怎么处理", "如果付了定金300，不想要了能退吗", "入住记录可以打印吗", "提前一天取消是只退一半吗", "车牌号填错了能改吗", "外地车牌能进吗", "孩子哭了怎么办", "孩子可以从启蒙班调到少儿班吗", "多交的钱能退吗",
		"收不到验证码怎么办", "充值多久到账", "如果手机号停用了怎么办", "拒签了能退钱吗", "没通过的话下次还能报吗",
		// session 17: not liking the result, asked as the rule; whether a
		// late hour costs more
		"设计稿不满意能改几次", "做了不满意包退不哦", "能分期吗，最近手头紧", "晚上七八点钟能搬不 会不会多收钱", "有团体价吗", "寄养期间可以看监控吗"} {
		norm := normalize(text)
		if why := personWanted(&crm.BotSettings{}, norm, ""); why != "" {
			t.Errorf("%q: taken for a person (%s)", text, why)
		}
		if why := aboutRecord(text, norm); why != "" {
			t.Errorf("%q: taken for the sender's record (%s)", text, why)
		}
	}
}

// A word of redress that the FAQ's own questions ask about is the trade's
// (a law firm's 律师, movers' 赔偿): asked of it, the FAQ answers; said to
// any other business, it is a threat for a person.
func TestRedressWordsOfTheTrade(t *testing.T) {
	law := asker([]*crm.FAQ{
		{ID: 1, Question: "律师费怎么收？", Alternatives: []string{"请律师要多少钱"}, Answer: "按小时收费，每小时800元。", Enabled: true},
		{ID: 2, Question: "营业时间是几点？", Answer: "工作日9:00-18:00。", Enabled: true},
	})
	if ch := law("打官司律师费是咋个算的嘛"); ch.faqID == nil || *ch.faqID != 1 {
		t.Errorf("a law firm's fee: %s (%s), want faq 1", ch.action, ch.reason)
	}
	shop := asker([]*crm.FAQ{{ID: 1, Question: "营业时间是几点？", Answer: "每天9:00-21:00。", Enabled: true}})
	if ch := shop("我已经委托律师了，等着收律师函吧"); ch.action != crm.BotHandoff || !strings.Contains(ch.reason, "律师") {
		t.Errorf("a lawyer threatened: %s (%s), want a hand-off for it", ch.action, ch.reason)
	}
}
