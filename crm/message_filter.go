package crm

import (
	"strings"
	"time"
)

// MessageFilter selects messages across the conversations its viewer may
// see, newest first. Zero fields do not filter.
type MessageFilter struct {
	Viewer Viewer
	// MessageRef is an email's Message-ID, with or without its angle
	// brackets. A hint, not a key: mailers reuse and omit them, so several
	// messages may answer.
	MessageRef     string
	ConversationID *int64
	Channel        string
	Direction      string
	// ContactID, CustomerID and LeadID are those of the message's conversation.
	ContactID  *int64
	CustomerID *int64
	LeadID     *int64
	Since      *time.Time // sent at or after
	Until      *time.Time // sent before
	Page       Page       // After: continue below this id
}

// Validate checks the enumerations and strips the Message-ID's angle
// brackets (the email channel stores it bare). EINVALID.
func (f *MessageFilter) Validate() error {
	p := Problems{}
	f.MessageRef = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(f.MessageRef), "<"), ">")
	p.MaxLen("message_id", f.MessageRef, 1000)
	if f.Channel != "" {
		p.OneOf("channel", f.Channel, ChannelEmail, ChannelWeChat, ChannelWebForm)
	}
	if f.Direction != "" {
		p.OneOf("direction", f.Direction, DirectionIn, DirectionOut)
	}
	if f.Since != nil && f.Until != nil && !f.Until.After(*f.Since) {
		p.Add("until", "must be after since")
	}
	f.Page = f.Page.Clamp()
	return p.Err()
}
