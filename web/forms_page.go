package web

import (
	"bytes"
	"maps"
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// The forms page's strings join the UI's table at start-up, kept here so
// that this page's change stays in its own files.
func init() { maps.Copy(messages, formMessages) }

var formMessages = map[string]struct{ en, zh string }{
	"forms.title":         {"Web forms", "网站表单"},
	"forms.none":          {"No forms yet. Create one with POST /api/v1/forms (see docs/webforms.md).", "还没有表单。请用 POST /api/v1/forms 创建（见 docs/webforms.md）。"},
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
}

// formsPage is what pages/forms.html sees: the layout's data and the forms.
type formsPage struct {
	pageData
	Forms []formView
}

type formView struct {
	*crm.Form
	Hosted, Snippet, Origins string
}

func (s *Server) getFormsPage(w http.ResponseWriter, r *http.Request) {
	d := formsPage{pageData: s.pageData(w, r, "forms.title")}
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
	var buf bytes.Buffer
	if err := s.pages.sets["forms"].ExecuteTemplate(&buf, "layout", d); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}
