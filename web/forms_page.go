package web

import (
	"maps"
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// The forms pages' strings join the UI's table at start-up, kept here so
// that these pages' change stays in their own files.
func init() { maps.Copy(messages, formMessages) }

var formMessages = map[string]struct{ en, zh string }{
	"forms.title":         {"Web forms", "网站表单"},
	"forms.none":          {"No forms yet.", "还没有表单。"},
	"forms.key":           {"Key", "密钥"},
	"forms.hosted":        {"Hosted page", "托管页面"},
	"forms.origins":       {"Allowed sites", "允许的网站"},
	"forms.origins_none":  {"none (hosted page only)", "无（仅托管页面）"},
	"forms.snippet":       {"HTML to paste into your site", "粘贴到网站的 HTML 代码"},
	"forms.submit":        {"Send", "提交"},
	"forms.field.name":    {"Name", "姓名"},
	"forms.field.email":   {"Email", "邮箱"},
	"forms.field.phone":   {"Phone", "电话"},
	"forms.field.company": {"Company", "公司"},
	"forms.field.title":   {"Job title", "职位"},
	"forms.field.message": {"Message", "留言"},
	"forms.deleted":       {"The form was deleted. The leads it made stay.", "表单已删除，已产生的线索保留。"},

	"form.new":             {"New web form", "新建表单"},
	"form.edit":            {"Edit", "编辑"},
	"form.where":           {"Where it is used", "使用位置"},
	"form.leads":           {"New leads", "新线索"},
	"form.confirmation":    {"Confirmation email (optional)", "确认邮件（可选）"},
	"form.confirm_help":    {"Sent to whoever fills in the form, when they give an email address. Leave all three empty for none.", "填写人留下邮箱时发送给对方。三项都留空则不发送。"},
	"form.inputs":          {"Fields", "字段"},
	"form.inputs_help":     {"Each row is one input. Clear a row's name and label to remove it; fill an empty row to add one.", "每行是一个输入项。清空名称和标签即删除该行；填写空行即可添加。"},
	"form.add_input":       {"Add an input", "添加输入项"},
	"form.input_name":      {"Input name", "输入项名称"},
	"form.input_label":     {"Label", "标签"},
	"form.input_map":       {"Fills lead field", "对应线索字段"},
	"form.input_required":  {"Required", "必填"},
	"form.custom":          {"Custom field", "自定义字段"},
	"form.team_default":    {"Default team, or the pool", "默认团队或公海"},
	"form.no_confirmation": {"—", "—"},
	"form.copy":            {"Copy", "复制"},
	"form.copied":          {"Copied", "已复制"},
	"form.delete_help":     {"Websites that post to this form will get an error. Its leads stay.", "仍提交到此表单的网站将收到错误。已产生的线索保留。"},

	"field.allowed_origins":      {"Allowed sites (one per line, like https://www.example.com)", "允许的网站（每行一个，如 https://www.example.com）"},
	"field.redirect_url":         {"After sending, go to (empty: our thank-you page)", "提交后跳转到（留空：默认感谢页）"},
	"field.team_id":              {"Assign to team", "分配给团队"},
	"field.confirmation.mailbox": {"From mailbox", "发件邮箱"},
	"field.confirmation.subject": {"Subject", "主题"},
	"field.confirmation.text":    {"Text", "正文"},
}

// formsPage is what pages/forms.html sees: the layout's data and the forms.
type formsPage struct {
	pageData
	Notice string
	Forms  []formView
}

type formView struct {
	*crm.Form
	Hosted, Snippet, Origins string
}

func (s *Server) getFormsPage(w http.ResponseWriter, r *http.Request) {
	d := formsPage{pageData: s.pageData(w, r, "forms.title")}
	if r.URL.Query().Get("deleted") != "" {
		d.Notice = "forms.deleted"
	}
	fs, err := s.forms()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := fs.ListForms(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	for _, f := range list {
		d.Forms = append(d.Forms, formView{Form: f, Hosted: base + "/f/" + f.Key,
			Snippet: formSnippet(base, f, d.Lang), Origins: strings.Join(f.AllowedOrigins, ", ")})
	}
	s.render(w, r, http.StatusOK, "forms", d)
}
