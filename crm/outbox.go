package crm

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Delivery states of an outbound message.
const (
	DeliveryQueued    = "queued"    // in the outbox, not yet accepted by the channel
	DeliverySent      = "sent"      // the channel accepted it
	DeliveryDelivered = "delivered" // the channel reported it delivered (WeChat template job)
	DeliveryFailed    = "failed"    // given up; DeliveryError says why
)

// Kinds of outbound message. Automatic ones (OutAuto) are marked as such on
// the wire (email Auto-Submitted: auto-replied) so that robots do not answer
// each other.
const (
	OutReply = "reply" // a rep's answer
	OutCare  = "care"  // a care message (birthday, follow-up plan)
	OutAuto  = "auto"  // an automatic answer: a form's confirmation, a bot
)

// Outgoing is what a Sender sends. The outbox builds it when the message is
// queued and keeps it until the channel has accepted it.
type Outgoing struct {
	MessageID      int64        `json:"message_id"`
	ConversationID int64        `json:"conversation_id"`
	Channel        string       `json:"channel"`
	Account        string       `json:"account"` // see Inbound.Account
	Kind           string       `json:"kind"`
	To             []Address    `json:"to"`
	Cc             []Address    `json:"cc,omitempty"`
	Subject        string       `json:"subject,omitempty"`
	Text           string       `json:"text,omitempty"`
	HTML           string       `json:"html,omitempty"`
	Attachments    []Attachment `json:"attachments,omitempty"`
	// InReplyTo and References thread an email reply: the message answered
	// and the thread's references, oldest first.
	InReplyTo  string   `json:"in_reply_to,omitempty"`
	References []string `json:"references,omitempty"`
	// Template names a channel template (a WeChat template message) and its
	// values, for care messages sent outside a conversation window.
	Template       string            `json:"template,omitempty"`
	TemplateValues map[string]string `json:"template_values,omitempty"`
	// Unsubscribe is the one-click unsubscribe link of a care message
	// (email List-Unsubscribe, RFC 8058); empty for others.
	Unsubscribe string `json:"unsubscribe,omitempty"`
	// Link is a link card (a bot rule's): WeChat sends it as a news
	// message; other channels send Text, which also holds the link.
	Link    *LinkCard `json:"link,omitempty"`
	Attempt int       `json:"attempt"` // 1 on the first try
}

// LinkCard is a link shown as a card: a title, a line of text and the
// address (WeChat's news message with one article).
type LinkCard struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url"`
}

// SendResult is what a channel said when it accepted a message.
type SendResult struct {
	// ExternalID is the channel's id of the sent message (WeChat msgid), so
	// that later reports (bounces, template job results) find it.
	ExternalID string
	// MessageRef is the reference replies will carry (an email Message-ID);
	// it is recorded so that the customer's answer threads here.
	MessageRef string
}

// SendError is a Sender's failure. A permanent one is not retried; its
// Reason (the server's own words) is shown to the rep.
type SendError struct {
	Permanent  bool
	Reason     string
	RetryAfter time.Duration // 0: the outbox's back-off decides
	Err        error
}

func (e *SendError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("send: %s: %v", e.Reason, e.Err)
	}
	return "send: " + e.Reason
}

func (e *SendError) Unwrap() error { return e.Err }

// PermanentSendError returns a SendError that will not be retried.
func PermanentSendError(reason string, err error) *SendError {
	return &SendError{Permanent: true, Reason: reason, Err: err}
}

// asSendError returns err as a *SendError, treating any other error as
// temporary: a network error deserves another try.
func asSendError(err error) *SendError {
	var se *SendError
	if errors.As(err, &se) {
		return se
	}
	return &SendError{Reason: err.Error(), Err: err}
}

// Sender sends messages through one channel.
type Sender interface {
	// Send hands m to the channel. It returns a *SendError for failures the
	// channel explained; any other error is treated as temporary.
	Send(ctx context.Context, m *Outgoing) (*SendResult, error)
}

// SendChecker is implemented by Senders whose channel limits when a
// conversation may be answered (WeChat's 48-hour window). CheckSend returns
// nil, or a *Error (EINVALID) whose message tells the rep why not.
type SendChecker interface {
	CheckSend(ctx context.Context, c *Conversation, d *Draft, now time.Time) error
}

