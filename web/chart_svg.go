package web

import (
	"fmt"
	"html/template"
	"strings"
)

// chartBar is one bar of a server-rendered chart: its label, its value (the
// bar's length), the text shown beside it, and the list it drills into.
type chartBar struct {
	Label string
	Value float64
	Text  string
	URL   string // "" : not a link
}

// Chart geometry, in the SVG's own units: the SVG scales to its box's
// width (phones included) and prints as vectors.
const (
	chartWidth  = 640
	chartRow    = 26
	chartLabelW = 180
	chartTextW  = 110
)

// barChart draws horizontal bars, one row each, as inline SVG: no script,
// no CDN, no inline style (the CSP forbids it; SVG attributes are not
// styles). Labels are any script; each bar links to the records behind it.
func barChart(title string, bars []chartBar) template.HTML {
	max := 0.0
	for _, b := range bars {
		max = maxf(max, b.Value)
	}
	var sb strings.Builder
	h := chartRow*len(bars) + 8
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		chartWidth, h, esc(title))
	fmt.Fprintf(&sb, `<title>%s</title>`, esc(title))
	span := float64(chartWidth - chartLabelW - chartTextW)
	for i, b := range bars {
		y := 4 + i*chartRow
		w := 0.0
		if max > 0 {
			w = span * maxf(b.Value, 0) / max
		}
		if b.URL != "" {
			fmt.Fprintf(&sb, `<a href="%s" class="chart-bar">`, esc(b.URL))
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" font-size="13" fill="#333">%s</text>`,
			chartLabelW-6, y+17, esc(clip(b.Label, 14)))
		fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#3b6fb6"><title>%s: %s</title></rect>`,
			chartLabelW, y+3, maxf(w, 1), chartRow-8, esc(b.Label), esc(b.Text))
		fmt.Fprintf(&sb, `<text x="%.1f" y="%d" font-size="13" fill="#111">%s</text>`,
			float64(chartLabelW)+maxf(w, 1)+6, y+17, esc(b.Text))
		if b.URL != "" {
			sb.WriteString(`</a>`)
		}
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String()) // every value above is escaped
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// clip shortens a label to n characters (runes, so Chinese is cut whole).
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}
