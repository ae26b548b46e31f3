// Package catalog holds a package's user-facing strings in message files,
// one language per file, instead of in Go tables: a translator edits a file
// per language, and a test proves every key exists in every language.
//
// Files are go-i18n message files in TOML, named AREA.LANG.toml
// (inbox.en.toml, inbox.zh-CN.toml), flat "key" = "text" pairs. Each area
// of a package has its own pair of files, so areas added in parallel never
// edit the same file. Keys are quoted: "rec.customer" and
// "rec.customer.new" are both keys, not a table and its field.
//
// The catalog resolves every message once at load, so a lookup is two map
// reads: templates call it for every label of every page.
package catalog

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Catalog is one package's strings in each of its languages.
type Catalog struct {
	langs   []string                     // the first is the fallback
	text    map[string]map[string]string // lang → key → text
	matcher language.Matcher
}

// Load reads every *.toml file at the root of fsys. langs lists the
// languages the package offers, the fallback first; a file in another
// language, a key defined twice in one language or a file that does not
// parse is an error, so that a mistake stops the start instead of showing a
// key to a user.
func Load(fsys fs.FS, langs ...string) (*Catalog, error) {
	c := &Catalog{langs: langs, text: map[string]map[string]string{}}
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.MustParse(l)
		if l == "zh-CN" { // match zh, zh-Hans, zh-SG as Simplified Chinese, not by region
			tags[i] = language.SimplifiedChinese
		}
		c.text[l] = map[string]string{}
	}
	c.matcher = language.NewMatcher(tags)
	files, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	bundle := i18n.NewBundle(language.MustParse(langs[0]))
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, name := range files {
		if err := c.loadFile(bundle, fsys, name); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// MustLoad is Load for embedded files, whose errors are the program's.
func MustLoad(fsys fs.FS, langs ...string) *Catalog {
	c, err := Load(fsys, langs...)
	if err != nil {
		panic(err)
	}
	return c
}

func (c *Catalog) loadFile(bundle *i18n.Bundle, fsys fs.FS, name string) error {
	buf, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	mf, err := bundle.ParseMessageFileBytes(buf, name)
	if err != nil {
		return fmt.Errorf("catalog %s: %w", name, err)
	}
	lang := langOfFile(name)
	texts, ok := c.text[lang]
	if !ok {
		return fmt.Errorf("catalog %s: language %q is not one of %v", name, lang, c.langs)
	}
	for _, m := range mf.Messages {
		if _, dup := texts[m.ID]; dup {
			return fmt.Errorf("catalog %s: key %q is defined twice in %s", name, m.ID, lang)
		}
		texts[m.ID] = m.Other
	}
	return nil
}

// langOfFile is the LANG of AREA.LANG.toml.
func langOfFile(name string) string {
	base := strings.TrimSuffix(path.Base(name), ".toml")
	return base[strings.LastIndexByte(base, '.')+1:]
}

// T is key's text in lang; the fallback language's when lang lacks it, and
// the key itself when no language has it (so a missing string shows, and
// a validation message without a translation reads as written).
func (c *Catalog) T(lang, key string) string {
	if s, ok := c.text[lang][key]; ok {
		return s
	}
	if s, ok := c.text[c.langs[0]][key]; ok {
		return s
	}
	return key
}

// Has reports whether lang is one of the catalog's languages.
func (c *Catalog) Has(lang string) bool { return slices.Contains(c.langs, lang) }

// Match picks the best of the catalog's languages for an Accept-Language
// header, the fallback when none fits.
func (c *Catalog) Match(acceptLanguage string) string {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, i, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return c.langs[0]
	}
	return c.langs[i]
}

// Missing lists "lang: key" for every key some language has and lang
// lacks, sorted; a package's test asserts it is empty.
func (c *Catalog) Missing() []string {
	var out []string
	for _, l := range c.langs {
		for _, other := range c.langs {
			for key := range c.text[other] {
				if _, ok := c.text[l][key]; !ok {
					out = append(out, l+": "+key)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Keys is the number of keys in lang.
func (c *Catalog) Keys(lang string) int { return len(c.text[lang]) }
