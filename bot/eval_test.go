package bot

import (
	"bufio"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// loadEvalFAQ reads testdata/eval_faq.csv: another company's FAQ (a shop
// of air purifiers), alternatives separated by "|".
func loadEvalFAQ(t testing.TB) []*crm.FAQ { return loadFAQFile(t, "testdata/eval_faq.csv") }

func loadFAQFile(t testing.TB, name string) []*crm.FAQ {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var fs []*crm.FAQ
	for i, r := range rows[1:] {
		fs = append(fs, &crm.FAQ{ID: int64(i + 1), Question: r[0], Alternatives: strings.Split(r[1], "|"),
			Answer: r[2], AnswerEn: r[3], Enabled: true})
	}
	return fs
}

type evalCase struct{ text, want string }

func loadEvalMessages(t testing.TB) []evalCase {
	return loadMessageFile(t, "testdata/eval_messages.tsv")
}

func loadMessageFile(t testing.TB, name string) []evalCase {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cs []evalCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") || strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		text, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("bad line %q", sc.Text())
		}
		cs = append(cs, evalCase{text, want})
	}
	return cs
}

// tally counts one half of the evaluation set.
type tally struct {
	answerable, right, wrongAnswers, missed int
	persons, handedOver                     int
	others, answeredOthers                  int
}

// TestFAQEvaluation runs the bot's text decision over the evaluation set
// and prints its figures. Even lines were used to tune the thresholds and
// the vocabulary; odd lines are the held-out half. A wrong answer anywhere,
// or a request for a person not handed over, fails the test.
func TestFAQEvaluation(t *testing.T) {
	evaluate(t, loadEvalFAQ(t), loadEvalMessages(t), [2]string{"tuning half", "held-out half"}, t.Errorf)
}

// TestFAQEvaluationSecondCompany is a gym's FAQ and messages, written after
// the tuning was done and not tuned on: how the bot does on an FAQ it was
// not shaped for (as the hidden evaluation's will be).
func TestFAQEvaluationSecondCompany(t *testing.T) {
	evaluateSet(t, "eval2", "second company, even lines", "second company, odd lines")
}

// TestFAQEvaluationHeldOut runs two more companies' FAQs, written before
// the matcher's second round and with few alternatives (as an FAQ created
// through the API often has): a SaaS vendor (tuned on its even lines only)
// and a furniture maker (never tuned on). Figures are printed; a wrong
// answer, an answered "none" or a person not handed over is logged, not
// failed, so that the figures stay honest rather than the data bent.
func TestFAQEvaluationHeldOut(t *testing.T) {
	evaluateSet(t, "eval3", "SaaS vendor, even lines (tuning)", "SaaS vendor, odd lines (held out)")
	evaluateSet(t, "eval4", "furniture maker, even lines (tuning since 3 December)", "furniture maker, odd lines (held out)")
}

// evaluateSet evaluates testdata/NAME_faq.csv against NAME_messages.tsv,
// logging (not failing) wrong answers: a set the bot was not tuned on.
func evaluateSet(t *testing.T, name, even, odd string) {
	evaluate(t, loadFAQFile(t, "testdata/"+name+"_faq.csv"), loadMessageFile(t, "testdata/"+name+"_messages.tsv"),
		[2]string{even, odd}, t.Logf)
}

