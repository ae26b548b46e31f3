package matcher_test

import "github.com/rapport-crm/rapport/crm"

// ruleCases are the decisions the rules must take on the fixture.
func ruleCases(f *fixture) []ruleCase {
	hq, acme, rep := f.id(crm.RefCustomer, "huaqiang"), f.id(crm.RefCustomer, "acme"), f.id("user", "rep")
	return append(append(threadCases(), identityCases()...), append(append(phoneCases(), recordCases()...),
		append(append(domainCases(hq, acme, rep), leadCases()...), colleagueCases(hq, rep)...)...)...)
}

func threadCases() []ruleCase {
	return []ruleCase{
		{"thread, the thread's contact", email("li.lei@huaqiang.example", "李雷", "Re: 样品", "好的", "<thread-li@huaqiang>"),
			want{conv: "li", contact: "li", customer: "huaqiang", links: []string{
				"conversation:li thread <thread-li@huaqiang>",
				"contact:li email li.lei@huaqiang.example", "customer:huaqiang email li.lei@huaqiang.example"}}},
		{"thread, a colleague at the same customer", email("hanmeimei@qq.com", "韩梅梅", "Re: 样品", "收到", "<unknown@x>", "<thread-li@huaqiang>"),
			want{conv: "li", contact: "han", customer: "huaqiang", links: []string{
				"conversation:li thread <thread-li@huaqiang>",
				"contact:han email hanmeimei@qq.com", "customer:huaqiang email hanmeimei@qq.com"}}},
		{"thread, a contact at another customer: keep the thread, review the contact",
			email("bob@acme.example", "Bob", "Re: 样品", "ok", "<thread-li@huaqiang>"),
			want{conv: "li", links: []string{"conversation:li thread <thread-li@huaqiang>"},
				review: []string{"contact:li thread", "customer:huaqiang thread", "contact:bob email", "customer:acme email"}}},
		{"thread to our first mail: the prospect becomes a lead",
			email("newbie@gmail.com", "New Bie", "Re: Rapport intro", "interested", "<ours-1@rapport>"),
			want{conv: "prospect", links: []string{"conversation:prospect thread <ours-1@rapport>"},
				newLead: &crm.Lead{Name: "New Bie", Email: "newbie@gmail.com", Source: crm.LeadSource{Channel: crm.ChannelEmail},
					Notes: "Re: Rapport intro\n\ninterested"}}},
	}
}

func identityCases() []ruleCase {
	other := wechat("oOther", "uLiLei", "hi")
	other.Account, other.Identity.Key = "wxapp2", "wxapp2"
	chenZhou := wechat("oChen", "", "hi")
	chenZhou.Person.Email = "zhou@acme.example"
	return []ruleCase{
		{"WeChat identity", wechat("oLiLei", "", "你好"), want{contact: "li", customer: "huaqiang", links: []string{
			"contact:li identity oLiLei", "customer:huaqiang identity oLiLei"}}},
		{"unionid from another account", other, want{contact: "li", customer: "huaqiang", links: []string{
			"contact:li unionid uLiLei", "customer:huaqiang unionid uLiLei"}}},
		{"exact address, any case", email("LI.LEI@HuaQiang.Example", "", "hi", ""), want{contact: "li", customer: "huaqiang",
			links: []string{"contact:li email li.lei@huaqiang.example", "customer:huaqiang email li.lei@huaqiang.example"}}},
		{"form address", form(crm.Person{Name: "Bob", Email: "bob@acme.example"}, ""), want{contact: "bob", customer: "acme",
			links: []string{"contact:bob email bob@acme.example", "customer:acme email bob@acme.example"}}},
		{"address shared by two contacts of one customer: review, customer kept",
			email("info@acme.example", "Acme", "", "hello"),
			want{customer: "acme", links: []string{"customer:acme email info@acme.example"},
				review: []string{"contact:sales email", "contact:support email"}}},
		{"a stated phone narrows a shared address", form(crm.Person{Name: "S", Email: "info@acme.example", Phone: "133 0013 3000"}, ""),
			want{contact: "support", customer: "acme", links: []string{
				"contact:support phone +8613300133000", "customer:acme phone +8613300133000"}}},
		{"identity says Chen, address says Zhou: review", chenZhou,
			want{review: []string{"contact:chen identity", "contact:zhou email"}}},
		{"two contacts on one free-mail domain stay apart", email("wangfang@qq.com", "王芳", "", "hi"),
			want{contact: "wang", links: []string{"contact:wang email wangfang@qq.com"}}},
	}
}

