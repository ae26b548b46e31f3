package main

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/channels/email"
	"github.com/rapport-crm/rapport/crm"
)

// emailChannel builds the email channel: IMAP pollers in, SMTP out. Every
// instance runs the supervisor; the lease in the database lets exactly one
// instance poll each mailbox.
func emailChannel(d *channelDeps) (channelParts, error) {
	log := d.log.With("part", "email")
	cfg := email.PollerConfig{Store: d.db, Ingester: d.ingester, Deliveries: d.outbox, Blobs: d.blobs,
		Holder: d.holder, Logger: log, Now: d.now}
	sup := email.NewSupervisor(cfg, time.Second)
	sender := email.NewSender(email.SenderConfig{Mailboxes: d.db, Blobs: d.blobs, Logger: log, Now: d.now})
	return channelParts{
		channel: crm.ChannelEmail,
		sender:  sender,
		runners: []func(ctx context.Context) error{sup.Run},
	}, nil
}
