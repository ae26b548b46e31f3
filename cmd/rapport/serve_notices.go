package main

import (
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/notify"
)

// noticeSweeps sends the notices to users (pool warnings) by their own
// WeChat or by email from the reminder mailbox, outside the company's
// care quiet hours unless a user set their own.
func noticeSweeps(d *channelDeps) []crm.Sweep {
	cfg := notify.Config{Store: d.db, Mail: d.senders[crm.ChannelEmail], Mailbox: d.cfg.ReminderMailbox,
		BaseURL: d.baseURL, Now: d.now, Log: d.log.With("part", "notify")}
	if w, ok := d.senders[crm.ChannelWeChat].(notify.WeChat); ok {
		cfg.WeChat = w
	}
	if z, err := time.LoadLocation(d.cfg.CareTimeZone); err == nil {
		cfg.Zone = z
	}
	if start, end, ok := strings.Cut(d.cfg.CareQuietHours, "-"); ok {
		cfg.QuietStart, cfg.QuietEnd = strings.TrimSpace(start), strings.TrimSpace(end)
	}
	return []crm.Sweep{notify.New(cfg).Sweep()}
}
