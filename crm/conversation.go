package crm

import (
	"time"
)

// Channels through which messages arrive and leave.
const (
	ChannelEmail   = "email"
	ChannelWeChat  = "wechat"
	ChannelWebForm = "webform"
	ChannelNote    = "note" // a rep's private note
)

// Conversation statuses.
const (
	ConvOpen     = "open"
	ConvPending  = "pending"
	ConvSnoozed  = "snoozed"
	ConvResolved = "resolved"
)

// Conversation is a thread of messages with one person on one channel.
type Conversation struct {
	ID            int64      `json:"id"`
	Channel       string     `json:"channel"`
	Account       string     `json:"account"` // see Inbound.Account
	Subject       string     `json:"subject"`
	Status        string     `json:"status"`
	AssigneeID    *int64     `json:"assignee_id"`
	TeamID        *int64     `json:"team_id"`
	ContactID     *int64     `json:"contact_id"`
	CustomerID    *int64     `json:"customer_id"`
	LeadID        *int64     `json:"lead_id"`
	NeedsReview   bool       `json:"needs_review"`
	Labels        []string   `json:"labels"`
	SnoozedUntil  *time.Time `json:"snoozed_until"`
	LastMessageAt time.Time  `json:"last_message_at"`
	LastInboundAt *time.Time `json:"last_inbound_at"` // for WeChat's 48-hour window
	CreatedAt     time.Time  `json:"created_at"`
}

// Message directions.
const (
	DirectionIn  = "in"
	DirectionOut = "out"
)

// Address is a sender or recipient as the channel knows them.
type Address struct {
	Name    string `json:"name,omitempty"`
	Address string `json:"address"` // email, openid or phone
}

// Message is one message of a conversation, either way.
type Message struct {
	ID             int64        `json:"id"`
	ConversationID int64        `json:"conversation_id"`
	Channel        string       `json:"channel"`
	Account        string       `json:"account"` // see Inbound.Account
	Direction      string       `json:"direction"`
	ExternalID     string       `json:"external_id"` // the channel's id; the dedupe key
	From           Address      `json:"from"`
	To             []Address    `json:"to"`
	Cc             []Address    `json:"cc"`
	Subject        string       `json:"subject"`
	Text           string       `json:"text"`
	HTML           string       `json:"html" doc:"the sender's HTML exactly as received: unsafe, never show it as is (see html_safe)"`
	Attachments    []Attachment `json:"attachments"`
	Links          []Link       `json:"links"`
	Automated      bool         `json:"automated"`
	// AutomatedReason says why an automated message was taken for one.
	AutomatedReason string `json:"automated_reason,omitempty"`
	// MessageRef is the message's own thread reference (an email
	// Message-ID), what a reply to it carries in In-Reply-To.
	MessageRef string `json:"message_ref,omitempty"`
	// Delivery is an outbound message's state (Delivery*), and
	// DeliveryError the channel's reason when it failed.
	Delivery      string    `json:"delivery,omitempty"`
	DeliveryError string    `json:"delivery_error,omitempty"`
	AuthorID      *int64    `json:"author_id,omitempty"` // the rep who wrote an outbound message
	SentAt        time.Time `json:"sent_at"`             // as the channel dates it
	CreatedAt     time.Time `json:"created_at"`
}

// Link ties a message to a record, with the rule that made it and the value
// the rule matched, shown to reps and kept for audit.
type Link struct {
	Kind     string `json:"kind"` // a Ref* kind
	TargetID int64  `json:"target_id"`
	Rule     string `json:"rule"`  // e.g. "email", "phone", "order_number"
	Value    string `json:"value"` // e.g. "li@huaqiang.example"
}
