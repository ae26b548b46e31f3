package main

import (
	"context"

	"github.com/rapport-crm/rapport/channels/wechat"
	"github.com/rapport-crm/rapport/crm"
)

// wechatChannel builds the WeChat channel: the callback in, the official-account API out.
// Accounts live in the database (rapport wechat add, or the API), so the
// channel is always built; with no account every callback answers 404.
func wechatChannel(d *channelDeps) (channelParts, error) {
	ch := wechat.New(wechat.Config{Store: d.db, Ingester: d.ingester, Deliveries: d.outbox, Staff: d.db,
		Blobs: d.blobs, Now: d.now, Logger: d.log.With("part", "wechat")})
	return channelParts{channel: crm.ChannelWeChat, sender: ch, wechatCallback: ch, menus: ch,
		runners: []func(ctx context.Context) error{ch.RunUsers, ch.RunMedia}}, nil
}
