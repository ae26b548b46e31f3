package crm

import "strings"

// outgoingFor fills what the rep left out from the conversation: the
// recipient, an email reply's subject and its thread references.
func outgoingFor(c *Conversation, d *Draft, rc *ReplyContext) *Outgoing {
	o := &Outgoing{ConversationID: c.ID, Channel: c.Channel, Account: c.Account, Kind: d.Kind,
		To: d.To, Cc: d.Cc, Subject: d.Subject, Text: d.Text, HTML: d.HTML, Attachments: d.Attachments,
		Template: d.Template, TemplateValues: d.TemplateValues, References: rc.References,
		Unsubscribe: d.Unsubscribe, Link: d.Link}
	if d.Channel != "" {
		o.Channel, o.Account = d.Channel, d.Account
	}
	last := rc.LastInbound
	if last == nil {
		return o
	}
	if last.Channel == ChannelWebForm && o.Channel == ChannelEmail && o.Kind == OutReply {
		answerForm(o, last)
		o.References = nil
		return o
	}
	if o.Channel != last.Channel {
		// Another channel's addresses and references mean nothing here.
		o.References = nil
		return o
	}
	if len(o.To) == 0 && last.From.Address != "" {
		o.To = []Address{last.From}
	}
	o.InReplyTo = last.MessageRef
	if o.Subject == "" && o.Channel == ChannelEmail {
		o.Subject = replySubject(last.Subject)
	}
	return o
}

// replySubject prefixes "Re: " unless the subject already is a reply.
func replySubject(s string) string {
	l := strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"re:", "re：", "回复:", "回复：", "答复:", "答复："} {
		if strings.HasPrefix(l, p) {
			return s
		}
	}
	return "Re: " + s
}
