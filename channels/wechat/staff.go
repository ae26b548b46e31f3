package wechat

import (
	"context"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

// staffPush handles a push of one of us rather than a customer: a binding
// code ("绑定 CODE", or the QR scene "bind:CODE") links the follower to
// the code's user; anything from a bound follower only moves their
// 48-hour window. Neither is ingested: no lead, no conversation. staff is
// false for everyone else.
func (c *Channel) staffPush(ctx context.Context, a *crm.WeChatAccount, p *push) (staff bool, err error) {
	if c.cfg.Staff == nil {
		return false, nil
	}
	at := p.at(c.cfg.Now())
	if code := crm.BindCodeIn(p.Content, p.EventKey); code != "" && p.kind() == pushWrites {
		l, err := c.cfg.Staff.BindWeChat(ctx, crm.HashToken(code), a.AppID, p.FromUserName, at)
		switch crm.ErrorCode(err) {
		case "":
			c.cfg.Logger.Info("wechat: follower bound to a user", "app_id", a.AppID, "user", l.UserID)
		case crm.ENOTFOUND, crm.ECONFLICT:
			// A wrong or spent code: still not a customer's message.
			c.cfg.Logger.Info("wechat: binding refused", "app_id", a.AppID, "err", crm.ErrorMessage(err))
		default:
			return true, err
		}
		return true, nil
	}
	_, err = c.cfg.Staff.StaffWeChat(ctx, a.AppID, p.FromUserName, at, !p.automated())
	if crm.IsNotFound(err) {
		return false, nil
	}
	return true, err
}

// NotifyUser sends a notice to a user's own WeChat (notify.WeChat): a
// customer-service text, or the account's template m.Template. The caller
// chose by the user's window; WeChat's own refusal (45015…) comes back
// permanent.
func (c *Channel) NotifyUser(ctx context.Context, m *crm.Outgoing) (*crm.SendResult, error) {
	a, err := c.accounts.get(ctx, m.Account)
	if err != nil {
		return nil, permanentOr(err)
	}
	if len(m.To) == 0 {
		return nil, crm.PermanentSendError("no recipient", nil)
	}
	if m.Template != "" {
		return c.sendTemplate(ctx, a, m.To[0].Address, m)
	}
	msg := map[string]any{"touser": m.To[0].Address, "msgtype": "text", "text": map[string]string{"content": m.Text}}
	if err := c.call(ctx, a, http.MethodPost, "/cgi-bin/message/custom/send", nil, msg, nil); err != nil {
		return nil, sendError(err)
	}
	return &crm.SendResult{}, nil
}

// HasTemplate reports whether the account has a template for purpose.
func (c *Channel) HasTemplate(ctx context.Context, appID, purpose string) bool {
	a, err := c.accounts.get(ctx, appID)
	return err == nil && a.Templates[purpose].ID != ""
}
