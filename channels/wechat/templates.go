package wechat

import (
	"context"
	"net/http"
	"regexp"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.TemplateLister = (*Channel)(nil)

// templateHole is a field of a template's content: {{keyword1.DATA}}.
var templateHole = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_]+)\.DATA\s*\}\}`)

// Templates lists the account's template messages from WeChat
// (template/get_all_private_template), each with the fields its content
// takes, so that the rep fills them instead of typing JSON.
func (c *Channel) Templates(ctx context.Context, account string) ([]crm.ChannelTemplate, error) {
	a, err := c.accounts.get(ctx, account)
	if err != nil {
		return nil, err
	}
	var out struct {
		List []struct {
			TemplateID string `json:"template_id"`
			Title      string `json:"title"`
			Content    string `json:"content"`
			Example    string `json:"example"`
		} `json:"template_list"`
	}
	if err := c.call(ctx, a, http.MethodGet, "/cgi-bin/template/get_all_private_template", nil, nil, &out); err != nil {
		return nil, crm.Errorf(crm.EINVALID, "WeChat did not list the account's templates: %v", err)
	}
	ts := make([]crm.ChannelTemplate, 0, len(out.List))
	for _, t := range out.List {
		ct := crm.ChannelTemplate{ID: t.TemplateID, Title: t.Title, Content: t.Content, Example: t.Example, Fields: []string{}}
		seen := map[string]bool{}
		for _, m := range templateHole.FindAllStringSubmatch(t.Content, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				ct.Fields = append(ct.Fields, m[1])
			}
		}
		ts = append(ts, ct)
	}
	return ts, nil
}

// templateFor is the template a message names: a purpose configured on
// the account (care's "care"), else a WeChat template ID as listed by
// Templates, whose fields take the values of the same names.
func templateFor(a *crm.WeChatAccount, name string) crm.WeChatTemplate {
	if t, ok := a.Templates[name]; ok {
		return t
	}
	return crm.WeChatTemplate{ID: name}
}

// listedTemplate reports whether id is one of the account's templates on
// WeChat: a rep may send only those.
func (c *Channel) listedTemplate(ctx context.Context, account, id string) (bool, error) {
	ts, err := c.Templates(ctx, account)
	if err != nil {
		return false, err
	}
	for _, t := range ts {
		if t.ID == id {
			return true, nil
		}
	}
	return false, nil
}
