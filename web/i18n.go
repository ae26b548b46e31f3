package web

import (
	"net/http"

	"golang.org/x/text/language"
)

// The UI's languages; the first is the fallback.
var (
	uiLangs   = []string{"en", "zh-CN"}
	uiMatcher = language.NewMatcher([]language.Tag{language.English, language.SimplifiedChinese})
)

// langCookie remembers the language a user switched to.
const langCookie = "rapport_lang"

// chooseLang picks the UI language: an explicit ?lang= switch (remembered in
// a cookie), then that cookie, then the user's setting, then Accept-Language.
func chooseLang(w http.ResponseWriter, r *http.Request, userLocale string) string {
	if l := r.URL.Query().Get("lang"); supported(l) {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode})
		return l
	}
	return storedLang(r, userLocale)
}

// langOf is the language of a request that cannot switch it (an API call):
// the cookie, the user's setting, then Accept-Language.
func langOf(r *http.Request) string {
	locale := ""
	if u := userOf(r.Context()); u != nil {
		locale = u.Locale
	}
	return storedLang(r, locale)
}

func storedLang(r *http.Request, userLocale string) string {
	if c, err := r.Cookie(langCookie); err == nil && supported(c.Value) {
		return c.Value
	}
	if supported(userLocale) {
		return userLocale
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, conf := uiMatcher.Match(tags...)
	if conf == language.No {
		return uiLangs[0]
	}
	return uiLangs[i]
}

func supported(l string) bool { return l == "en" || l == "zh-CN" }

// translate returns the message for key in lang, the English one when the
// translation is missing, and the key itself when both are.
func translate(lang, key string) string {
	if m, ok := messages[key]; ok {
		if lang == "zh-CN" && m.zh != "" {
			return m.zh
		}
		return m.en
	}
	return key
}

// messages holds every UI string, both languages side by side so that a
// missing translation shows in review.
var messages = map[string]struct{ en, zh string }{
	"app.name":       {"Rapport", "Rapport"},
	"login.title":    {"Log in", "登录"},
	"login.email":    {"Email", "邮箱"},
	"login.password": {"Password", "密码"},
	"login.submit":   {"Log in", "登录"},
	"login.failed":   {"Wrong email or password.", "邮箱或密码错误。"},
	"login.too_many": {"Too many attempts. Please wait a minute and try again.", "尝试次数过多，请稍后再试。"},
	"login.bad_form": {"The form could not be read.", "无法读取表单。"},
	"home.title":     {"Home", "首页"},
	"home.signed_in": {"Signed in as", "当前用户"},
	"home.role":      {"Role", "角色"},
	"home.links":     {"Links", "链接"},
	"home.api":       {"API description (OpenAPI)", "API 说明（OpenAPI）"},
	"home.me":        {"My account (JSON)", "我的账户（JSON）"},
	"home.inbox":     {"The shared inbox arrives in a later version.", "共享收件箱将在后续版本中提供。"},
	"nav.logout":     {"Log out", "退出登录"},
	"nav.language":   {"Language", "语言"},
	"role.admin":     {"Administrator", "管理员"},
	"role.manager":   {"Manager", "经理"},
	"role.rep":       {"Sales rep", "销售"},
	"nav.main":       {"Main", "主导航"},
	"nav.skip":       {"Skip to content", "跳到正文"},
	"nav.inbox":      {"Inbox", "收件箱"},
	"nav.customers":  {"Customers", "客户"},
	"nav.contacts":   {"Contacts", "联系人"},
	"nav.leads":      {"Leads", "线索"},
	"nav.orders":     {"Orders", "订单"},
	"nav.payments":   {"Payments", "回款"},
	"nav.tasks":      {"Tasks", "任务"},

	"inbox.title":           {"Inbox", "收件箱"},
	"inbox.search":          {"Search messages (中文 or English)", "搜索消息（中文或英文）"},
	"inbox.search_button":   {"Search", "搜索"},
	"inbox.views":           {"Whose", "归属"},
	"inbox.statuses":        {"Status", "状态"},
	"inbox.view.mine":       {"Mine", "我的"},
	"inbox.view.unassigned": {"Unassigned", "未分配"},
	"inbox.view.all":        {"All", "全部"},
	"inbox.any":             {"Any", "不限"},
	"inbox.channel":         {"Channel", "渠道"},
	"inbox.label":           {"Label", "标签"},
	"inbox.team":            {"Team", "团队"},
	"inbox.sort":            {"Order", "排序"},
	"inbox.sort.newest":     {"Newest", "最新"},
	"inbox.sort.waiting":    {"Waiting longest", "等待最久"},
	"inbox.empty":           {"Nothing here.", "这里没有会话。"},
	"inbox.more":            {"Older conversations", "更早的会话"},
	"inbox.you":             {"You", "我方"},
	"inbox.needs_review":    {"Needs review", "待确认"},
	"status.open":           {"Open", "待处理"},
	"status.pending":        {"Pending", "等待中"},
	"status.snoozed":        {"Snoozed", "已稍后"},
	"status.resolved":       {"Resolved", "已解决"},
	"channel.email":         {"Email", "邮件"},
	"channel.wechat":        {"WeChat", "微信"},
	"channel.webform":       {"Web form", "网页表单"},
	"channel.note":          {"Note", "备注"},
	"dir.in":                {"received", "收到"},
	"dir.out":               {"sent by us", "我方发出"},
	"delivery.":             {"", ""},
	"delivery.queued":       {"Queued", "排队中"},
	"delivery.sent":         {"Sent", "已发送"},
	"delivery.delivered":    {"Delivered", "已送达"},
	"delivery.failed":       {"Failed", "发送失败"},
	"presence.viewing":      {"is viewing", "正在查看"},
	"presence.typing":       {"is typing…", "正在输入…"},
	"conv.title":            {"Conversation", "会话"},
	"conv.no_subject":       {"(no subject)", "（无主题）"},
	"conv.snoozed_until":    {"snoozed until", "稍后提醒："},
	"conv.side":             {"Handling and customer", "处理与客户"},
	"conv.note":             {"Private note", "内部备注"},
	"conv.mail":             {"Email content", "邮件内容"},
	"conv.show_images":      {"Show images", "显示图片"},
	"conv.inline_images":    {"Images in this mail", "正文图片"},
	"conv.links":            {"Linked records", "关联记录"},
	"conv.by_rule":          {"matched by", "匹配依据"},
	"conv.review":           {"Is this the right customer?", "客户匹配是否正确？"},
	"conv.review_help":      {"The matcher was not sure. Confirm one, or re-link.", "系统无法确定，请确认或重新关联。"},
	"conv.confirm":          {"Confirm", "确认"},
	"conv.relink":           {"Re-link to", "重新关联到"},
	"conv.relink_button":    {"Re-link", "重新关联"},
	"conv.cannot_send":      {"Replies cannot be sent now:", "当前无法回复："},
	"conv.no_outbox":        {"this server cannot send replies", "此服务器未配置发送"},
	"conv.to":               {"To", "收件人"},
	"conv.cc":               {"Cc", "抄送"},
	"conv.reply_all":        {"Reply all", "回复全部"},
	"conv.canned":           {"Canned reply", "快捷回复"},
	"conv.message":          {"Message", "消息"},
	"conv.send":             {"Send", "发送"},
	"conv.add_note":         {"Add private note", "添加内部备注"},
	"conv.handling":         {"Handling", "处理"},
	"conv.assignee":         {"Assignee", "负责人"},
	"conv.team":             {"Team", "团队"},
	"conv.nobody":           {"Nobody", "无"},
	"conv.assign":           {"Assign", "分配"},
	"conv.take":             {"Take it", "我来处理"},
	"conv.snooze_until":     {"Snooze until", "稍后提醒时间"},
	"conv.snooze":           {"Snooze", "稍后处理"},
	"conv.labels":           {"Labels (comma separated)", "标签（逗号分隔）"},
	"conv.save_labels":      {"Save labels", "保存标签"},
}
