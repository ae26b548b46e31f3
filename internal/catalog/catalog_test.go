package catalog

import (
	"strings"
	"testing"
	"testing/fstest"
)

func files(kv ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return m
}

func TestLookup(t *testing.T) {
	c, err := Load(files(
		"app.en.toml", `"nav.inbox" = "Inbox"`+"\n"+`"only.en" = "English only"`+"\n"+`"rec.customer" = "Customer"`+"\n"+`"rec.customer.new" = "New customer"`,
		"app.zh-CN.toml", `"nav.inbox" = "收件箱"`+"\n"+`"rec.customer" = "客户"`+"\n"+`"rec.customer.new" = "新建客户"`,
		"more.en.toml", `"with.description" = { description = "shown to translators", other = "Saved." }`,
	), "en", "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, key, want string }{
		{"zh-CN", "nav.inbox", "收件箱"},
		{"en", "nav.inbox", "Inbox"},
		{"zh-CN", "only.en", "English only"},    // falls back to the first language
		{"zh-CN", "no.such.key", "no.such.key"}, // shows the key
		{"fr", "nav.inbox", "Inbox"},            // an unknown language reads the fallback
		{"zh-CN", "rec.customer.new", "新建客户"},   // a key that extends another key
		{"en", "with.description", "Saved."},    // go-i18n's long form
	} {
		if got := c.T(tc.lang, tc.key); got != tc.want {
			t.Errorf("T(%q, %q) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
	if got, want := strings.Join(c.Missing(), ","), "zh-CN: only.en,zh-CN: with.description"; got != want {
		t.Errorf("Missing() = %q, want %q", got, want)
	}
}

func TestLoadRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"key twice across files", files("a.en.toml", `"k" = "1"`, "b.en.toml", `"k" = "2"`), `key "k" is defined twice in en`},
		{"key twice in a file", files("a.en.toml", "\"k\" = \"1\"\n\"k\" = \"2\""), "a.en.toml"},
		{"language not offered", files("a.fr.toml", `"k" = "1"`), `language "fr" is not one of`},
		{"not TOML", files("a.en.toml", `k = `), "a.en.toml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.fs, "en", "zh-CN")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	c, err := Load(files(), "en", "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ header, want string }{
		{"zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"},
		{"zh", "zh-CN"},
		{"zh-Hans", "zh-CN"},
		{"en-GB,en;q=0.9", "en"},
		{"de-DE", "en"},
		{"", "en"},
	} {
		if got := c.Match(tc.header); got != tc.want {
			t.Errorf("Match(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
	for _, tc := range []struct {
		lang string
		want bool
	}{{"en", true}, {"zh-CN", true}, {"zh", false}, {"", false}} {
		if got := c.Has(tc.lang); got != tc.want {
			t.Errorf("Has(%q) = %v, want %v", tc.lang, got, tc.want)
		}
	}
}
