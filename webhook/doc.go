// Package webhook delivers Rapport's events to the URLs admins subscribe:
// the Dispatcher turns committed events into deliveries in the webhook
// outbox (crm.WebhookStore), the Deliverer POSTs them, signed, with
// retries and back-off, and a Guard keeps them off loopback and private
// addresses (SSRF). It imports only crm.
//
// Delivery is at least once: a receiver may see an event twice (a
// redelivery, a crash after its answer), and dedupes on the Rapport-Delivery
// header, which is the event's id and stays the same on every attempt.
package webhook

// Headers of every delivery.
const (
	HeaderSignature = "Rapport-Signature" // t=<unix seconds>,v1=<hex HMAC-SHA256>
	HeaderEvent     = "Rapport-Event"     // the event type, e.g. message.created
	HeaderDelivery  = "Rapport-Delivery"  // the event's id: the same on every attempt
)