func phoneCases() []ruleCase {
	return []ruleCase{
		{"phone in Chinese text from free mail", email("someone@gmail.com", "", "咨询", "我的电话是13800138000，谢谢"),
			want{contact: "li", customer: "huaqiang", links: []string{
				"contact:li phone +8613800138000", "customer:huaqiang phone +8613800138000"}}},
		{"stated phone in a form, US format", form(crm.Person{Name: "B.", Phone: "+1 415-555-0134"}, ""),
			want{contact: "bob", customer: "acme", links: []string{
				"contact:bob phone +14155550134", "customer:acme phone +14155550134"}}},
		{"shared phone: review, no contact, no customer", email("x@gmail.com", "", "", "call 137 0013 7000"),
			want{review: []string{"contact:zhang1 phone", "contact:zhang2 phone"}}},
		{"a known sender mentioning a colleague's phone stays themself",
			email("li.lei@huaqiang.example", "李雷", "", "请联系韩梅梅 13900139000"),
			want{contact: "li", customer: "huaqiang", links: []string{
				"contact:li email li.lei@huaqiang.example", "customer:huaqiang email li.lei@huaqiang.example"}}},
	}
}

func recordCases() []ruleCase {
	return []ruleCase{
		{"order number: the order and its customer", email("buyer@gmail.com", "", "关于订单 SO-20240001", "什么时候发货？"),
			want{customer: "huaqiang", links: []string{
				"order:SO-20240001 order_number SO-20240001", "customer:huaqiang order_number SO-20240001"}}},
		{"contract and task numbers", email("x@gmail.com", "", "HT2024002", "T-1001 进度如何"),
			want{customer: "acme", links: []string{"order:HT2024002 order_number HT2024002",
				"task:T-1001 task_number T-1001", "customer:acme order_number HT2024002"}}},
		{"a contact quoting another customer's contract keeps their customer",
			email("li.lei@huaqiang.example", "李雷", "HT2024002", "?"),
			want{contact: "li", customer: "huaqiang", links: []string{"contact:li email li.lei@huaqiang.example",
				"customer:huaqiang email li.lei@huaqiang.example", "order:HT2024002 order_number HT2024002"}}},
		{"numbers in quoted text are not searched", email("someone@gmail.com", "", "Re: hi", "thanks\n> 13800138000 SO-20240001"),
			want{newLead: &crm.Lead{Email: "someone@gmail.com", Source: crm.LeadSource{Channel: crm.ChannelEmail}, Notes: "Re: hi"}}},
	}
}

