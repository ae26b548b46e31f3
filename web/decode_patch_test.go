package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// A PATCH replaces each field it sends whole: order lines and custom maps
// sent again must not keep what the old ones held where the new ones are
// silent, and fields not sent keep their value.
func TestPatchReplacesSentFieldsWhole(t *testing.T) {
	t.Parallel()
	o := &crm.Order{Title: "Sample", Terms: "keep me", Items: []crm.LineItem{{Product: "Old", Quantity: 5}}}
	l := &crm.Lead{Name: "王", Custom: map[string]string{"budget": "1万", "city": "深圳"}}
	patch := func(body string, dst any) {
		t.Helper()
		b, err := readBody(httptest.NewRequest("PATCH", "/", strings.NewReader(body)))
		if err != nil {
			t.Fatal(err)
		}
		if err := b.into(dst); err != nil {
			t.Fatal(err)
		}
	}
	patch(`{"items":[{"product":"New"}]}`, o)
	if len(o.Items) != 1 || o.Items[0].Quantity != 0 || o.Items[0].Product != "New" {
		t.Errorf("items after PATCH = %+v: the new line must not keep the old line's quantity", o.Items)
	}
	if o.Terms != "keep me" || o.Title != "Sample" {
		t.Errorf("fields not sent changed: title %q terms %q", o.Title, o.Terms)
	}
	patch(`{"CUSTOM":{"city":"广州"}}`, l)
	if len(l.Custom) != 1 || l.Custom["city"] != "广州" || l.Name != "王" {
		t.Errorf("lead after PATCH = %q %v: custom replaced whole (keys matched case-insensitively), name kept", l.Name, l.Custom)
	}
}