// SendAddresser is implemented by Senders that send from an address other
// than the account's id: an email mailbox's account is its id, and its
// messages go out From the mailbox's configured name and address. An
// outbound message's From is what FromAddress returns (the account itself
// for other Senders). EINVALID when the account can no longer send.
type SendAddresser interface {
	FromAddress(ctx context.Context, account string) (Address, error)
}

// Draft is what a rep (or a care plan, or a bot) asks to send in a
// conversation. Empty To answers the conversation's last inbound sender.
type Draft struct {
	ConversationID int64 `json:"conversation_id"`
	// Channel and Account send through another channel than the
	// conversation's (a web form's confirmation goes out by email); empty:
	// the conversation's own.
	Channel        string            `json:"channel,omitempty"`
	Account        string            `json:"account,omitempty"`
	Kind           string            `json:"kind"` // OutReply when empty
	To             []Address         `json:"to"`
	Cc             []Address         `json:"cc"`
	Subject        string            `json:"subject"`
	Text           string            `json:"text"`
	HTML           string            `json:"html"`
	Attachments    []Attachment      `json:"attachments"`
	Template       string            `json:"template"`
	TemplateValues map[string]string `json:"template_values"`
	// Unsubscribe is a care message's one-click unsubscribe link.
	Unsubscribe string `json:"-"`
	// Link is a bot rule's link card (see Outgoing.Link).
	Link *LinkCard `json:"-"`
}

// ReplyContext is what a reply needs to know of its conversation.
type ReplyContext struct {
	// LastInbound is the customer's latest message; nil when there is none.
	LastInbound *Message
	// References are the conversation's thread references, oldest first,
	// ending with LastInbound's own MessageRef when it has one.
	References []string
}

// SendOutcome is the result of one send attempt, as the outbox records it.
type SendOutcome struct {
	State      string    // DeliverySent, DeliveryFailed, or DeliveryQueued to retry at RetryAt
	ExternalID string    // the channel's id, when sent
	MessageRef string    // our reference for replies to thread on, when sent
	Reason     string    // why it failed or is retried
	RetryAt    time.Time // when DeliveryQueued
	At         time.Time
}

// Finished is one attempt's outcome, for FinishOutbounds.
type Finished struct {
	O *Outgoing
	R SendOutcome
}

// OutboxStore keeps outbound messages until their channel accepts them.
type OutboxStore interface {
	// Conversation returns a conversation v may see. ENOTFOUND.
	Conversation(ctx context.Context, v Viewer, id int64) (*Conversation, error)
	// ReplyContext returns what answering a conversation needs. ENOTFOUND.
	ReplyContext(ctx context.Context, conversationID int64) (*ReplyContext, error)
	// QueueOutbound stores m as a queued outbound message and o as its
	// outbox entry, due at due, in one transaction, and moves the
	// conversation's last message time. It sets m.ID and o.MessageID.
	QueueOutbound(ctx context.Context, m *Message, o *Outgoing, due time.Time) error
	// ClaimOutbound leases up to limit entries due at now until leaseUntil,
	// so that no other instance sends them meanwhile, and returns them with
	// Attempt counting this try.
	ClaimOutbound(ctx context.Context, now, leaseUntil time.Time, limit int) ([]*Outgoing, error)
	// FinishOutbound records the outcome of o's attempt on its message (and,
	// when sent with a MessageRef, as a reference of its conversation).
	FinishOutbound(ctx context.Context, o *Outgoing, r SendOutcome) error
	// FinishOutbounds records several outcomes in one transaction, as
	// FinishOutbound does each.
	FinishOutbounds(ctx context.Context, done []Finished) error
	// NextOutboundDue returns when the earliest queued entry is due; the
	// zero time when nothing is queued.
	NextOutboundDue(ctx context.Context) (time.Time, error)
	// SetDelivery sets the state of the outbound message the channel knows
	// as externalID (a bounce, a template job report). ENOTFOUND.
	SetDelivery(ctx context.Context, channel, account, externalID, state, reason string) (*Message, error)
	// CountAutoSent counts automatic messages queued to address on channel
	// since a time, to cap automatic answers per sender.
	CountAutoSent(ctx context.Context, channel, address string, since time.Time) (int, error)
}
