package importer

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/rapport-crm/rapport/crm"
)

func itoa(n int) string { return strconv.Itoa(n) }

// chineseDate is 2026年3月5日 (the 日 may be missing); numericDate is
// 2026/3/5, 2026-03-05, 2026.3.5, with an optional time after it.
var (
	chineseDate = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?`)
	numericDate = regexp.MustCompile(`^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?:[ T].*)?$`)
)

// excelEpoch is day 0 of Excel's 1900 date system, which counts a 29
// February 1900 that never was: serials from 61 on are one day late, and
// starting the count on 30 December 1899 absorbs that.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads a date as people and Excel write it: 2026年3月5日,
// 2026/3/5, 2026-03-05, 2026.3.5, and an Excel serial number (46086, or
// 46086.5 with a time of day).
func parseDate(s string) (*crm.Date, bool) {
	s = width.Fold.String(strings.TrimSpace(s))
	if s == "" {
		return nil, true
	}
	var y, m, d string
	if g := chineseDate.FindStringSubmatch(s); g != nil {
		y, m, d = g[1], g[2], g[3]
	} else if g := numericDate.FindStringSubmatch(s); g != nil {
		y, m, d = g[1], g[2], g[3]
	} else if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1 && f < 2958466 {
		t := excelEpoch.AddDate(0, 0, int(math.Floor(f)))
		if f < 61 {
			t = t.AddDate(0, 0, 1) // before Excel's phantom leap day
		}
		dt, err := crm.ParseDate(t.Format(time.DateOnly))
		return &dt, err == nil
	} else {
		return nil, false
	}
	dt, err := crm.ParseDate(pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2))
	return &dt, err == nil
}

func pad(s string, n int) string { return strings.Repeat("0", max(0, n-len(s))) + s }

// amountNoise is what people write around a number: currency signs and
// words, thousands separators (including the full-width comma and the
// spaces Excel uses in some locales).
var amountNoise = strings.NewReplacer("¥", "", "￥", "", "元", "", "RMB", "", "CNY", "", ",", "", "，", "",
	" ", "", "\u00a0", "", "\u202f", "", "'", "")

// parseAmount reads ¥1,234.50, ￥12 000, 1234元, (120) or -120 as cents.
func parseAmount(s string) (int64, bool) {
	s = strings.TrimSpace(width.Fold.String(s))
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, s[1:len(s)-1]
	}
	s = amountNoise.Replace(strings.ToUpper(s))
	if strings.HasPrefix(s, "-") {
		neg, s = !neg, s[1:]
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e13 || s == "" {
		return 0, false
	}
	c := int64(math.Round(f * 100))
	if neg {
		c = -c
	}
	return c, true
}

// splitList splits a cell holding several values: emails, phones, tags,
// separated by commas, semicolons, 、, slashes or new lines, in either
// width.
func splitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ',', ';', '，', '；', '、', '/', '\n', '|':
			return true
		}
		return false
	})
	var out []string
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// phoneCell undoes what a spreadsheet does to a phone number stored as a
// number: 1.38001380001E+10 back to 13800138000, and 13800138000.0.
func phoneCell(s string) string {
	s = strings.TrimSpace(width.Fold.String(s))
	if strings.ContainsAny(s, "Ee") || strings.HasSuffix(s, ".0") {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 1e6 && f < 1e16 {
			return strconv.FormatFloat(f, 'f', 0, 64)
		}
	}
	return s
}
