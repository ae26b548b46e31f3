package web

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/rapport-crm/rapport/internal/catalog"
)

// locales holds the UI's strings: AREA.LANG.toml per area of the UI (see
// the package doc, "Adding a string").
//
//go:embed locales/*.toml
var locales embed.FS

// ui is the UI's catalog; English first, the fallback.
var ui = catalog.MustLoad(must(fs.Sub(locales, "locales")), "en", "zh-CN")

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// langCookie remembers the language a user switched to.
const langCookie = "rapport_lang"

// chooseLang picks the UI language: an explicit ?lang= switch (remembered in
// a cookie), then that cookie, then the user's setting, then Accept-Language.
func chooseLang(w http.ResponseWriter, r *http.Request, userLocale string) string {
	if l := r.URL.Query().Get("lang"); ui.Has(l) {
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
	if c, err := r.Cookie(langCookie); err == nil && ui.Has(c.Value) {
		return c.Value
	}
	if ui.Has(userLocale) {
		return userLocale
	}
	return ui.Match(r.Header.Get("Accept-Language"))
}

// translate returns the message for key in lang, the English one when the
// translation is missing, and the key itself when both are.
func translate(lang, key string) string { return ui.T(lang, key) }
