package crm

import (
	"fmt"
	"strings"
)

// ErrNoWayToAnswer is the reason a web-form lead cannot be answered: the
// form has no channel of its own to send back through, and the person left
// no email address to write to. The web layer translates it by this text.
const ErrNoWayToAnswer = "This person left no email address: there is no way to answer them."

// routeReply chooses the channel of a reply in a conversation whose own
// channel cannot send (a web form has no way back): by email, from the
// mailbox the rep chose, to the address the person left; after the person
// has answered by email, on through that mailbox. A draft naming its own
// channel is left as it is.
func (o *Outbox) routeReply(c *Conversation, d *Draft, rc *ReplyContext) error {
	if c.Channel != ChannelWebForm || d.Channel != "" {
		return nil
	}
	last := rc.LastInbound
	if last != nil && last.Channel == ChannelEmail {
		d.Channel = ChannelEmail
		if d.Account == "" {
			d.Account = last.Account
		}
		return nil
	}
	if last == nil || last.From.Address == "" {
		return Errorf(EINVALID, "%s", ErrNoWayToAnswer)
	}
	if _, ok := o.cfg.Senders[ChannelEmail]; !ok {
		return Errorf(EINVALID, "replies through %s are not set up on this server", ChannelEmail)
	}
	d.Channel = ChannelEmail
	return nil
}

// requireAccount refuses an email draft that names no mailbox: a web-form
// conversation has none of its own to send from.
func requireAccount(d *Draft) error {
	if d.Channel == ChannelEmail && d.Account == "" {
		return &Error{Code: EINVALID, Message: "Choose the mailbox to send from.",
			Fields: map[string]string{"account": "is required"}}
	}
	return nil
}

// answerForm fills an email answering a web-form message: to the address
// the person left, under the form's name, with what they wrote quoted below
// the rep's text (the person sees what is being answered).
func answerForm(o *Outgoing, form *Message) {
	if len(o.To) == 0 && form.From.Address != "" {
		o.To = []Address{form.From}
	}
	if o.Subject == "" {
		o.Subject = replySubject(form.Subject)
	}
	if o.Text != "" && strings.TrimSpace(form.Text) != "" {
		o.Text += "\n\n" + quoteForm(form)
	}
}

// quoteForm writes the form's message as a mail quote, headed by when and
// who, without words in any one language.
func quoteForm(m *Message) string {
	who := m.From.Address
	if m.From.Name != "" {
		who = fmt.Sprintf("%s <%s>", m.From.Name, m.From.Address)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s, %s:\n", m.CreatedAt.Format("2006-01-02 15:04"), who, m.Subject)
	for _, line := range strings.Split(strings.TrimRight(m.Text, "\n"), "\n") {
		b.WriteString("> " + line + "\n")
	}
	return b.String()
}
