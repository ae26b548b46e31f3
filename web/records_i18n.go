package web

import "fmt"

// recordMessages are the record pages' strings, merged into messages (see
// i18n.go) once, so that the templates' T finds them like any other.
var recordMessages = map[string]struct{ en, zh string }{
	"rec.records": {"Records", "业务记录"}, "rec.customers": {"Customers", "客户"}, "rec.contacts": {"Contacts", "联系人"},
	"rec.leads": {"Leads", "线索"}, "rec.orders": {"Orders & contracts", "订单与合同"}, "rec.payments": {"Payments", "回款"},
	"rec.tasks": {"Tasks", "任务"}, "rec.follow-ups": {"Follow-ups", "跟进记录"},
	"rec.customer": {"Customer", "客户"}, "rec.contact": {"Contact", "联系人"}, "rec.lead": {"Lead", "线索"},
	"rec.customer.new": {"New customer", "新建客户"}, "rec.contact.new": {"New contact", "新建联系人"},
	"rec.lead.new": {"New lead", "新建线索"}, "rec.order.new": {"New order or contract", "新建订单/合同"},
	"rec.payment.new": {"Record a payment", "登记回款"}, "rec.task.new": {"New task", "新建任务"},
	"rec.follow_up.new": {"Log a follow-up", "记录跟进"},
	"rec.new":           {"New", "新建"}, "rec.search": {"Search", "搜索"}, "rec.filter": {"Filter", "筛选"},
	"rec.actions": {"Actions", "操作"}, "rec.none": {"Nothing here yet.", "暂无记录。"}, "rec.pages": {"Pages", "分页"},
	"rec.first": {"« First page", "« 第一页"}, "rec.next": {"Next page »", "下一页 »"}, "rec.edit": {"Edit", "编辑"},
	"rec.save": {"Save", "保存"}, "rec.fix": {"Please correct the marked fields", "请修改标出的字段"},
	"rec.plans": {"Payment plan (回款计划)", "回款计划"}, "rec.paid": {"Paid", "已回款"},
	"rec.add_plan": {"Add an instalment", "添加回款计划"}, "rec.record_payment": {"Record a payment", "登记回款"},
	"lead.claim": {"Claim", "领取"}, "owner.mine": {"Mine", "我的"}, "owner.pool": {"Pool (no owner)", "公海"},
	"filter.any": {"Any", "全部"},
}

// recordFields label the record fields, in forms, lists and filters.
var recordFields = map[string]struct{ en, zh string }{
	"name": {"Name", "名称"}, "short_name": {"Short name", "简称"}, "kind": {"Kind", "类型"}, "status": {"Status", "状态"},
	"level": {"Level", "级别"}, "industry": {"Industry", "行业"}, "region": {"Region", "地区"}, "source": {"Source", "来源"},
	"owner_id": {"Owner", "负责人"}, "owner": {"Owner", "负责人"}, "tags": {"Tags", "标签"}, "address": {"Address", "地址"},
	"website": {"Website", "网站"}, "domain": {"Email domain", "邮箱域名"}, "notes": {"Notes", "备注"},
	"title": {"Title", "标题"}, "job_title": {"Job title", "职务"}, "customer_id": {"Customer no.", "客户编号"}, "emails": {"Emails", "邮箱"},
	"phones": {"Phones", "电话"}, "birthday": {"Birthday", "生日"}, "company": {"Company", "公司"}, "phone": {"Phone", "电话"},
	"email": {"Email", "邮箱"}, "number": {"Number", "编号"}, "items": {"Line items", "明细"}, "amount": {"Amount", "金额"},
	"currency": {"Currency", "币种"}, "start_date": {"Start", "开始日期"}, "end_date": {"End", "结束日期"},
	"signed_date": {"Signed on", "签约日期"}, "customer_signer_id": {"Customer signer (contact no.)", "客户签约人（联系人编号）"},
	"terms": {"Terms", "条款"}, "order_id": {"Order no.", "订单编号"}, "plan_id": {"Instalment no.", "回款计划编号"},
	"method": {"Method", "方式"}, "paid_at": {"Paid at", "回款时间"}, "handler_id": {"Handled by", "经办人"},
	"account": {"Receiving account", "收款账户"}, "details": {"Details", "详情"}, "due_at": {"Due", "截止时间"},
	"assignee_id": {"Assignee", "执行人"}, "refs": {"About", "关联"}, "result": {"Result", "结果"},
	"next_step": {"Next step", "下一步"}, "next_at": {"Next contact", "下次跟进"}, "instalment": {"Instalment", "期数"},
	"due_date": {"Due date", "应回款日期"}, "product": {"Product", "产品"}, "quantity": {"Quantity", "数量"},
	"unit_price": {"Unit price", "单价"}, "due": {"Due", "到期"},
}

// recordOptions label the codes of select fields: "<field>.<value>".
var recordOptions = map[string]struct{ en, zh string }{
	"status.potential": {"Potential", "潜在"}, "status.deal": {"Deal", "成交"}, "status.lost": {"Lost", "流失"},
	"status.new": {"New", "新线索"}, "status.contacted": {"Contacted", "已联系"}, "status.qualified": {"Qualified", "已确认"},
	"status.converted": {"Converted", "已转化"}, "status.draft": {"Draft", "草稿"}, "status.active": {"Active", "执行中"},
	"status.completed": {"Completed", "已完成"}, "status.cancelled": {"Cancelled", "已取消"}, "status.open": {"Open", "待办"},
	"status.done": {"Done", "已完成"}, "kind.customer": {"Customer", "客户"}, "kind.dealer": {"Dealer", "经销商"},
	"kind.agent": {"Agent", "代理商"}, "kind.order": {"Order", "订单"}, "kind.contract": {"Contract", "合同"},
	"method.bank": {"Bank transfer", "银行转账"}, "method.alipay": {"Alipay", "支付宝"}, "method.wechat": {"WeChat", "微信"},
	"method.cash": {"Cash", "现金"}, "method.cheque": {"Cheque", "支票"}, "method.other": {"Other", "其他"},
	"method.call": {"Call", "电话"}, "method.visit": {"Visit", "拜访"}, "method.email": {"Email", "邮件"},
	"method.meeting": {"Meeting", "会议"}, "method.sms": {"SMS", "短信"}, "due.overdue": {"Overdue", "已逾期"},
	"due.today": {"Due today", "今天到期"}, "due.week": {"Due this week", "七天内到期"}, "plan.pending": {"Pending", "未回款"},
	"plan.partial": {"Partly paid", "部分回款"}, "plan.paid": {"Paid", "已回款"}, "channel.email": {"Email", "邮件"},
	"channel.wechat": {"WeChat", "微信"}, "channel.webform": {"Web form", "网页表单"}, "channel.note": {"Note", "备注"},
}

func init() {
	merge := func(prefix string, m map[string]struct{ en, zh string }) {
		for k, v := range m {
			if _, dup := messages[prefix+k]; dup {
				panic(fmt.Sprintf("web: message %q defined twice", prefix+k))
			}
			messages[prefix+k] = v
		}
	}
	merge("", recordMessages)
	merge("field.", recordFields)
	merge("opt.", recordOptions)
	merge("", panelMessages)
	merge("err.", problemMessages)
}
