package webform

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/rapport-crm/rapport/internal/catalog"
)

// locales holds the hosted page's strings and the messages it shows, one
// file per language (page.en.toml, page.zh-CN.toml).
//
//go:embed locales/*.toml
var locales embed.FS

// texts is the page's catalog; English first, the fallback.
var texts = func() *catalog.Catalog {
	sub, err := fs.Sub(locales, "locales")
	if err != nil {
		panic(err)
	}
	return catalog.MustLoad(sub, "en", "zh-CN")
}()

// lang picks the page's language: ?lang=, the posted _lang, then
// Accept-Language.
func (h *Handler) lang(r *http.Request, vals map[string]string) string {
	for _, l := range []string{r.URL.Query().Get("lang"), vals[langField]} {
		if texts.Has(l) {
			return l
		}
	}
	return texts.Match(r.Header.Get("Accept-Language"))
}

// tr returns the page's text for key in lang; unknown keys (a field
// problem the catalog lacks) read as they are.
func tr(lang, key string) string { return texts.T(lang, key) }
