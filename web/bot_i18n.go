package web

import "maps"

// The bot pages' strings (see bot_pages.go).
func init() { maps.Copy(messages, botMessages) }

var botMessages = map[string]struct{ en, zh string }{
	"conv.bot_wrote":   {"Sent by the bot", "机器人自动回复"},
	"conv.bot.answer":  {"Bot answered", "机器人已回答"},
	"conv.bot.handoff": {"Bot handed over to a person", "机器人已转人工"},
	"conv.bot.away":    {"Bot sent the away message", "机器人已发送下班提示"},
	"conv.bot.none":    {"Bot stayed silent", "机器人未回复"},
	"nav.bot":          {"Bot", "机器人"},
	"bot.title":        {"Bot", "自动回复机器人"},
	"bot.intro":        {"Switch the bot on per WeChat account or mailbox with PUT /api/v1/bot/settings (see docs/bot.md); the rules and the FAQ are edited here.", "按公众号或邮箱开启机器人：PUT /api/v1/bot/settings（见 docs/bot.md）；规则和常见问题在此编辑。"},
	"bot.faqs":         {"FAQ", "常见问题"},
	"bot.rules":        {"Rules", "规则"},
	"bot.none":         {"None yet.", "暂无。"},
	"bot.deleted":      {"Deleted.", "已删除。"},
	"bot.off":          {"off", "已停用"},
	"bot/faqs.title":   {"FAQ entry", "常见问题"},
	"faq.new":          {"Add an FAQ entry", "添加常见问题"},
	"faq.help":         {"Alternatives: one phrasing per line, the way followers really ask (colloquial, English). The English answer is sent to messages in English.", "其他问法：每行一种，按粉丝实际的问法写（口语、英文）。英文消息会收到英文答案。"},
	"faq.delete_help":  {"The bot stops answering with this entry.", "机器人将不再用此条目回答。"},
	"bot/rules.title":  {"Rule", "规则"},
	"rule.new":         {"Add a rule", "添加规则"},
	"rule.help":        {"Account: the WeChat AppID or the mailbox id. Keywords: one per line; for a welcome rule any, returning or qrscene_NAME; for a menu click the button's key.", "账户：公众号 AppID 或邮箱编号。关键词：每行一个；欢迎语填 any、returning 或 qrscene_场景名；菜单点击填按钮的 key。"},
	"rule.delete_help": {"The bot stops using this rule.", "机器人将不再使用此规则。"},

	"field.question":     {"Question", "问题"},
	"field.alternatives": {"Other phrasings", "其他问法"},
	"field.answer":       {"Answer", "答案"},
	"field.answer_en":    {"Answer in English", "英文答案"},
	"field.bot_enabled":  {"On", "启用"},
	"field.rule_channel": {"Channel", "渠道"},
	"field.rule_account": {"Account", "账户"},
	"field.rule_kind":    {"Kind", "类型"},
	"field.rule_name":    {"Name", "名称"},
	"field.match":        {"Match", "匹配方式"},
	"field.keywords":     {"Keywords", "关键词"},
	"field.reply":        {"Reply", "回复"},
	"field.reply_en":     {"Reply in English", "英文回复"},
	"field.link_title":   {"Link title", "链接标题"},
	"field.link_url":     {"Link", "链接"},
	"field.priority":     {"Priority (lower first)", "优先级（小的先）"},
	"opt.kind.keyword":   {"Keyword reply", "关键词回复"},
	"opt.kind.welcome":   {"Welcome on subscribe", "关注欢迎语"},
	"opt.kind.click":     {"Menu click", "菜单点击"},
	"opt.match.contains": {"contains", "包含"},
	"opt.match.exact":    {"exact", "完全一致"},
	"opt.match.regex":    {"regular expression", "正则表达式"},
}
