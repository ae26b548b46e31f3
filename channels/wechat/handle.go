package wechat

import (
	"context"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// handle makes a verified push durable: a template job report updates its
// message, anything else is ingested. What can wait (user info, media)
// is queued for the runners.
func (c *Channel) handle(ctx context.Context, a *crm.WeChatAccount, p *push, raw []byte) error {
	if p.kind() == pushReport {
		return c.jobReport(ctx, a, p)
	}
	if p.MsgType == "event" && (p.Event == "subscribe" || p.Event == "unsubscribe") {
		err := c.cfg.Store.SetWeChatSubscribed(ctx, a.AppID, p.FromUserName, p.Event == "subscribe", p.at(c.cfg.Now()))
		if err != nil {
			return err
		}
	}
	if staff, err := c.staffPush(ctx, a, p); staff || err != nil {
		return err
	}
	in, known := c.inbound(ctx, a, p, raw)
	res, err := c.cfg.Ingester.Ingest(ctx, in, nil)
	if err != nil {
		return err
	}
	if res.Skipped {
		// Kept in the log: the follower has no conversation to note it on.
		c.cfg.Logger.Info("wechat: event of a follower without a conversation", "app_id", a.AppID,
			"openid", p.FromUserName, "event", p.Event, "key", p.EventKey)
		return nil
	}
	if p.hasMedia() {
		// Also for a duplicate: the first try may have died before this.
		m := &crm.WeChatMedia{AppID: a.AppID, MessageID: res.MessageID, MediaID: p.MediaID, Kind: p.MsgType}
		if err := c.cfg.Store.QueueWeChatMedia(ctx, m); err != nil && crm.ErrorCode(err) != crm.ECONFLICT {
			return err
		}
		c.wakeMedia()
	}
	if !known {
		c.users.add(a.AppID, p.FromUserName)
	}
	return nil
}

// inbound builds the crm.Inbound of a push, with the unionid when the
// user's info was fetched before. known is false when it was not.
func (c *Channel) inbound(ctx context.Context, a *crm.WeChatAccount, p *push, raw []byte) (*crm.Inbound, bool) {
	in := &crm.Inbound{Channel: crm.ChannelWeChat, Account: a.AppID, ExternalID: p.externalID(),
		From:     crm.Address{Address: p.FromUserName},
		Identity: &crm.Identity{Kind: crm.IdentityWeChat, Key: a.AppID, Value: p.FromUserName},
		To:       []crm.Address{{Address: p.ToUserName}}, Text: p.text(), ReceivedAt: p.at(c.cfg.Now()),
		Source:    crm.LeadSource{Channel: crm.ChannelWeChat, Campaign: p.campaign()},
		Automated: p.automated(), Aside: p.kind() == pushAside, SenderThread: true, Raw: raw}
	in.From.Name = followerName(p.FromUserName)
	u, err := c.cfg.Store.WeChatUser(ctx, a.AppID, p.FromUserName)
	if err == nil && u.Nickname != "" {
		in.From.Name = u.Nickname
	}
	in.Person.Name = in.From.Name
	if err != nil || u.FetchedAt == nil {
		return in, false
	}
	in.UnionID = u.UnionID
	return in, true
}

// jobReport records what WeChat reports on a job of ours: a template
// message's delivery on its message; the others (mass sends, publishing,
// subscription notices) in the log, with their counts.
func (c *Channel) jobReport(ctx context.Context, a *crm.WeChatAccount, p *push) error {
	if p.Event == "TEMPLATESENDJOBFINISH" {
		return c.templateReport(ctx, a, p)
	}
	c.cfg.Logger.Info("wechat: job report", "app_id", a.AppID, "event", p.Event, "msgid", p.JobMsgID,
		"status", p.Status, "total", p.TotalCount, "sent", p.SentCount, "errors", p.ErrorCount)
	return nil
}

// templateReport records TEMPLATESENDJOBFINISH on the message it reports:
// "success" is delivered, anything else ("failed:user block"…) failed.
func (c *Channel) templateReport(ctx context.Context, a *crm.WeChatAccount, p *push) error {
	if c.cfg.Deliveries == nil || p.JobMsgID == "" {
		return nil
	}
	state, reason := crm.DeliveryDelivered, ""
	if p.Status != "success" {
		state, reason = crm.DeliveryFailed, fmt.Sprintf("WeChat: %s", p.Status)
	}
	err := c.cfg.Deliveries.SetDelivery(ctx, crm.ChannelWeChat, a.AppID, p.JobMsgID, state, reason)
	if crm.IsNotFound(err) {
		c.cfg.Logger.Info("wechat: template report for an unknown message", "app_id", a.AppID, "msgid", p.JobMsgID)
		return nil
	}
	return err
}
