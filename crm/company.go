package crm

import (
	"strings"
	"unicode"
)

// Company-name parts that say nothing about which company it is: legal
// forms and grouping words in Chinese and English. Longer ones first, so
// "股份有限公司" goes before "有限公司" does.
var companyNoise = []string{
	"股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "股份公司",
	"分公司", "集团", "股份", "公司",
	"co., ltd.", "co.,ltd.", "co. ltd.", "co ltd", "company limited", "limited", "ltd.", "ltd",
	"incorporated", "inc.", "inc", "corporation", "corp.", "corp", "gmbh", "llc", "plc",
	"group", "holdings", "company", "co.",
}

// Chinese city and province names often prefixed or bracketed in a
// company's registered name: "深圳市华强电子有限公司", "华强电子（深圳）有限公司".
var companyPlaces = []string{
	"北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "南京", "苏州", "成都",
	"武汉", "西安", "厦门", "青岛", "宁波", "东莞", "佛山", "香港", "广东", "浙江",
	"江苏", "福建", "山东", "四川", "湖北", "中国",
}

// CompanyKey reduces a company name to what identifies it, for the duplicate
// check (查重): lower case, without legal forms, bracketed or leading place
// names, punctuation and spaces. "深圳市华强电子有限公司", "华强电子（深圳）有限公司"
// and "华强电子" give the same key. It returns "" when nothing distinctive is
// left, which must never match anything.
func CompanyKey(name string) string {
	s := strings.ToLower(strings.TrimSpace(name))
	s = stripBrackets(s)
	for _, n := range companyNoise {
		s = strings.ReplaceAll(s, n, " ")
	}
	s = stripLeadingPlace(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	key := b.String()
	if len([]rune(key)) < 2 {
		return ""
	}
	return key
}

// stripBrackets removes bracketed parts: "(深圳)", "（深圳）", "[HK]".
func stripBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（', '[', '【':
			depth++
		case ')', '）', ']', '】':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// stripLeadingPlace removes one leading place name and a following 市 or 省.
func stripLeadingPlace(s string) string {
	t := strings.TrimLeft(s, " ")
	for _, p := range companyPlaces {
		if rest, ok := strings.CutPrefix(t, p); ok {
			rest = strings.TrimPrefix(rest, "市")
			rest = strings.TrimPrefix(rest, "省")
			if len([]rune(strings.TrimSpace(rest))) >= 2 {
				return rest
			}
		}
	}
	return s
}