// evaluate runs the cases and prints the figures. A request for a person
// not handed over, or an answer to a message that has none, fails; a wrong
// entry for an answerable question is reported through wrong (t.Errorf on
// the set the bot was tuned on; the second company's are printed).
func evaluate(t *testing.T, faqs []*crm.FAQ, cases []evalCase, names [2]string, wrong func(string, ...any)) {
	byQ := map[string]int64{}
	for _, f := range faqs {
		byQ[f.Question] = f.ID
	}
	b := New(Config{})
	c := buildCache(1, nil, faqs)
	s := &crm.BotSettings{Enabled: true, FAQ: true, TimeZone: "Asia/Shanghai"}
	halves := [2]tally{}
	// The sets the bot was tuned on fail on a person not handed over or
	// an answered "none"; the held-out sets report them.
	miss := t.Errorf
	if names[0] != "tuning half" && names[0] != "second company, even lines" {
		miss = wrong
	}
	for i, ec := range cases {
		in := &crm.BotInput{Settings: s, Message: &crm.Message{Channel: crm.ChannelWeChat, Account: "wx1",
			Direction: crm.DirectionIn, ExternalID: "1", Text: ec.text}}
		ch := b.choose(in, c, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
		h := &halves[i%2]
		switch ec.want {
		case "handoff":
			h.persons++
			if ch.action == crm.BotHandoff {
				h.handedOver++
			} else {
				miss("%q: want a person, got %s (%s)", ec.text, ch.action, ch.reason)
			}
		case "none":
			h.others++
			if ch.faqID != nil || ch.ruleID != nil {
				h.answeredOthers++
				miss("%q: want no answer, got %s (%s)", ec.text, ch.action, ch.reason)
			}
		default:
			want, ok := byQ[ec.want]
			if !ok {
				t.Fatalf("%q: no FAQ entry %q", ec.text, ec.want)
			}
			h.answerable++
			switch {
			case ch.faqID != nil && *ch.faqID == want:
				h.right++
			case ch.faqID != nil:
				h.wrongAnswers++
				wrong("%q: WRONG answer %d, want %d (%s)", ec.text, *ch.faqID, want, ch.reason)
			default:
				h.missed++
				t.Logf("missed %q (want %d): %s", ec.text, want, ch.reason)
			}
		}
	}
	for i, name := range names {
		h := halves[i]
		answered := h.right + h.wrongAnswers
		t.Logf("%s: answerable %d, right %d (recall %.0f%%), wrong %d (precision %.0f%%), missed %d; persons %d/%d handed over; other messages %d, answered %d",
			name, h.answerable, h.right, pct(h.right, h.answerable), h.wrongAnswers, pct(h.right, answered), h.missed,
			h.handedOver, h.persons, h.others, h.answeredOthers)
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

// TestFAQEvaluationPetShop is a fifth company (pet grooming and boarding),
// written before this round's vocabulary changes and never tuned on: it
// checks that those changes did not fit the other sets only. Figures are
// printed; misses and wrong answers are logged.
func TestFAQEvaluationPetShop(t *testing.T) {
	evaluateSet(t, "eval5", "pet shop, even lines (held out)", "pet shop, odd lines (held out)")
}

// TestFAQEvaluationPhoneRepair is a sixth company (a phone-repair shop),
// written before the synonym lexicon and never tuned on, with the hidden
// evaluation's kinds of message: paraphrases, colloquial Chinese, English,
// traditional characters, misleading keywords, order status, complaints,
// chit-chat and requests for a person. Figures are printed; misses and
// wrong answers are logged.
func TestFAQEvaluationPhoneRepair(t *testing.T) {
	evaluateSet(t, "eval6", "phone repair, even lines (held out)", "phone repair, odd lines (held out)")
}

// TestFAQEvaluationHotel is a seventh company (a hotel), written on 4
// December before the recall round's changes and never tuned on: the
// held-out check of that round. Figures are printed; misses and wrong
// answers are logged.
func TestFAQEvaluationHotel(t *testing.T) {
	evaluateSet(t, "eval7", "hotel, even lines (held out)", "hotel, odd lines (held out)")
}

// TestFAQEvaluationSchool is an eighth company (an English training
// school), written on 4 December after the recall round's first changes as
// a blind check. Its first run answered 31 of 59 (the code before the round:
// 34), no wrong answer: its misses were then read, and three changes came
// of them (学费 is a topic, not a price word; "哪里" is not "where"; an "is
// there" question is refused only when nothing of its thing is known), so
// it is held out no longer. Figures are printed; misses and wrong answers
// are logged.
func TestFAQEvaluationSchool(t *testing.T) {
	evaluateSet(t, "eval8", "school, even lines (read once)", "school, odd lines (read once)")
}

// TestFAQEvaluationBlind runs three more companies (a dental clinic in
// Chengdu, a driving school in Zhengzhou, a bakery with delivery in
// Shenzhen), written on 3 December before their author read the matcher,
// and never tuned on. Their messages count a customer's own order or
// booking and a complaint as "handoff", as the hidden evaluation does.
// Figures are printed; misses and wrong answers are logged.
func TestFAQEvaluationBlind(t *testing.T) {
	evaluateSet(t, "eval9", "dental clinic, even lines (blind)", "dental clinic, odd lines (blind)")
	evaluateSet(t, "eval10", "driving school, even lines (blind)", "driving school, odd lines (blind)")
	evaluateSet(t, "eval11", "bakery, even lines (blind)", "bakery, odd lines (blind)")
}

// TestFAQEvaluationBlind2 is two more companies, a moving company in
// Chengdu and an optician in Guangzhou, written blind (without reading the
// bot's code or the other sets' messages) and never tuned on. Figures are
// printed; misses and wrong answers are logged.
func TestFAQEvaluationBlind2(t *testing.T) {
	evaluateSet(t, "eval12", "moving company, even lines (blind)", "moving company, odd lines (blind)")
	evaluateSet(t, "eval13", "optician, even lines (blind)", "optician, odd lines (blind)")
}

// TestFAQEvaluationBlindWaves is sessions 11 to 13's companies (3 December),
// each FAQ and its messages written blind by a writer who read neither the
// bot's code nor the other sets, run once on the code of that moment and
// then read ("read once"). First runs, answerable right (the code before
// the session in brackets):
//   - cleaning service, tea shop: 28 of 97 on the code before the session,
//     none wrong, 2 other messages answered; the best-scoring entry was the
//     right one for 80 (the trade words of existence.go came of it);
//   - photo studio, swimming school (860de91): 37 of 94 (36), none wrong,
//     22 of 24 requests for a person handed over; the two left were a
//     demand and a question whether something was done for the sender;
//   - auto repair, IELTS school (fe1d41f): 33 of 93 (31), none wrong, one
//     other message answered, 22 of 24 persons;
//   - hotpot restaurant, rental flats (c68ecc6): 27 of 92 (23), one wrong
//     ("Can I come and see a room before I sign anything?" given the
//     sublet entry, as before the session), 23 of 24 persons;
//   - kindergarten, audio shop (5e6e1e0): 24 of 93 (18), none wrong, one
//     other answered ("宝宝几岁开始学英语比较好？", as before), 24 of 24 persons.
//
// And session 12's four (laundry, travel agency, florist, car rental; 3
// December), run once on 8b10249: 98 of 184 right, 3 wrong (a remark's
// clause answered instead of the question's, a what-if taken for the
// price of the trip it names, 关闭 of a site taken for cancelling), one
// other answered ("大唐不夜城晚上几点亮灯"), 46 of 48 persons. After reading:
// 99 right, none wrong, no other answered, 48 of 48. Then three more
// (art school, broadband installer, print shop), run once on 26ad1c6:
// 66 of 139 right, none wrong, one other answered ("孩子画的画可以帮忙报名参加
// 比赛吗"), 36 of 36 persons. And three last (wedding banquets, e-bike
// shop, pharmacy): the banquets on 6842637, 22 of 47, none wrong, no other
// answered, 12 of 12; the other two on that and the two hand-off forms the
// banquets' persons taught: 52 of 92, one wrong ("能用支付宝付不" given the
// medical-insurance entry, which shares 能用 and 支付), four others answered
// (two of them, "你们能修汽车吗" and "能帮忙代煎中药吗", no longer are), 24 of
// 24 persons. Last, a hair salon, a property manager and an escape room,
// on f610490: 61 of 141, one wrong ("燙頭髮要幾錢" given the perm's
// duration: 几钱 was no price word), one other answered ("快递柜超时费怎么收"),
// 36 of 36 persons. Then a car wash, a yoga studio, a luxury resale shop
// and an elder-care home (the last on 3b7f4c1, the others with the forms
// it taught): 89 of 187, two wrong ("我在成都，东西咋个寄给你们嘛" given the
// payment entry: 寄给 was no word of sending; "洗澡要另外收钱吗，毛巾要自己带
// 不" answered on its towel half), no other answered, 47 of 48 persons.
// Last, a children's playground, a used-car dealer and a ticket agency,
// on 9d0efcc: 57 of 141, three wrong ("生日会可以自己带蛋糕吗" given the party
// package; "How much is entry for a 5 year old…" the year card: "year old"
// was no age; "…What's the minimum down payment?" the payment methods:
// "down payment" was no loan), two others answered, 35 of 36 persons.
// And a tailor, a coworking space and a vet, on b80ac7f (after the
// review): 74 of 139, two wrong ("想要个能关门的小单间，5个人，一个月得多少钱"
// answered on its price clause with the hot desks; "…不想签合同，能不能按天付
// 钱坐一下" on its remark), two others answered, 35 of 36 persons.
//
// Session 13's first wave (a fresh-fruit shop, a nanny and housekeeping
// agency, a cosmetics shop, a self-storage site), run once on a03136a's
// matcher: 88 of 186 right, five wrong ("开慌保洁要提前几天约" given the
// nanny booking entry; "育儿嫂可以先试几天再决定吗" the nanny's price; "What
// if I'm allergic…Can I still get a refund?" the returns entry, not the
// allergy one; "面膜拆开用了一片…剩下的能退吗" the allergy entry on its
// clause; "can I come see the units before renting?" the shortest lease),
// four others answered ("车厘子甜不甜啊", "店里可以堂食吗，买了现场做", "新人有
// 优惠券吗", "同城配送能指定晚上7点以后送吗"), 47 of 48 persons. After
// reading: 88 right, four wrong (the "before" clause no longer counts),
// two others answered (the unknown quality and deed are handed off), 48 of
// 48. Its second (a phone shop, an accounting school, a bridal shop, a
// renovation company), run once on f0c5742: 90 of 184 right, four wrong
// ("Do I need an appointment to try on dresses?" given the makeup price:
// "try" was only a trial; "How long does shipping take to Beijing?" the
// warranty, whose answer pays the shipping; "下班都七点了，晚上有课不" the
// front desk's hours, for its 下班; "主材我自己去建材市场买…这样一平多少钱" the
// full renovation's price on its price clause), five others answered
// ("你们有中级会计的课吗" given 初级会计's price among them), 45 of 48
// persons. After reading: 92 right, three wrong, five others, 48 of 48.
// Its third (a pet-food shop, an aesthetics clinic, a badminton club, an
// airport-transfer service), run once on e32cbe8: 102 of 187 right, one
// wrong ("M22全脸打一次好多钱嘛" given the hydration shots' price: M22 was no
// word at all), three others answered ("门店能寄养狗吗", "怀孕了还能打水光针吗",
// "三亚火车站接站多少钱"), 47 of 48 persons. After reading: 102 right, one
// wrong (M22 now counts, but 打一次 still weighs more), one other, 48 of 48.
// Its fourth (a check-up centre, a KTV, a car dealer, a coding school),
// run once on 8a25090: 81 of 184 right, four wrong ("下一期java啥时候开班"
// given moving to the next class, which names no Java; "I'm in Canada, can
// I still take your courses?" the same; "冲500送多少" the room prices, on
// 多少 alone; "我16岁能去唱歌吗" the room prices: an age as a number was no
// age), four others answered, 48 of 48 persons. After reading: 81 right,
// two wrong, four others (a Latin word another entry has and the best
// lacks now hands off, which also keeps M22 from the hydration shots).
// Its fifth (a game studio's support, an estate agency, a cinema, a
// bubble-tea shop), run once on e11b990: 86 of 184 right, four wrong
// ("会员卡的钱可以提现吗" given how to join; "充500送几多啊" the delivery fee:
// 充 before an amount was no top-up; "外卖送到的时候如果洒了怎么处理" where
// delivery goes: 怎么处理 was no what-to-do; "我想去看哈房子，咋个约嘛" the
// areas served, on its remark), seven others answered, 48 of 48 persons.
// After reading: 86 right, two wrong, six others.
// Its sixth (a women's gym, a furniture shop, a visa agency, a hostel),
// run once on 3df0e68: 88 of 185 right, three wrong ("大床房可以带泰迪吗" given
// the double room's price; "几点锁门" the check-in hours; "住一个月床位多少钱"
// the nightly bed price, not the monthly), three others answered, 48 of 48
// persons. After reading: 88 right, two wrong, two others (what one asks
// to bring, or an invoice to be issued as, the FAQ knows nothing of).
// Its seventh (a children's dental clinic, a logistics outlet, a baking
// school, a solar and charger installer), run once on 8ecdcca: 81 of 186
// right, five wrong (four at the installer, between sibling entries:
// "预约好的勘察可以改时间吗" given how to book, as rescheduling was no
// concept), four others answered, 48 of 48 persons, and for the first
// time all 200 person-only messages handed over. After reading (改期, 改时间,
// reschedule became a concept: +5 and −3 right over the older sets): 81
// right, four wrong, four others.
// Session 14's first wave (a gas utility, a ski resort, a massage clinic, a
// cross-border shop), run once on 81f958c: 94 of 186 right, four wrong
// ("雪票买了不去了能退吗" given the coaching lessons' cancellation: not going
// was a cancellation the ticket refund never names; "办张卡一冬天随便滑要多少钱"
// the day ticket's price: 办张卡 was no 办卡; "I can smell gas in my
// kitchen, what should I do right now?" the stoves' installation price on
// its first clause; "租板多少" the night session's price: the rental's 租雪板
// did not meet 租板), four others answered ("足疗店加盟要多少钱",
// "天然气到底是从哪里输过来的啊", "水费的发票能在你们这开吗", "税务局电话是多少"),
// 48 of 48 persons. After reading: 95 right, none wrong, two others.
// Its second (a telecom business hall, a mountain scenic area, an
// adult-education admissions office, a vaccination clinic), run once on
// 922473b: 88 of 186 right, five wrong ("九价约不到，四价的要多少钱" given the
// nine-valent price on its remark; "明年成考大概几号考" the enrolment dates
// beside the exam dates; "How much is Gardasil 9?" and "flu shot price for
// adults?" between sibling vaccine prices on their English answers; "到了
// 换乘中心怎么去上山口？有车吗" parking, as its own entry asks no place),
// three others answered ("牙科几点开门", "考驾照的报名时间是什么时候", "医保卡丢了
// 怎么补办"), 48 of 48 persons. After reading (pinyin typed for Chinese
// read as the FAQ's words: +6 over all the sets): 89 right, five wrong,
// two others. Tried and dropped: answering the one question clause beside
// remarks (−13 right, two more wrong), and a modifier before 的 the FAQ
// does not know (−11 right for four others).
// Its third (a civil-service exam school, a pest controller, a water
// purifier service centre, a community group-buying service), run once on
// 39a33e4: 96 of 185 right, one wrong ("do u take alipay" given how to
// order, whose Chinese answer says 微信支付: an English message met the
// Chinese answers through their concepts alone), one other answered
// ("国考笔试是考哪几门"), 47 of 48 persons. After reading (an English message
// is weighed against the English answers only: +12 and −3 right over the
// other sets, one wrong for another, "how much is an e-bike at your
// shop?"): 97 right, none wrong, one other, 48 of 48.
// Its fourth (a phone-buyback shop, a hearing-aid shop, a nail and lash
// salon, a wedding planner), run once on 2ec65c0: 95 of 185 right, five
// wrong ("how much for lash extensions?" given lash removal, "Can we
// change our wedding date after booking?" how to book, "化妆师想用自己找的
// 可以不" the make-up price beside bringing one's own, "只请你们家zhuchi人可
// 以吗，价格多少" the packages' price on its clause 价格多少, "要是做完两三天就
// 掉了一个，可以回来补不" how long lashes last on its clause), two others
// answered ("家里狗狗好像聋了，能带来测听吗", "春熙路那边哪儿停车方便点啊"), 47 of
// 48 persons. After reading (only hand-off forms): 95 right, five wrong,
// two others, 48 of 48. Tried and dropped: a clause that asks only a kind
// of answer ("价格多少") not answered beside another with content (−6
// right for one wrong).
// Its fifth (a vehicle inspection station, an online bookstore, a
// cemetery, a study-abroad agency), run once on e33c96e: 110 of 185 right,
// five wrong (a typo, 年捡; "What documents should I bring for the car
// inspection?" and "How much cheaper are your used books…?" and "If I
// order tonight, when will it ship out?" on English answers; "要是到手发现书
// 被压出折痕了，你们一般怎么处理" on its clause 你们一般怎么处理), four others
// answered ("摩托车年检多少钱", "你们有电子版吗", "我家狗狗走了，能树葬在你们那吗",
// "地铁6号线末班车几点"), 46 of 48 persons. After reading (only hand-off
// forms): 110 right, five wrong, four others, 48 of 48.
// Its sixth (a piano shop, a car-film shop, an after-school centre, a
// shoe and bag care shop), run once on e5b084b: 97 of 186 right, two
// wrong (both English: "How much do you charge for tuning an upright
// piano?" given the rental, "Can you recolour my bag? what's the price"
// the cleaning price), no other answered, 48 of 48 persons. After reading
// (only hand-off forms): the same.
// Its seventh (a translation agency, a self-service mahjong room, a dog
// training school, a camping site), run once on 6468f44: 98 of 187 right,
// one wrong ("明早七点过想来搓两把，开门没得" given the door code on its clause
// 开门没得), three others answered ("停车场洗车多少钱", "停车场那边能洗车不",
// "成都今天天气怎么样"), 48 of 48 persons. After reading (only hand-off
// forms): the same.
//
// Its eighth (rental apartments, a gift-basket shop, a go-kart track, a
// bookkeeping agency), run once on 60f0e25: 99 of 185 right, two wrong
// ("预约的时间可以改不" given how to book: the time asked to change after it,
// not 改时间; "Can you issue invoices for my company?" the company
// registration), one other answered ("商标注册多少钱"), 48 of 48 persons.
// After reading (时间可以改 and its like join rescheduling: +5 right over
// the older sets): 100 right, one wrong, one other, 48 of 48.
//
// Its ninth (a 24-hour gym, a children's myopia clinic, piano movers, a
// birthday-cake shop), run once on 6f6f6aa: 102 of 184 right, four wrong
// ("私教在哪约" given the trainers' price; "预约的时间可以往后挪吗" how to book:
// 往后挪 was no rescheduling; "How much do ortho-k lenses cost at your
// clinic?" on an English answer; "呈贡送不送" a sibling), two others
// answered ("儿童近视是遗传的吗", "你们大厦的停车场晚上能包月吗"), 49 of 49
// persons. After reading (往后挪 and 挪个时间 join rescheduling): 103 right,
// three wrong, two others.
//
// Session 15's first (home-appliance repair, a postpartum confinement
// centre, bottled-water delivery, a TCM clinic), run once on 7ffde94: 88 of
// 187 right, two wrong ("How much do you charge just for the technician to
// come and check?" given the air-conditioner relocation price; "can I book
// an appointment online?" the cancelling entry, whose English answer says
// online booking: 网上 was no "online"), two others answered ("地铁2号线今天
// 是不是停运了", "有没有刮痧拔罐减肥的套餐"), 48 of 48 persons. After reading
// (网上 joins "online"; "是不是X了" asks whether X happened, not known when
// none of X is in the FAQ; "有没有…的套餐" asks for its head): 88 right, one
// wrong, no others.
//
// Its second (a locksmith, fresh-milk delivery, a counselling studio, a
// farm stay), run once on f3f921a: 73 of 187 right, one wrong ("侬拉礼拜天
// 开门伐" given the locksmith's door-opening price: 开门 is both), one other
// answered ("店门口好停车不 我开车过去": the parking concept's 开车 met 能开
// 车门吗), 48 of 48 persons. After reading (a pair of the FAQ typed in
// pinyin as one word, "dingnai"; 有冇得租 asks whether one can rent; "租的
// 房子" asks no renting; coming over, 过来, is no deed of a trade): 74
// right, the same wrong and other.
//
// Its third (computer repair, a children's dance school, a team-building
// organiser, a designated-driver service), run once on 376922f: 68 of 188
// right, two wrong ("Is insurance included in the price?" given the price
// entry, whose answer does say accident insurance is included; "can your
// driver take my car from Shenzhen to Huizhou?" the cars entry: Huizhou is
// in the right entry's English answer only), no other answered, 48 of 48
// persons. After reading (换个/更换 are replacing, not the exchange of
// goods: "换个屏" is the screen; Shanghainese 勒啥地方 is 在哪里; 远不远
// asks where; "你们这能…" opens with no subject; 真人cs asks for no
// person, "我想换个咨询师" for one): 71 right, the same two wrong.
//
// Its fourth (second-hand textbooks, car detailing, pet grooming at home,
// hanfu rental), run once on 3c32fe8: 91 of 186 right, two wrong ("…你们收
// 不收呀，能上门不" given delivery on its second question, the first
// asking whether used books are bought; "How much do your used textbooks
// cost compared to buying new?" the buying-back entry), no other
// answered, 48 of 48 persons. After reading: the same (refusing one
// question of two that ask of other things cost 26 right over the older
// sets; counting a pair across two concept words, 礼拜天|开门, as theirs
// gained 3 right for a wrong, another answered and a person missed: both
// left out).
//
// Its fifth (wedding cars, adult music lessons, home organisers, a tea-garden
// homestay), run once on cae12d4: 73 of 187 right, one wrong ("Can I drive
// the car myself or does it come with a driver?" given the price), no
// other answered, 45 of 48 persons ("…气死我了 装饰费388必须退", "麻烦联系
// 一下李老师", "你们寄的茶叶包装破了 洒了一半 怎么处理"). After reading (those
// forms; a clause that asks of a bare topic beside a remark, "付现金行不？我
// 没得微信"; 服务时间 and its like name the opening hours): 74 right, one
// wrong, 48 of 48.
//
// Its sixth (an eyelash studio, second-hand furniture, a bathhouse, a
// children's robotics class), run once on 52ff727: 85 of 184 right, none
// wrong, three others answered ("包间能唱K不"; "文化广场那个校区门口好停车不",
// whose address entry's English answer says "Creative Park": "park" was
// parking; "文化广场附近有啥好吃的推荐"), 48 of 48 persons. After reading
// (唱K is singing; the parking concept's English asks to park, not a park;
// a tip of what is good near by asks what the FAQ does not say): 85 right,
// no wrong, no other.
//
// Its seventh (a hot-spring hotel, online English for children, a phone
// repair kiosk, a fishing-tackle shop), run once on 16c537b: 78 of 189
// right, two wrong ("外教口音标准不？我想要美音的" given the price entry,
// whose alternative says 收费标准; "Can you come to my office to fix my
// phone? I'm in Dongcheng" the water-damage entry), no other answered, 48
// of 48 persons. After reading (a yes-no question that asks no kind of
// answer and speaks of no paying is no price-only entry's question): 78
// right, one wrong.
//
// Its eighth (pet sitting, a golf driving range, cleaning after renovation,
// a qipao tailor), run once on 0ee4003: 87 of 185 right, one wrong ("外地的
// 咋整啊 自己在家量尺寸行不行" given the fitting appointment, not remote
// tailoring), two others answered ("遛狗绳哪种好 推荐一下", "平江路有啥好吃的推荐
// 一下"), 47 of 48 persons ("找一下你们客服，机器人说的我听不懂"). After reading
// (which kind of a thing is good is judged by its head; a tip of what is
// good to eat asks what the FAQ does not say; those hand-off forms): 87
// right, one wrong, no other, 48 of 48.
//
// Its ninth (a trampoline park, used-car inspection, parcel forwarding, a
// senior day-care centre), run once on e59d555: 82 of 189 right, six wrong
// ("可以自己带水不" and "里面有卖吃的吗 还是要自己带" given the socks entry,
// whose alternative says 自己带; "特斯拉model3二手的能检测吗" the price, not
// electric cars; "how much do you charge per kg from the US warehouse?"
// the shopping fee; "我爸坐轮椅的 你们收吗" the pick-up entry, whose answer
// speaks of wheelchairs; "Can I come and visit before signing my mum up?"
// the pick-up entry), two others answered ("发票和收据有啥区别啊", "听说地铁6号
// 线东延段开通了？"), 48 of 48 persons. After reading (how two things differ
// is an explanation no entry gives unless it says 区别; hand-off forms):
// 82 right, six wrong, one other.
//
// Its tenth (a pet hospital, custom T-shirts and mugs, a barbecue
// restaurant, a motorcycle school), run once on 0f3f08b: 81 of 188 right,
// one wrong ("Do you ship to the US?" given the delivery time), no other
// answered, 48 of 48 persons. After reading (hand-off forms only): the
// same.
//
// Session 16's first wave (a paid self-study room, a pottery studio, a
// home EV-charger installer, a watch repairer), run once on ccead38: 126
// of 185 right, five wrong ("小鵬送嘅充電樁你哋可唔可以裝？" the charger
// prices, not brand-gifted chargers; "I already bought a charger on JD,
// how much do you charge just for the installation?" the same; "How long
// does the installation take on the day itself?" the grid meter's wait;
// "換完電池保用幾耐㗎" the battery price; "保养完了管多久啊" the time to
// collect), five others answered (three hours of other places asked as
// "你知道不"; "充电桩需要买保险吗，一年多少钱"; "换表镜多少钱？"), 45 of 48
// persons. After reading (保用 is warranty; a question ending "do you
// know" asks what we may know of elsewhere; hand-off forms): 127 right,
// four wrong, two others, 48 of 48.
//
// Its second (a car driving school, a scuba-diving school, a pet
// cremation service, a children's taekwondo school), run once on f8a4782:
// 122 of 184 right, none wrong, seven others answered ("摩托车驾照多少钱" to
// a car school, "AOW进阶课程多少钱？" where the FAQ prices OW, "考黑带段位要多少
// 钱啊" where it prices the colour belts, the hours of the hospital for the
// check-up and of the mall downstairs, "谢谢教练！辛苦了", and "元旦那天开门吗",
// whose writer judged an answer that defers holidays no answer), 48 of 48
// persons. After reading (another place's hours; thanks said twice;
// hand-off forms): 122 right, none wrong, four others, 48 of 48.
//
// Its third (a calligraphy school, RV rental, an e-sports hotel, an
// optician), run once on 1e385db: 121 of 184 right, none wrong, three
// others answered ("浙江美术馆周一几点开门啊", "书法考级证书中考能加分不",
// "太阳镜多少钱一副" where the FAQ prices frames), 48 of 48 persons. After
// reading (more places whose hours are not ours; a long story typed in
// pinyin is not the FAQ's question with its particles dropped; hand-off
// forms): 121 right, none wrong, two others, 48 of 48.
//
// Its fourth, two companies (a private-kitchen restaurant, a baby swimming
// centre; two more helpers never finished), run once on b9c411e: 59 of 92
// right, two wrong ("ni men dian zai na li a" the parking entry: the pinyin
// of 店 is no word of an FAQ that says 餐厅, and only 哪里 was left; "ci ka
// duo shao qian a" the single visit's price, not the card's), four others
// answered ("蛋糕你们店能代订吗 多少钱一个", "办卡送的礼品是什么", "你们有小儿推拿吗，一次
// 多少钱" on its price clause, "宝宝游泳真的能促进长个子吗"), 24 of 24 persons.
// After reading (what a thing said of something is, when the FAQ knows no
// such thing; hand-off forms): 59 right, two wrong, three others.
//
// A fifth, one company (roadside assistance; written late, by the third
// helper of the fourth wave), run once on cc73a7c: 29 of 47 right, one
// wrong ("dadian duoshao qian a": 搭电 read only as far as the FAQ's words
// go), three others answered ("大货车能拖不，9米6的" and "摩托车能拖吗", kinds of
// vehicle the towing entry does not cover; "你们停车场能洗车不"), 11 of 12
// persons. After reading (a licence plate is a reference; 帮我改一下): 29
// right, one wrong, three others, 12 of 12.
//
// A sixth, one company (online piano practice coaching; the fourth
// wave's last helper, later still), run once on c3229ef: 32 of 46 right,
// none wrong, one other answered ("推荐几首适合6岁孩子的练习曲"), 12 of 12
// persons. After reading (a request that opens with 推荐 asks advice no
// entry gives unless a question asks for it; hand-off forms): 32 right,
// none wrong, no other.
//
// Session 17 (4 December), first wave: a tattoo studio, movers, an
// aquarium and a tyre shop, run once on acc61ef: 112 of 184 right, 3
// wrong, 4 of 56 others answered (another place's hours: 对面那家火锅,
// 小区物业, 附近的车管所; 钢琴调音 to movers who price moving pianos), 48 of
// 48 persons. Second wave: an internet café, a wine shop, a bicycle shop
// and a children's party venue, run once on acc61ef: 117 of 184 right, 2
// wrong, 6 of 56 others, 46 of 48 persons. After reading both (the place
// a place is of; 那家; 晓得不 without "you"; a where-question of the
// address or the invoice; a dissatisfaction asked as the rule; pinyin
// read with the words of everyday speech): 119 and 119 right, 3 and 2
// wrong, 1 and 5 others, 48 and 48 persons. Third wave: a dental clinic,
// a camera rental, seafood delivery and a guitar school, run once on
// acc61ef: 123 of 185 right, 2 wrong, 4 of 56 others, 48 of 48 persons.
// Fourth wave: a children's football academy, an appliance store, a law
// firm and a noodle restaurant, run once on acc61ef: 114 of 184 right, 1
// wrong, 7 of 56 others, 48 of 48 persons. After reading the third and
// fourth (thanks and praise as a remark; a place named in Latin letters;
// a court's, a ferry's hours; a word of redress the FAQ's questions ask,
// 律师 to a law firm; the address asked in one clause of several): 125
// and 122 right, 1 and 1 wrong, 1 and 5 others, 48 and 48 persons.
// Fifth wave: a car park, hot-pot delivery, a paragliding club and a
// community hospital, run once on 4b12cd6: 122 of 184 right, 3 wrong, 4
// of 56 others, 48 of 48 persons. After reading (a space between Chinese
// characters cuts a clause, every clause is checked for what the FAQ does
// not know, and a clause that asks only a price asks it of what the others
// name: +101 right over the 166 older sets for +3 wrong and +1 other;
// 货到付款 is paying; stories in clauses): 128 right, 4 wrong, 3 others,
// 48 of 48 persons.
// Sixth wave: home tutoring, a cat café, a yacht marina and an elderly
// canteen, run once on 2fae748: 109 of 186 right, 3 wrong, 3 of 56
// others, 47 of 48 persons. After reading (advice asked, 有什么建议; where
// goods come from, 哪儿进的; a price offered, 1500行不行; a charge asked
// to be waived; a standing arrangement asked for; a pupil named): 109
// right, 3 wrong, 1 other, 48 of 48 persons.
// Seventh wave: a physiotherapy clinic, battery-swap cabinets, a theatre
// box office and a Mandarin school, run once on 042d6a8: 125 of 186
// right, 2 wrong, 3 of 56 others, 47 of 48 persons. After reading (a
// message that is an entry's own phrasing is that entry's; 崽 is a child;
// the subject after a day's 的; 算我250; CCTV asked; 要求全额退款): 125
// right, 1 wrong, 2 others, 48 of 48 persons.
// Eighth wave: a water park, fabric cleaning, piano tuning and a
// fitness-equipment store, run once on 15b78a1: 116 of 184 right, 2
// wrong, 8 of 56 others, 47 of 48 persons. After reading (the weather
// asked; 楼上那个健身房; 售后 is no selling, so "你们卖床垫吗" to a cleaner is
// unknown; 蛮好的 is praise; a price offered as "250行不"; "发给谁"; a
// meeting asked to talk things through): 116 right, 2 wrong, 4 others,
// 48 of 48 persons.
// Ninth wave: a tile showroom, pet-friendly hotel booking, a rice-noodle
// outlet and a first-aid school, run once on cb8cef1: 145 of 186 right,
// none wrong, 2 of 56 others, 48 of 48 persons. After reading (周末愉快 is
// a greeting): 145 right, none wrong, 1 other.
// Tenth wave: an online pharmacy, an English summer camp, a book and
// vinyl café and power-bank rental, run once on 0d00a29: 124 of 185
// right, 3 wrong, 5 of 56 others, 48 of 48 persons. Read for persons'
// forms only (the session's end was near): 124 right, 3 wrong, 5 others.
//
// Figures are printed; misses and wrong answers are logged.
func TestFAQEvaluationBlindWaves(t *testing.T) {
	for _, c := range []struct{ set, company string }{
		{"eval14", "home cleaning"}, {"eval15", "tea shop"},
		{"eval16", "photo studio"}, {"eval17", "swimming school"},
		{"eval18", "auto repair"}, {"eval19", "IELTS school"},
		{"eval20", "hotpot restaurant"}, {"eval21", "rental flats"},
		{"eval22", "kindergarten"}, {"eval23", "audio shop"},
		{"eval24", "laundry"}, {"eval25", "travel agency"},
		{"eval26", "florist"}, {"eval27", "car rental"},
		{"eval28", "art school"}, {"eval29", "broadband installer"}, {"eval30", "print shop"},
		{"eval31", "banquet restaurant"}, {"eval32", "e-bike shop"}, {"eval33", "pharmacy"},
		{"eval34", "hair salon"}, {"eval35", "property manager"}, {"eval36", "escape room"},
		{"eval37", "car wash"}, {"eval38", "yoga studio"}, {"eval39", "luxury resale"}, {"eval40", "elder care"},
		{"eval41", "children's playground"}, {"eval42", "used-car dealer"}, {"eval43", "ticket agency"},
		{"eval44", "tailor"}, {"eval45", "coworking space"}, {"eval46", "vet"},
		{"eval47", "fresh-fruit shop"}, {"eval48", "nanny agency"}, {"eval49", "cosmetics shop"}, {"eval50", "self-storage"},
		{"eval51", "phone shop"}, {"eval52", "accounting school"}, {"eval53", "bridal shop"}, {"eval54", "renovation company"},
		{"eval55", "pet-food shop"}, {"eval56", "aesthetics clinic"}, {"eval57", "badminton club"}, {"eval58", "airport transfers"},
		{"eval59", "check-up centre"}, {"eval60", "KTV"}, {"eval61", "car dealer"}, {"eval62", "coding school"},
		{"eval63", "game studio"}, {"eval64", "estate agency"}, {"eval65", "cinema"}, {"eval66", "bubble-tea shop"},
		{"eval67", "women's gym"}, {"eval68", "furniture shop"}, {"eval69", "visa agency"}, {"eval70", "hostel"},
		{"eval71", "children's dentist"}, {"eval72", "logistics outlet"}, {"eval73", "baking school"}, {"eval74", "solar installer"},
		{"eval75", "gas utility"}, {"eval76", "ski resort"}, {"eval77", "massage clinic"}, {"eval78", "cross-border shop"},
		{"eval79", "telecom hall"}, {"eval80", "scenic area"}, {"eval81", "adult-education office"}, {"eval82", "vaccination clinic"},
		{"eval83", "civil-service school"}, {"eval84", "pest control"}, {"eval85", "water purifiers"}, {"eval86", "group buying"},
		{"eval87", "phone buyback"}, {"eval88", "hearing aids"}, {"eval89", "nail salon"}, {"eval90", "wedding planner"},
		{"eval91", "vehicle inspection"}, {"eval92", "online bookstore"}, {"eval93", "cemetery"}, {"eval94", "study-abroad agency"},
		{"eval95", "piano shop"}, {"eval96", "car-film shop"}, {"eval97", "after-school centre"}, {"eval98", "shoe and bag care"},
		{"eval99", "translation agency"}, {"eval100", "mahjong room"}, {"eval101", "dog school"}, {"eval102", "camping site"},
		{"eval103", "rental apartments"}, {"eval104", "gift baskets"}, {"eval105", "go-kart track"}, {"eval106", "bookkeeping agency"},
		{"eval107", "24-hour gym"}, {"eval108", "myopia clinic"}, {"eval109", "piano movers"}, {"eval110", "cake shop"},
		{"eval111", "appliance repair"}, {"eval112", "confinement centre"}, {"eval113", "bottled water"}, {"eval114", "TCM clinic"},
		{"eval115", "locksmith"}, {"eval116", "milk delivery"}, {"eval117", "counselling studio"}, {"eval118", "farm stay"},
		{"eval119", "computer repair"}, {"eval120", "dance school"}, {"eval121", "team building"}, {"eval122", "designated drivers"},
		{"eval123", "used textbooks"}, {"eval124", "car detailing"}, {"eval125", "mobile pet grooming"}, {"eval126", "hanfu studio"},
		{"eval127", "wedding cars"}, {"eval128", "adult music lessons"}, {"eval129", "home organisers"}, {"eval130", "tea homestay"},
		{"eval131", "eyelash studio"}, {"eval132", "used furniture"}, {"eval133", "bathhouse"}, {"eval134", "robotics class"},
		{"eval135", "hot-spring hotel"}, {"eval136", "online English"}, {"eval137", "phone repair kiosk"}, {"eval138", "fishing tackle"},
		{"eval139", "pet sitting"}, {"eval140", "golf range"}, {"eval141", "post-renovation cleaning"}, {"eval142", "qipao tailor"},
		{"eval143", "trampoline park"}, {"eval144", "used-car inspection"}, {"eval145", "parcel forwarding"}, {"eval146", "senior day care"},
		{"eval147", "pet hospital"}, {"eval148", "custom prints"}, {"eval149", "barbecue restaurant"}, {"eval150", "motorcycle school"},
		{"eval151", "paid study room"}, {"eval152", "pottery studio"}, {"eval153", "EV-charger installer"}, {"eval154", "watch repair"},
		{"eval155", "driving school"}, {"eval156", "diving school"}, {"eval157", "pet cremation"}, {"eval158", "taekwondo school"},
		{"eval159", "calligraphy school"}, {"eval160", "RV rental"}, {"eval161", "e-sports hotel"}, {"eval162", "optician"},
		{"eval164", "private kitchen"}, {"eval165", "baby swimming"},
		{"eval163", "roadside assistance"},
		{"eval166", "piano practice coaching"},
		{"eval167", "tattoo studio"},
		{"eval168", "moving company"},
		{"eval169", "aquarium"},
		{"eval170", "tyre shop"},
		{"eval171", "internet café"},
		{"eval172", "wine shop"},
		{"eval173", "bicycle shop"},
		{"eval174", "party venue"},
		{"eval175", "dental clinic"},
		{"eval176", "camera rental"},
		{"eval177", "seafood delivery"},
		{"eval178", "guitar school"},
		{"eval179", "children's football"},
		{"eval180", "appliance store"},
		{"eval181", "law firm"},
		{"eval182", "noodle restaurant"},
		{"eval183", "car park"},
		{"eval184", "hot-pot delivery"},
		{"eval185", "paragliding club"},
		{"eval186", "community hospital"},
		{"eval187", "home tutoring"},
		{"eval188", "cat café"},
		{"eval189", "yacht rental"},
		{"eval190", "elderly canteen"},
		{"eval191", "physiotherapy clinic"},
		{"eval192", "battery-swap cabinets"},
		{"eval193", "theatre box office"},
		{"eval194", "Mandarin school"},
		{"eval195", "water park"},
		{"eval196", "fabric cleaning"},
		{"eval197", "piano tuning"},
		{"eval198", "fitness equipment"},
		{"eval199", "tile showroom"},
		{"eval200", "pet-friendly hotels"},
		{"eval201", "rice-noodle outlet"},
		{"eval202", "first-aid training"},
		{"eval203", "online pharmacy"},
		{"eval204", "English summer camp"},
		{"eval205", "book and vinyl café"},
		{"eval206", "power-bank rental"},
	} {
		evaluateSet(t, c.set, c.company+", even lines (blind, read once)", c.company+", odd lines (blind, read once)")
	}
}
