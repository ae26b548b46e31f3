package crm

import (
	"context"
	"time"
)

// WebhookStore keeps webhooks and their deliveries: an outbox of HTTP
// calls that several instances share (claims are leased).
type WebhookStore interface {
	// CreateWebhook stores w and sets ID and times. EINVALID.
	CreateWebhook(ctx context.Context, w *Webhook) error
	// UpdateWebhook saves w's URL, description, events and disabled flag,
	// and its secret when not empty; enabling it again clears its failures
	// and reason. ENOTFOUND, EINVALID.
	UpdateWebhook(ctx context.Context, w *Webhook) error
	// Webhook returns one webhook with its secret. ENOTFOUND.
	Webhook(ctx context.Context, id int64) (*Webhook, error)
	// Webhooks lists every webhook, oldest first.
	Webhooks(ctx context.Context) ([]*Webhook, error)
	// DeleteWebhook removes a webhook and its deliveries. ENOTFOUND.
	DeleteWebhook(ctx context.Context, id int64) error

	// QueueHookEvent queues e for every enabled webhook subscribed to its
	// type, at most once per webhook and event id, due at e.At, and says
	// how many deliveries it queued.
	QueueHookEvent(ctx context.Context, e HookEvent) (int, error)
	// ClaimHookDeliveries leases up to limit due deliveries until
	// leaseUntil, counts the attempt, and returns them with URL and Secret.
	ClaimHookDeliveries(ctx context.Context, now, leaseUntil time.Time, limit int) ([]*HookDelivery, error)
	// FinishHookDelivery logs the attempt and sets the delivery's state.
	// A failure counts against the webhook, which it disables (reporting
	// true) when o.DisableAfter failed attempts in a row are reached; its queued
	// deliveries then fail. A success resets the count.
	FinishHookDelivery(ctx context.Context, d *HookDelivery, o HookOutcome) (disabled bool, err error)
	// HookDeliveries lists a webhook's deliveries, newest first.
	HookDeliveries(ctx context.Context, webhookID int64, p Page) (List[*HookDelivery], error)
	// HookAttempts lists a delivery's attempts, oldest first. ENOTFOUND.
	HookAttempts(ctx context.Context, deliveryID int64) ([]HookAttempt, error)
	// RedeliverHook queues a delivery again, due at now, whatever its
	// state; it keeps its event id and body. ENOTFOUND.
	RedeliverHook(ctx context.Context, deliveryID int64, now time.Time) (*HookDelivery, error)
	// PendingHookDeliveries counts the queued deliveries (for /metrics).
	PendingHookDeliveries(ctx context.Context) (int, error)
}
