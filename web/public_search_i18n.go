package web

import "maps"

// The public search page's strings (see public_search.go).
func init() { maps.Copy(messages, searchMessages) }

var searchMessages = map[string]struct{ en, zh string }{
	"nav.search":    {"Public search", "公共检索"},
	"ref.contract":  {"Contract", "合同"},
	"search.title":  {"Public search", "公共检索"},
	"search.intro":  {"Look a company or a person up among everyone's leads and customers before you chase them. Records you may not open are masked: you learn only that they exist and who owns them.", "跟进之前，先在所有人的线索和客户中查一查。您无权查看的记录会被遮盖：只显示它已存在以及负责人。"},
	"search.label":  {"Name, company, phone or email", "名称、公司、电话或邮箱"},
	"search.submit": {"Search", "检索"},
	"search.none":   {"Nobody has this one yet.", "暂无人跟进此对象。"},
	"search.problem": {"Type at least two characters, a phone number or an email address.",
		"请至少输入两个字符、一个电话号码或邮箱地址。"},
	"search.kind":          {"Kind", "类型"},
	"search.name":          {"Name", "名称"},
	"search.owner":         {"Owner", "负责人"},
	"search.reason":        {"Matched by", "匹配依据"},
	"search.pool":          {"Pool (公海)", "公海"},
	"search.claim":         {"Claim", "领取"},
	"search.masked":        {"masked: not yours to open", "已遮盖：您无权查看"},
	"search.kind.lead":     {"Lead", "线索"},
	"search.kind.customer": {"Customer", "客户"},
	"search.kind.contact":  {"Contact", "联系人"},
	"search.rule.name":     {"name", "名称"},
	"search.rule.company":  {"company", "公司"},
	"search.rule.phone":    {"phone", "电话"},
	"search.rule.email":    {"email", "邮箱"},
}
