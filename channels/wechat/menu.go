package wechat

import (
	"context"
	"errors"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// PublishMenu replaces the account's live menu (menu/create). WeChat's
// refusal comes back as an EINVALID error carrying WeChat's own message.
func (c *Channel) PublishMenu(ctx context.Context, appID string, m *crm.Menu) error {
	if err := m.Validate(); err != nil {
		return err
	}
	a, err := c.accounts.get(ctx, appID)
	if err != nil {
		return err
	}
	return weChatSaid(c.call(ctx, a, http.MethodPost, "/cgi-bin/menu/create", nil, m, nil))
}

// LiveMenu reads the account's live menu (menu/get); an account without a
// menu (WeChat's 46003) has an empty one.
func (c *Channel) LiveMenu(ctx context.Context, appID string) (*crm.Menu, error) {
	a, err := c.accounts.get(ctx, appID)
	if err != nil {
		return nil, err
	}
	var out struct {
		Menu crm.Menu `json:"menu"`
	}
	err = c.call(ctx, a, http.MethodGet, "/cgi-bin/menu/get", nil, nil, &out)
	var e *APIError
	if errors.As(err, &e) && e.Code == 46003 {
		return &crm.Menu{Buttons: []crm.MenuButton{}}, nil
	}
	if err != nil {
		return nil, weChatSaid(err)
	}
	return &out.Menu, nil
}

// weChatSaid shows an admin what WeChat answered.
func weChatSaid(err error) error {
	var e *APIError
	if errors.As(err, &e) {
		return crm.Errorf(crm.EINVALID, "WeChat refused: %d %s", e.Code, e.Msg)
	}
	if err != nil {
		return crm.Errorf(crm.EINTERNAL, "WeChat could not be reached: %v", err)
	}
	return nil
}
