package web

// panelMessages are the 360° panel's and the refs' strings.
var panelMessages = map[string]struct{ en, zh string }{
	"c360.title": {"Customer 360°", "客户全景"}, "c360.unknown": {"Not linked to a customer yet.", "尚未关联客户。"},
	"c360.conversations": {"Other conversations", "其他会话"}, "c360.none": {"None.", "无。"},
	"c360.orders": {"Open orders and contracts", "进行中的订单与合同"}, "c360.due": {"Payments due", "待回款"},
	"c360.overdue": {"overdue", "已逾期"}, "c360.tasks": {"Open tasks", "待办任务"},
	"c360.follow_ups": {"Recent follow-ups", "最近跟进"}, "c360.log": {"Log a follow-up", "记录跟进"},
	"c360.task":    {"Create a task", "新建任务"},
	"ref.customer": {"Customer", "客户"}, "ref.contact": {"Contact", "联系人"}, "ref.lead": {"Lead", "线索"},
	"ref.order": {"Order", "订单"}, "ref.task": {"Task", "任务"}, "ref.conversation": {"Conversation", "会话"},
	"ref.message": {"Message", "消息"},
}

// problemMessages translate the validation messages forms show most.
var problemMessages = map[string]struct{ en, zh string }{
	"is required":                              {"is required", "必填"},
	"is too long":                              {"is too long", "太长"},
	"must be a whole number":                   {"must be a whole number", "须为整数"},
	"must be a number":                         {"must be a number", "须为数字"},
	"must be positive":                         {"must be positive", "须大于零"},
	"must be 1 or more":                        {"must be 1 or more", "须不小于 1"},
	"must not be negative":                     {"must not be negative", "不能为负数"},
	"must be a date and time":                  {"must be a date and time", "须为日期和时间"},
	"is not a user":                            {"is not a user", "不是系统用户"},
	"is not in your team":                      {"is not in your team", "不在你的团队中"},
	"is not a domain name":                     {"is not a domain name", "不是有效的域名"},
	"is before the start date":                 {"is before the start date", "早于开始日期"},
	"is not a valid email address":             {"is not a valid email address", "不是有效的邮箱地址"},
	"is not a valid phone number":              {"is not a valid phone number", "不是有效的电话号码"},
	"must be a three-letter code":              {"must be a three-letter code", "须为三个字母的代码"},
	"must be an amount like 1200.50":           {"must be an amount like 1200.50", "须为金额，例如 1200.50"},
	"must be a date like 2026-03-01":           {"must be a date like 2026-03-01", "须为日期，例如 2026-03-01"},
	"may only be yourself or empty (the pool)": {"may only be yourself or empty (the pool)", "只能是你自己或公海"},
	"a name, company, phone or email is required": {"a name, company, phone or email is required",
		"姓名、公司、电话或邮箱至少填写一项"},
	"each item needs a product, a positive quantity and a price": {"each item needs a product, a positive quantity and a price",
		"每一项都需要产品、正数数量和单价"},
	"each item needs a quantity and a price": {"each item needs a quantity and a price", "每一项都需要数量和单价"},
	"is not a payment plan of this order":    {"is not a payment plan of this order", "不是该订单的回款计划"},
	"name at least one record followed up":   {"name at least one record followed up", "请至少关联一条记录"},
}
