package main

import (
	"context"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// webformChannel builds the web-form channel: the capture endpoint and the hosted form page.
func webformChannel(d *channelDeps) (channelParts, error) {
	cfg := d.cfg
	h := webform.New(webform.Config{Forms: d.db, Ingester: d.ingester, Outbox: d.outbox,
		ClientIP: web.ClientAddressFunc(cfg.trustedProxies), Now: d.now,
		Logger: d.log.With("channel", crm.ChannelWebForm), Region: cfg.PhoneRegion, MaxBody: cfg.FormMaxBody,
		PerIP: formLimit(float64(cfg.FormIPPerMinute)/60, cfg.FormIPPerMinute), PerForm: formLimit(float64(cfg.FormPerSecond), 2*cfg.FormPerSecond),
		Limits: d.limits()})
	follow := func(ctx context.Context) error { return h.Follow(ctx, d.events) }
	return channelParts{channel: crm.ChannelWebForm, formCapture: h, runners: []func(context.Context) error{follow}}, nil
}

// formLimit is a rate limit; a setting of 0 or less takes the channel's default.
func formLimit(rate float64, burst int) webform.Limit {
	if rate <= 0 || burst <= 0 {
		return webform.Limit{}
	}
	return webform.Limit{Rate: rate, Burst: burst}
}
