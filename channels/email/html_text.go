package email

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// htmlText is the text of an HTML body, for mail that sent no text part
// (many webmail and notification systems): the matcher reads text, and a
// forward's header block is found in it. Tags go, block elements and <br>
// break lines, script, style and head are dropped, entities are decoded.
func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for b.Len() < maxBodyText {
		switch z.Next() {
		case html.ErrorToken:
			return tidyLines(b.String())
		case html.TextToken:
			if skip == 0 { // white space in HTML is one space; tags break lines
				b.WriteString(spaces.ReplaceAllString(string(z.Text()), " "))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			skip += skipDelta(string(name), 1)
			if breaksLine[string(name)] {
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			skip = max(skip+skipDelta(string(name), -1), 0)
			if breaksLine[string(name)] {
				b.WriteByte('\n')
			}
		}
	}
	return tidyLines(b.String())
}

var spaces = regexp.MustCompile(`[ \t\r\n\f]+`)

func skipDelta(tag string, d int) int {
	switch tag {
	case "script", "style", "head", "title":
		return d
	}
	return 0
}

var breaksLine = setOf("br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr",
	"table", "ul", "ol", "pre", "section", "article", "header", "footer")

// tidyLines trims each line, turns non-breaking spaces into spaces and
// keeps at most one empty line in a row.
func tidyLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\u00a0", " "), "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
