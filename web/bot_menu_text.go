package web

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// The menu editor is a text area, one button a line, which an admin reads
// at a glance and WeChat's limits are checked on as saved:
//
//	营业时间 | click | V_HOURS
//	关于我们
//	- 官网 | view | https://example.com
//	- 小程序 | miniprogram | wx123 | pages/index | https://example.com
//
// A line starting with "-" is a sub-button of the top button above it.

// parseMenu reads the editor's text; lines maps each button's field path
// ("button[1].sub_button[0]") to its line, for the problems.
func parseMenu(text string) (m *crm.Menu, lines map[string]int, err error) {
	m, lines = &crm.Menu{}, map[string]int{}
	for i, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		sub := strings.HasPrefix(t, "-")
		b := menuButton(strings.TrimSpace(strings.TrimPrefix(t, "-")))
		if !sub {
			m.Buttons = append(m.Buttons, b)
			lines[fmt.Sprintf("button[%d]", len(m.Buttons)-1)] = i + 1
			continue
		}
		if len(m.Buttons) == 0 {
			return nil, nil, invalid("menu", fmt.Sprintf("line %d: a sub-button needs a top button above it", i+1))
		}
		top := &m.Buttons[len(m.Buttons)-1]
		top.SubButtons = append(top.SubButtons, b)
		lines[fmt.Sprintf("button[%d].sub_button[%d]", len(m.Buttons)-1, len(top.SubButtons)-1)] = i + 1
	}
	return m, lines, nil
}

func menuButton(t string) crm.MenuButton {
	parts := strings.Split(t, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	at := func(i int) string {
		if i < len(parts) {
			return parts[i]
		}
		return ""
	}
	b := crm.MenuButton{Name: at(0), Type: at(1)}
	switch b.Type {
	case "click":
		b.Key = at(2)
	case "view":
		b.URL = at(2)
	case "miniprogram":
		b.AppID, b.PagePath, b.URL = at(2), at(3), at(4)
	}
	return b
}

// menuText writes a menu as the editor shows it.
func menuText(m *crm.Menu) string {
	if m == nil {
		return ""
	}
	var b strings.Builder
	for _, top := range m.Buttons {
		b.WriteString(buttonLine(top) + "\n")
		for _, s := range top.SubButtons {
			b.WriteString("- " + buttonLine(s) + "\n")
		}
	}
	return b.String()
}

func buttonLine(b crm.MenuButton) string {
	switch b.Type {
	case "click":
		return b.Name + " | click | " + b.Key
	case "view":
		return b.Name + " | view | " + b.URL
	case "miniprogram":
		return strings.Join([]string{b.Name, "miniprogram", b.AppID, b.PagePath, b.URL}, " | ")
	}
	return b.Name
}

// menuProblems says each of the menu's problems with the line it is on:
// "line 3: name is 18 bytes; WeChat allows 16".
func menuProblems(lang string, fields map[string]string, lines map[string]int) []string {
	var out []string
	for f, msg := range fields {
		msg = problemText(lang, msg)
		f = strings.TrimPrefix(f, "menu.")
		path, line := "", 0
		for p, l := range lines {
			if (f == p || strings.HasPrefix(f, p+".")) && len(p) > len(path) {
				path, line = p, l
			}
		}
		name := strings.TrimPrefix(strings.TrimPrefix(f, path), ".")
		switch {
		case line > 0 && name != "":
			out = append(out, numbered(lang, "menu.line_field", strconv.Itoa(line), fieldLabel(lang, name), msg))
		case line > 0:
			out = append(out, numbered(lang, "menu.line", strconv.Itoa(line))+colon(lang)+msg)
		default:
			out = append(out, fieldLabel(lang, f)+colon(lang)+msg)
		}
	}
	sort.Strings(out)
	return out
}
