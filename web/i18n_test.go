package web

import "testing"

// Every UI string exists in every language: a key added to one AREA.en.toml
// needs its line in AREA.zh-CN.toml, and the reverse.
func TestCatalogComplete(t *testing.T) {
	t.Parallel()
	for _, m := range ui.Missing() {
		t.Errorf("web/locales: missing %s", m)
	}
	if ui.Keys("en") < 300 {
		t.Errorf("only %d English keys loaded: are the locales embedded?", ui.Keys("en"))
	}
}
