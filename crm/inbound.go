package crm

import "time"

// Inbound is a message as a channel adapter hands it to Ingest: already
// parsed as far as it goes, with the raw bytes kept so nothing is lost.
type Inbound struct {
	Channel string // ChannelEmail, ChannelWeChat, ChannelWebForm
	// Account is which of our channel accounts the message belongs to: the
	// WeChat appid, the form key, and for email the mailbox's ID (decimal),
	// never its address. Conversations, messages and the outbox carry the
	// same value. Never compare it with an email address: what the mailbox
	// receives at and sends from is Mailbox.Address (see SendAddresser).
	Account string
	// ExternalID is the channel's id of this message and, with Channel and
	// Account, the dedupe key: the same key ingested twice is stored once.
	ExternalID string
	From       Address
	Identity   *Identity // the sender's channel identity (WeChat openid…), if any
	UnionID    string    // WeChat unionid, when the account is bound to an Open Platform
	To         []Address
	Cc         []Address
	Subject    string
	Text       string
	HTML       string
	// Attachments already streamed into the blob store.
	Attachments []Attachment
	// References are thread references, strongest first: an email's
	// In-Reply-To then References, reply tokens found in our own addresses.
	References []string
	// ThreadHint is a weaker reference the channel guessed (an email's
	// earlier message from the same sender with the same subject),
	// followed only when References and MessageRef lead nowhere.
	ThreadHint string
	// MessageRef is this message's own reference for later replies to thread
	// on (an email's Message-ID).
	MessageRef string
	// Forwards are the mails this one forwards or quotes under a header
	// block (inline "Forwarded message" / "原始邮件" blocks, an attached
	// message), newest first. The matcher reads them when a colleague
	// forwards a customer's mail: the original sender and the numbers in
	// it are what the message is about.
	Forwards []Forward
	// Person holds what a form or profile states about the sender: phone,
	// company and the other lead fields. Empty for most mail and WeChat.
	Person     Person
	Source     LeadSource
	ReceivedAt time.Time
	// Automated marks auto-replies, bounces, read receipts, notifications
	// and newsletters: stored and linked, but they never create a lead or a
	// contact, nor trigger an automatic answer. AutomatedReason says what
	// showed it ("Auto-Submitted: auto-replied", "no-reply sender …").
	Automated       bool
	AutomatedReason string
	// FromUs: the channel knows we sent this message (an email from the
	// mailbox's own address: a Bcc or a copy of our reply). It is stored as
	// outbound, and a copy of a reply Rapport sent is not stored twice.
	FromUs bool
	// LeadTeamID, if set, is the team whose round robin gets a new lead from
	// this message (a web form's team) instead of IngestConfig.LeadTeamID.
	// It is applied in the ingest transaction, so a lead is never stored
	// without the owner it should have had.
	LeadTeamID int64
	// SenderThread marks a channel without thread headers (WeChat): the
	// sender's messages, keyed by Account and Identity.Value, continue the
	// sender's conversation (see SenderThread), and an unknown sender makes
	// one lead, once.
	SenderThread bool
	// Aside marks what a sender did that is not writing to us (a menu's
	// photo picker opened, a location report): it is stored on the
	// sender's conversation when they have one, and never starts one,
	// reopens one or makes a lead. Without a conversation nothing is
	// stored and the result says Skipped.
	Aside bool
	Raw   []byte
}

// Forward is a forwarded or quoted mail as far as its header block tells.
type Forward struct {
	From    Address `json:"from"`
	Subject string  `json:"subject,omitempty"`
	Text    string  `json:"text,omitempty"` // its text, up to the next forwarded block
	// Automated: the forwarded mail was a machine's (a no-reply sender, an
	// auto-reply): it makes no lead or contact either.
	Automated bool `json:"automated,omitempty"`
}

// Person is what an inbound message states about its sender beyond the
// address: form fields, or a WeChat profile.
type Person struct {
	Name    string
	Phone   string
	Email   string
	Company string
	Title   string
	Custom  map[string]string
	// Tags label the lead a message makes (a web form's tags).
	Tags []string
}

// Cursor is an adapter's position (an IMAP mailbox's UIDVALIDITY and last
// UID), saved in the same transaction as the messages it covers.
type Cursor struct {
	Channel string
	Account string
	Name    string // e.g. the mailbox name
	Value   string // adapter-defined
}

// Validate checks the fields Ingest relies on.
func (in *Inbound) Validate() error {
	p := Problems{}
	p.OneOf("channel", in.Channel, ChannelEmail, ChannelWeChat, ChannelWebForm)
	p.Require("channel", in.Channel)
	p.Require("account", in.Account)
	p.Require("external_id", in.ExternalID)
	p.MaxLen("external_id", in.ExternalID, 500)
	if in.ReceivedAt.IsZero() {
		p.Add("received_at", "is required")
	}
	return p.Err()
}
