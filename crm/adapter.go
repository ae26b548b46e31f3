package crm

import "context"

// What every channel adapter (channels/email, channels/wechat,
// channels/webform) is given, under the same names in each adapter's
// config: Ingester and Deliveries.

// MessageIngester is the one door inbound messages enter by: *Ingester.
// cur, when not nil, is the adapter's position, saved in the same
// transaction as the message.
type MessageIngester interface {
	Ingest(ctx context.Context, in *Inbound, cur *Cursor) (*IngestResult, error)
}

// DeliveryReporter records what a channel reported later about a message
// we sent (an email bounce, a WeChat template job's result): *Outbox.
// account is the channel account the message went out of (for email the
// mailbox's id, see Inbound.Account); externalID is the SendResult's.
// ENOTFOUND when no message of ours has that id.
type DeliveryReporter interface {
	SetDelivery(ctx context.Context, channel, account, externalID, state, reason string) error
}

var (
	_ MessageIngester  = (*Ingester)(nil)
	_ DeliveryReporter = (*Outbox)(nil)
)
