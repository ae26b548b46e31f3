package bot

// concepts are groups of words that mean the same thing to a customer
// asking a question: colloquial and formal Chinese, and the English a
// follower may write. A message and an FAQ phrasing that name the same
// concept match on it even when they share no characters ("refund" and
// 退款, 咋 and 怎么). They are vocabulary of customer service, not of one
// FAQ; the FAQ's own alternative phrasings do the rest.
var concepts = [][]string{
	{"退款", "退钱", "钱退", "返款", "refund", "money back"},
	{"退货", "退回", "寄回", "退掉", "return", "send back", "send it back"},
	{"换货", "调换", "更换", "换一个", "换个", "exchange", "swap", "replace"},
	{"发货", "寄出", "出库", "ship", "shipped", "shipping", "dispatch"},
	{"快递", "物流", "包裹", "配送", "送货", "邮寄", "courier", "delivery", "deliver", "parcel", "express"},
	{"运费", "邮费", "包邮", "免邮", "shipping fee", "shipping cost", "postage", "free shipping", "shipping free", "free delivery", "delivery free", "ship for free", "delivery fee"},
	{"多久", "多长时间", "几天", "多少天", "什么时候", "啥时候", "何时", "几时", "how long", "when", "how many days"},
	{"发票", "开票", "invoice", "receipt", "fapiao", "vat"},
	{"付款", "支付", "付钱", "买单", "payment", "pay", "paying"},
	{"微信支付", "支付宝", "信用卡", "银行卡", "转账", "花呗", "alipay", "wechat pay", "credit card", "bank transfer", "visa", "mastercard"},
	{"价格", "多少钱", "价钱", "报价", "售价", "几块钱", "price", "cost", "how much", "quote", "pricing"},
	{"优惠", "打折", "折扣", "便宜", "活动", "促销", "优惠券", "券", "discount", "coupon", "promotion", "promo", "sale", "cheaper"},
	{"保修", "质保", "保修期", "维修", "修理", "坏了", "故障", "warranty", "guarantee", "repair", "broken", "fix"},
	{"营业时间", "上班时间", "几点", "开门", "关门", "工作时间", "在线时间", "opening hours", "business hours", "open", "hours", "what time"},
	{"地址", "在哪", "在哪里", "位置", "门店", "实体店", "店铺", "怎么去", "address", "location", "where", "store", "shop", "showroom"},
	{"电话", "联系方式", "热线", "手机号", "phone", "call", "hotline", "contact number", "telephone"},
	{"会员", "积分", "vip", "membership", "member", "points", "loyalty"},
	{"密码", "登录", "登陆", "账号", "账户", "注册", "password", "login", "log in", "sign in", "account", "register", "sign up"},
	{"尺码", "尺寸", "大小", "码数", "规格", "size", "sizes", "dimension", "dimensions"},
	{"库存", "有货", "现货", "缺货", "断货", "补货", "in stock", "stock", "available", "availability", "sold out", "restock"},
	{"取消", "不要了", "撤销", "cancel", "cancellation"},
	{"修改地址", "改地址", "地址填错", "换地址", "change address", "wrong address", "update address", "change my address"},
	{"国外", "海外", "国际", "境外", "香港", "台湾", "international", "overseas", "abroad", "worldwide"},
	{"安装", "装机", "上门安装", "install", "installation", "set up", "setup"},
	{"正品", "真假", "假货", "正版", "authentic", "genuine", "fake", "original", "counterfeit"},
	{"批发", "批量", "大量", "团购", "采购", "企业采购", "wholesale", "bulk", "large order", "corporate"},
	{"说明书", "使用方法", "怎么用", "如何使用", "教程", "manual", "instructions", "how to use", "tutorial", "guide"},
	{"充电", "电池", "续航", "battery", "charge", "charging"},
	{"无理由", "七天", "7天", "7 days", "seven days", "no reason", "14 days"},
	{"怎么", "怎样", "如何", "咋", "咋样", "怎么办", "how", "how do", "how can"},
	{"可以", "能不能", "能否", "可不可以", "行不行", "can", "could", "may", "is it possible"},
	{"什么", "啥", "哪些", "哪种", "what", "which"},
}
