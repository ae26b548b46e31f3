package web

import "github.com/rapport-crm/rapport/crm"

// messageOut is a message as the API gives it: the stored message and its
// HTML made safe to show, so that no API client has to sanitize mail itself.
type messageOut struct {
	*crm.Message
	HTMLSafe string `json:"html_safe" doc:"html sanitized the way the inbox shows it: scripts, styles, forms, frames, event handlers and javascript: links removed, remote images emptied (tracking pixels), cid: images left pointing at the message's attachments; empty when the message has no HTML"`
}

// messagesOut gives each message its safe HTML.
func messagesOut(ms []*crm.Message) []messageOut {
	out := make([]messageOut, len(ms))
	for i, m := range ms {
		out[i] = toMessageOut(m)
	}
	return out
}

func toMessageOut(m *crm.Message) messageOut {
	o := messageOut{Message: m}
	if m.HTML != "" {
		o.HTMLSafe = sanitizeEmail(m.HTML, false)
	}
	return o
}
