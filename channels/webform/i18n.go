package webform

import (
	"net/http"

	"golang.org/x/text/language"
)

// The hosted page's languages; the first is the fallback.
var (
	pageLangs   = []string{"en", "zh-CN"}
	langMatcher = language.NewMatcher([]language.Tag{language.English, language.SimplifiedChinese})
)

// lang picks the page's language: ?lang=, the posted _lang, then
// Accept-Language.
func (h *Handler) lang(r *http.Request, vals map[string]string) string {
	for _, l := range []string{r.URL.Query().Get("lang"), vals[langField]} {
		if l == "en" || l == "zh-CN" {
			return l
		}
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, conf := langMatcher.Match(tags...)
	if conf == language.No {
		return pageLangs[0]
	}
	return pageLangs[i]
}

// tr returns the page's text for key in lang; unknown keys (a field
// problem the table lacks) read as they are.
func tr(lang, key string) string {
	m, ok := texts[key]
	switch {
	case !ok:
		return key
	case lang == "zh-CN":
		return m.zh
	}
	return m.en
}

// texts are the hosted page's strings and the messages it shows, both
// languages side by side.
var texts = map[string]struct{ en, zh string }{
	"submit":        {"Send", "提交"},
	"thanks":        {"Thank you! We have received your message and will be in touch soon.", "提交成功，我们已收到您的留言，会尽快与您联系。"},
	"fix":           {"Please check the fields marked below.", "请检查下方标出的内容。"},
	"required":      {"required", "必填"},
	"other_lang":    {"中文", "English"},
	"powered":       {"Sent securely to our team.", "您的信息将安全发送给我们的团队。"},
	"label.name":    {"Name", "姓名"},
	"label.phone":   {"Phone", "电话"},
	"label.email":   {"Email", "邮箱"},
	"label.company": {"Company", "公司"},
	"label.title":   {"Job title", "职位"},
	"label.message": {"Message", "留言"},
	"honeypot":      {"Leave this empty", "请勿填写"},

	"is required":                  {"This field is required.", "此项为必填项。"},
	"is not a valid email address": {"Please enter a valid email address.", "请输入有效的邮箱地址。"},
	"is not a valid phone number":  {"Please enter a valid phone number.", "请输入有效的电话号码。"},
	"is empty: fill in at least a name, a way to reach you or a message": {
		"Please fill in at least your name, a way to reach you or a message.", "请至少填写姓名、联系方式或留言。"},

	"code.forbidden":    {"This form cannot be sent from this page.", "此页面无法提交该表单。"},
	"code.rate_limited": {"Too many submissions. Please wait a moment and try again.", "提交过于频繁，请稍后再试。"},
	"code.too_large":    {"The form is too large.", "表单内容过多。"},
	"code.internal":     {"Something went wrong. Please try again later.", "出现错误，请稍后再试。"},
}
