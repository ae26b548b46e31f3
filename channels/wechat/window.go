package wechat

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// window is how long after the user's last message WeChat accepts
// customer-service messages (error 45015 after it).
const window = 48 * time.Hour

// CheckSend tells the rep before queueing whether the conversation can be
// answered: inside the 48-hour window, or with a template configured for
// the draft's purpose; never a user who unsubscribed (WeChat refuses
// every message to them, 43004).
func (c *Channel) CheckSend(ctx context.Context, conv *crm.Conversation, d *crm.Draft, now time.Time) error {
	a, err := c.accounts.get(ctx, conv.Account)
	if err != nil {
		return crm.Errorf(crm.EINVALID, "The WeChat account %s is not set up on this server.", conv.Account)
	}
	for _, to := range d.To {
		if err := c.checkSubscribed(ctx, a.AppID, to.Address); err != nil {
			return err
		}
	}
	if _, ok := a.Templates[d.Template]; d.Template != "" && !ok {
		// Not a configured purpose: a template the rep picked from the
		// account's list on WeChat.
		listed, err := c.listedTemplate(ctx, conv.Account, d.Template)
		if err != nil || listed {
			return err
		}
	}
	return checkWindow(a, conv, d.Template, now)
}

// checkWindow: a template message needs its template; anything else needs
// the window open.
func checkWindow(a *crm.WeChatAccount, conv *crm.Conversation, template string, now time.Time) error {
	if template != "" {
		if _, ok := a.Templates[template]; !ok {
			return crm.Errorf(crm.EINVALID, "The WeChat account has no template message for %q.", template)
		}
		return nil
	}
	if conv.LastInboundAt == nil || now.Sub(*conv.LastInboundAt) >= window {
		return crm.Errorf(crm.EINVALID, "This conversation is outside WeChat's 48-hour window: "+
			"the customer has not written for more than 48 hours. %s", templateHint(a))
	}
	return nil
}

func templateHint(a *crm.WeChatAccount) string {
	if len(a.Templates) == 0 {
		return "Wait for the customer to write again."
	}
	return "Send a template message instead."
}

// checkSubscribed refuses a user who unsubscribed.
func (c *Channel) checkSubscribed(ctx context.Context, appID, openID string) error {
	u, err := c.cfg.Store.WeChatUser(ctx, appID, openID)
	switch {
	case crm.IsNotFound(err):
		return nil
	case err != nil:
		return err
	case u.Unsubscribed:
		return crm.Errorf(crm.EINVALID, "This WeChat user unsubscribed from the account: "+
			"WeChat delivers nothing to them until they follow it again.")
	}
	return nil
}