func domainCases(hq, acme, rep int64) []ruleCase {
	return []ruleCase{
		{"corporate domain: a new contact of that customer", email("liu.qiang@huaqiang.example", "刘强", "样品", "请寄样品"),
			want{customer: "huaqiang", links: []string{"customer:huaqiang domain huaqiang.example"},
				newContact: &crm.Contact{Name: "刘强", Emails: []string{"liu.qiang@huaqiang.example"}, CustomerID: &hq, OwnerID: &rep}}},
		{"corporate domain, no display name", email("new.buyer@acme.example", "", "", "hi"),
			want{customer: "acme", links: []string{"customer:acme domain acme.example"},
				newContact: &crm.Contact{Name: "new.buyer", Emails: []string{"new.buyer@acme.example"}, CustomerID: &acme}}},
		{"an order of another customer outranks the domain: no new contact",
			email("new.guy@huaqiang.example", "New Guy", "HT2024002", "?"),
			want{customer: "acme", links: []string{"order:HT2024002 order_number HT2024002",
				"customer:acme order_number HT2024002"}}},
		{"an order of the domain's customer: a new contact too",
			email("new.guy@huaqiang.example", "New Guy", "SO-20240001", "?"),
			want{customer: "huaqiang", links: []string{"order:SO-20240001 order_number SO-20240001",
				"customer:huaqiang order_number SO-20240001"},
				newContact: &crm.Contact{Name: "New Guy", Emails: []string{"new.guy@huaqiang.example"}, CustomerID: &hq, OwnerID: &rep}}},
		{"two customers on one domain: review", email("a@twin.example", "A", "", "hi"),
			want{review: []string{"customer:twin1 domain", "customer:twin2 domain"}}},
		{"free mail never names a customer, even one set to it", email("newperson@qq.com", "小明", "询价", "你好，想了解产品"),
			want{newLead: &crm.Lead{Name: "小明", Email: "newperson@qq.com", Source: crm.LeadSource{Channel: crm.ChannelEmail},
				Notes: "询价\n\n你好，想了解产品"}}},
		{"automated mail from a customer's domain: no new contact",
			automated(email("mailer-daemon@huaqiang.example", "Mail Delivery", "Undeliverable", "failed")),
			want{customer: "huaqiang", links: []string{"customer:huaqiang domain huaqiang.example"}}},
	}
}

func leadCases() []ruleCase {
	return []ruleCase{
		{"查重 by address", email("zhaoliu@163.com", "赵六", "再问一下", "价格？"),
			want{lead: "zhao", links: []string{"lead:zhao dup_lead zhaoliu@163.com"}}},
		{"查重 by stated phone", form(crm.Person{Name: "孙七", Phone: "136 0013 6000"}, ""),
			want{lead: "sun", links: []string{"lead:sun dup_lead +8613600136000"}}},
		{"查重 by phone in a WeChat text", wechat("oNewFan", "", "我的手机13600136000"),
			want{lead: "sun", links: []string{"lead:sun dup_lead +8613600136000"}}},
		{"查重 by company name: the lead", form(crm.Person{Name: "周八", Email: "zhouba@163.com", Company: "星辰科技（北京）有限公司"}, ""),
			want{lead: "xingchen", links: []string{"lead:xingchen dup_lead 星辰科技"}}},
		{"查重 by company name: the customer", form(crm.Person{Name: "吴九", Email: "wujiu@126.com", Company: "华强电子"}, ""),
			want{customer: "huaqiang", links: []string{"customer:huaqiang company 华强电子"}}},
		{"a new lead from a form", form(crm.Person{Name: "郑十", Email: "Zheng.Shi@Startup.example", Phone: "+86 135-0013-5000",
			Company: "新创科技有限公司", Title: "CTO", Custom: map[string]string{"budget": "100k"}}, "想要演示"),
			want{newLead: &crm.Lead{Name: "郑十", Company: "新创科技有限公司", Title: "CTO", Phone: "+8613500135000",
				Email: "zheng.shi@startup.example", Custom: map[string]string{"budget": "100k"}, Notes: "想要演示",
				Source: crm.LeadSource{Channel: crm.ChannelWebForm, Form: "contact-us", UTMSource: "baidu"}}}},
		{"a WeChat follower known by openid only", wechat("oStranger", "", "在吗"),
			want{newLead: &crm.Lead{Name: "oStranger", Source: crm.LeadSource{Channel: crm.ChannelWeChat}, Notes: "在吗"}}},
		{"automated mail never makes a lead", automated(email("noreply@newsletter.example", "News", "Weekly", "news")),
			want{}},
		{"our own colleague never becomes a lead", email("boss@rapport.example", "Boss", "fwd", "see below"), want{}},
	}
}
