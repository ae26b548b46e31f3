package crm

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// Menu is a WeChat official account's custom menu, in WeChat's own JSON
// shape (menu/create takes it as it is; menu/get returns it).
type Menu struct {
	Buttons []MenuButton `json:"button"`
}

// MenuButton is a top button (with SubButtons, or an action of its own) or
// a sub-button.
type MenuButton struct {
	Type       string       `json:"type,omitempty"` // click, view or miniprogram
	Name       string       `json:"name"`
	Key        string       `json:"key,omitempty"`      // click: the key a CLICK event carries
	URL        string       `json:"url,omitempty"`      // view; miniprogram's fallback for old clients
	AppID      string       `json:"appid,omitempty"`    // miniprogram
	PagePath   string       `json:"pagepath,omitempty"` // miniprogram
	SubButtons []MenuButton `json:"sub_button,omitempty"`
}

// WeChat's limits (menu/create): 3 top buttons of at most 16 bytes (4
// Chinese characters), 5 sub-buttons each of at most 60 bytes, keys of
// 128 bytes, links of 1,024 bytes.
const (
	menuTop, menuSub         = 3, 5
	menuTopName, menuSubName = 16, 60
	menuKey, menuURL         = 128, 1024
)

// Validate checks the menu against WeChat's limits, naming each button
// ("button[1].sub_button[2].name"), so that an admin learns what to fix
// before WeChat refuses the whole menu.
func (m *Menu) Validate() error {
	p := Problems{}
	if len(m.Buttons) == 0 {
		p.Add("button", "needs at least one button")
	}
	if len(m.Buttons) > menuTop {
		p.Add("button", fmt.Sprintf("has %d buttons; WeChat allows %d", len(m.Buttons), menuTop))
	}
	for i, b := range m.Buttons {
		f := fmt.Sprintf("button[%d]", i)
		checkName(p, f, b.Name, menuTopName)
		if len(b.SubButtons) > menuSub {
			p.Add(f+".sub_button", fmt.Sprintf("has %d buttons; WeChat allows %d", len(b.SubButtons), menuSub))
		}
		if len(b.SubButtons) == 0 {
			checkAction(p, f, b)
		} else if b.Type != "" {
			p.Add(f+".type", "must be empty on a button with sub-buttons")
		}
		for j, s := range b.SubButtons {
			g := fmt.Sprintf("%s.sub_button[%d]", f, j)
			checkName(p, g, s.Name, menuSubName)
			checkAction(p, g, s)
			if len(s.SubButtons) > 0 {
				p.Add(g+".sub_button", "WeChat menus have two levels only")
			}
		}
	}
	return p.Err()
}

func checkName(p Problems, f, name string, max int) {
	switch {
	case strings.TrimSpace(name) == "":
		p.Add(f+".name", "is required")
	case len(name) > max:
		p.Add(f+".name", fmt.Sprintf("is %d bytes; WeChat allows %d (a Chinese character is 3)", len(name), max))
	}
}

func checkAction(p Problems, f string, b MenuButton) {
	switch b.Type {
	case "click":
		if b.Key == "" {
			p.Add(f+".key", "is required for a click button")
		} else if len(b.Key) > menuKey {
			p.Add(f+".key", fmt.Sprintf("is %d bytes; WeChat allows %d", len(b.Key), menuKey))
		}
	case "view":
		checkLink(p, f+".url", b.URL)
	case "miniprogram":
		p.Require(f+".appid", b.AppID)
		p.Require(f+".pagepath", b.PagePath)
		checkLink(p, f+".url", b.URL) // shown by clients without mini programs
	default:
		p.Add(f+".type", "must be click, view or miniprogram")
	}
}

func checkLink(p Problems, f, s string) {
	u, err := url.Parse(s)
	switch {
	case s == "":
		p.Add(f, "is required")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		p.Add(f, "must be an http(s) address")
	case len(s) > menuURL:
		p.Add(f, fmt.Sprintf("is %d bytes; WeChat allows %d", len(s), menuURL))
	}
}

// MenuPublisher publishes and reads an account's live menu (the WeChat
// channel, through menu/create and menu/get).
type MenuPublisher interface {
	PublishMenu(ctx context.Context, appID string, m *Menu) error
	LiveMenu(ctx context.Context, appID string) (*Menu, error)
}
