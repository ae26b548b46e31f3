package crm

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"slices"
	"time"
)

// Webhook event names: what a subscriber receives, in the form most
// integrations know (Stripe, Chatwoot): record.verb.
const (
	HookMessageCreated        = "message.created"
	HookConversationCreated   = "conversation.created"
	HookConversationAssigned  = "conversation.assigned"
	HookConversationResolved  = "conversation.resolved"
	HookConversationHandedOff = "conversation.handed_off" // the bot asked for a person
	HookLeadCreated           = "lead.created"
	HookCustomerCreated       = "customer.created"
	HookOrderCreated          = "order.created"
	HookPaymentReceived       = "payment.received"
)

// HookEvents lists every event a webhook may subscribe to.
var HookEvents = []string{HookMessageCreated, HookConversationCreated, HookConversationAssigned,
	HookConversationResolved, HookConversationHandedOff, HookLeadCreated, HookCustomerCreated,
	HookOrderCreated, HookPaymentReceived}

// Webhook delivery states.
const (
	HookQueued = "queued" // waiting for its (next) attempt
	HookSent   = "sent"   // the receiver answered 2xx
	HookFailed = "failed" // given up: too many attempts, or the webhook was disabled
)

// Webhook is an admin's subscription: Rapport POSTs each subscribed event
// to URL, signed with Secret. After DisableAfter failed attempts in a row
// the webhook is disabled, with the reason, until an
// admin enables it again.
type Webhook struct {
	ID             int64     `json:"id"`
	URL            string    `json:"url"`
	Description    string    `json:"description"`
	Events         []string  `json:"events"`
	Secret         Secret    `json:"secret"` // write-only; generated when empty
	Disabled       bool      `json:"disabled"`
	DisabledReason string    `json:"disabled_reason"`
	Failures       int       `json:"failures"` // failed attempts in a row
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Validate checks the URL's form (http or https, a host) and the events.
// Where the host resolves is checked when Rapport connects (SSRF).
func (w *Webhook) Validate() error {
	p := Problems{}
	p.Require("url", w.URL)
	p.MaxLen("url", w.URL, 2000)
	if u, err := url.Parse(w.URL); w.URL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "") {
		p.Add("url", "must be an http or https URL with a host")
	} else if err == nil && u.User != nil {
		p.Add("url", "must not hold a user or password")
	}
	p.MaxLen("description", w.Description, 200)
	if len(w.Events) == 0 {
		p.Add("events", "choose at least one event")
	}
	if w.Secret == "" {
		p.Add("secret", "is required")
	}
	for _, e := range w.Events {
		if !slices.Contains(HookEvents, e) {
			p.Add("events", "unknown event "+e)
		}
	}
	return p.Err()
}

// HookEvent is one occurrence to deliver: ID is unique per occurrence (the
// event and its record's id), so that it is queued once per webhook.
type HookEvent struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	At      time.Time       `json:"created_at"`
	Payload json.RawMessage `json:"-"` // the body sent, fixed when queued
}

// HookDelivery is one event on its way to one webhook, with the state of
// its last attempt. URL and Secret are filled when it is claimed.
type HookDelivery struct {
	ID         int64           `json:"id"`
	WebhookID  int64           `json:"webhook_id"`
	EventID    string          `json:"event_id"`
	Event      string          `json:"event"`
	Payload    json.RawMessage `json:"payload"`
	State      string          `json:"state"`
	Attempts   int             `json:"attempts"`
	DueAt      time.Time       `json:"due_at"`
	LastStatus int             `json:"last_status"` // HTTP status; 0: no answer
	LastError  string          `json:"last_error"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
	URL        string          `json:"-"`
	Secret     Secret          `json:"-"`
}

// HookAttempt is one POST of a delivery and what came of it.
type HookAttempt struct {
	At         time.Time `json:"at"`
	Status     int       `json:"status"` // 0: no answer (refused, timed out)
	Error      string    `json:"error"`
	DurationMS int64     `json:"duration_ms"`
}

// HookOutcome is what an attempt ends in. State is HookSent, HookFailed
// (given up) or HookQueued (retry at RetryAt). DisableAfter > 0 disables
// the webhook once that many attempts in a row have failed.
type HookOutcome struct {
	Attempt      HookAttempt
	State        string
	RetryAt      time.Time
	DisableAfter int
}

// NewHookSecret returns a fresh signing secret: 32 random bytes, prefixed
// so that it is recognisable in a receiver's configuration.
func NewHookSecret() Secret {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return Secret("whsec_" + base64.RawURLEncoding.EncodeToString(b))
}
