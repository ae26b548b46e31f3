package web

import "maps"

func init() { maps.Copy(messages, careMessages) }

// careMessages are the care plans' and reminders' pages.
var careMessages = map[string]struct{ en, zh string }{
	"nav.care": {"Care", "客户关怀"}, "nav.bell": {"Reminders", "提醒"},
	"nav.reminders": {"Reminders due today", "今日提醒"},
	"care.title":    {"Care plans", "关怀策略"}, "care.none": {"No care plans yet.", "还没有关怀策略。"},
	"care.new": {"New care plan", "新建关怀策略"}, "care.trigger": {"Trigger", "触发条件"},
	"care.days": {"Days (N)", "天数 (N)"}, "care.month": {"Month", "月"}, "care.day": {"Day", "日"},
	"care.action": {"Action", "动作"}, "care.text_zh": {"Message (中文)", "消息（中文）"},
	"care.text_en": {"Message (English)", "消息（英文）"}, "care.subject": {"Subject", "主题"},
	"care.send_at": {"Local send time", "发送时间（当地）"}, "care.grace": {"Grace days after downtime", "停机后补发天数"},
	"care.kinds": {"Customer kinds", "客户类型"}, "care.levels": {"Levels", "客户级别"},
	"care.regions": {"Regions", "地区"}, "care.tags": {"Tags", "标签"}, "care.comma": {"comma-separated", "逗号分隔"},
	"care.locale": {"Language sent", "发送语言"}, "care.preview": {"Preview", "预览"},
	"care.save": {"Save (switched off)", "保存（未启用）"}, "care.on": {"Switch on", "启用"},
	"care.off": {"Switch off", "停用"}, "care.enabled": {"On", "已启用"}, "care.disabled": {"Off", "未启用"},
	"care.preview_title": {"Who would get what, on which date", "预览：谁、在哪天、收到什么"},
	"care.preview_none":  {"Nobody in the next 30 days.", "未来 30 天内没有人会收到。"},
	"care.date":          {"Date", "日期"}, "care.due": {"Due (local)", "发送时间（当地）"},
	"care.contact": {"Contact", "联系人"}, "care.channel": {"Channel", "渠道"}, "care.message": {"Message", "消息"},
	"care.skip": {"Not sent because", "不发送原因"}, "care.saved": {"Care plan saved.", "关怀策略已保存。"},
	"care.variables":   {"Variables", "可用变量"},
	"trigger.birthday": {"Birthday", "生日"}, "trigger.yearly_date": {"A date every year", "每年固定日期"},
	"trigger.spring_festival": {"Spring Festival (春节)", "春节"}, "trigger.mid_autumn": {"Mid-Autumn (中秋)", "中秋"},
	"trigger.first_order_anniversary": {"First-order anniversary", "首单周年"},
	"trigger.after_delivery":          {"N days after delivery (事后)", "交付后 N 天（事后）"},
	"trigger.after_signed":            {"N days after signing (事后)", "签约后 N 天（事后）"},
	"trigger.after_payment":           {"N days after a payment (事后)", "回款后 N 天（事后）"},
	"trigger.before_contract_end":     {"N days before a contract ends (事前)", "合同到期前 N 天（事前）"},
	"trigger.before_instalment":       {"N days before an instalment is due (事前)", "回款计划到期前 N 天（事前）"},
	"trigger.no_order":                {"N days without an order (复购)", "N 天未下单（复购提醒）"},
	"action.send":                     {"Send a message", "发送消息"}, "action.task": {"A care task for the owner", "给负责人建关怀任务"},
	"reminders.title": {"Reminders", "提醒"}, "reminders.none": {"Nothing due today.", "今天没有到期事项。"},
	"reminders.overdue": {"Overdue", "已逾期"}, "reminders.today": {"Due today", "今日到期"},
	"remind.follow_up": {"Follow-up", "跟进"}, "remind.task": {"Task", "任务"},
	"remind.instalment": {"Instalment due", "回款到期"}, "remind.contract_end": {"Contract ending", "合同即将到期"},
	"remind.snooze": {"Snoozed conversation", "稍后处理的会话"},
}
