package webform

import "testing"

// Every string of the hosted page exists in every language.
func TestCatalogComplete(t *testing.T) {
	for _, m := range texts.Missing() {
		t.Errorf("channels/webform/locales: missing %s", m)
	}
	if texts.Keys("zh-CN") < 20 {
		t.Errorf("only %d Chinese keys loaded: are the locales embedded?", texts.Keys("zh-CN"))
	}
}
