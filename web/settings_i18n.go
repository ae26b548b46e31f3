package web

import "maps"

// The settings pages' shared strings (see settings.go).
func init() { maps.Copy(messages, settingsMessages) }

var settingsMessages = map[string]struct{ en, zh string }{
	"nav.forms":               {"Web forms", "网站表单"},
	"nav.mailboxes":           {"Mailboxes", "邮箱账户"},
	"settings.saved":          {"Saved.", "已保存。"},
	"settings.secret_kept":    {"unchanged when left empty", "留空则保持不变"},
	"settings.delete":         {"Delete…", "删除…"},
	"settings.delete_confirm": {"Yes, delete it", "确认删除"},
}
