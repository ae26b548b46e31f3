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
}
