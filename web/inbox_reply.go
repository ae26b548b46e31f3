package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// replyBody is a rep's answer. Empty To answers the customer's last
// message; Cc (email) copies others, as reply-all does.
type replyBody struct {
	Text string        `json:"text"`
	To   []crm.Address `json:"to"`
	Cc   []crm.Address `json:"cc"`
	// MailboxID sends by email from this mailbox: required to answer a
	// web-form lead (the form has no way back of its own).
	MailboxID int64 `json:"mailbox_id,omitempty" doc:"the mailbox to send from; required to answer a web-form lead by email"`
	// Template sends a WeChat template (or subscription) message, the only
	// kind WeChat takes outside its 48-hour window.
	Template       string            `json:"template,omitempty" doc:"a WeChat account's template purpose (GET /api/v1/conversations/{id}/templates)"`
	TemplateValues map[string]string `json:"template_values,omitempty" doc:"the template's values by key"`
}

func (s *Server) postReply(r *http.Request) (*crm.Message, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	var b replyBody
	if err := decodeNew(r, &b); err != nil {
		return nil, err
	}
	lang := langOf(r)
	if strings.TrimSpace(b.Text) == "" && b.Template == "" {
		return nil, &crm.Error{Code: crm.EINVALID, Message: translate(lang, "conv.write_first"), Fields: map[string]string{"text": "is required"}}
	}
	if s.deps.Outbox == nil {
		return nil, crm.Errorf(crm.EINVALID, "%s", translate(lang, "conv.no_outbox"))
	}
	d := crm.Draft{ConversationID: id, Kind: crm.OutReply, To: b.To, Cc: b.Cc, Text: b.Text,
		Template: b.Template, TemplateValues: b.TemplateValues}
	if b.MailboxID != 0 {
		d.Channel, d.Account = crm.ChannelEmail, strconv.FormatInt(b.MailboxID, 10)
	}
	m, err := s.deps.Outbox.Queue(r.Context(), viewerOf(r), d)
	return m, translated(lang, err)
}

// problemText is a refusal's message in the user's language when the
// catalogs know it (problems.*.toml, "err." and the English text).
func problemText(lang, msg string) string {
	if tr := translate(lang, "err."+msg); tr != "err."+msg {
		return tr
	}
	return msg
}

// translated returns err with its message, and its fields' messages, in
// the user's language where the catalogs know them.
func translated(lang string, err error) error {
	var e *crm.Error
	if !errors.As(err, &e) || e.Code == crm.EINTERNAL {
		return err
	}
	out := &crm.Error{Code: e.Code, Message: problemText(lang, e.Message)}
	if len(e.Fields) > 0 {
		out.Fields = map[string]string{}
		for k, v := range e.Fields {
			out.Fields[k] = problemText(lang, v)
		}
	}
	return out
}

// mailboxChoice is a mailbox the composer offers to send from.
type mailboxChoice struct {
	ID       int64
	Label    string
	Selected bool
}

// replyMailboxes are the mailboxes a web-form lead may be answered from,
// the one the person last wrote to (after answering by email) chosen;
// none for other channels, which answer through their own account.
func (s *Server) replyMailboxes(r *http.Request, c *crm.Conversation, items []timelineItem) ([]mailboxChoice, error) {
	if c.Channel != crm.ChannelWebForm || s.deps.Mailboxes == nil {
		return nil, nil
	}
	boxes, err := s.deps.Mailboxes.Mailboxes(r.Context())
	if err != nil {
		return nil, err
	}
	last := ""
	for i := len(items) - 1; i >= 0 && last == ""; i-- {
		if m := items[i].Msg; m != nil && m.Direction == crm.DirectionIn && m.Channel == crm.ChannelEmail {
			last = m.m.Account
		}
	}
	var out []mailboxChoice
	for _, b := range boxes {
		if !b.Enabled {
			continue
		}
		out = append(out, mailboxChoice{ID: b.ID, Label: b.Name + " <" + b.Address + ">",
			Selected: strconv.FormatInt(b.ID, 10) == last})
	}
	return out, nil
}

func (s *Server) listTemplates(r *http.Request) ([]crm.ChannelTemplate, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if s.deps.Outbox == nil {
		return []crm.ChannelTemplate{}, nil
	}
	ts, err := s.deps.Outbox.Templates(r.Context(), viewerOf(r), id)
	return ts, translated(langOf(r), err)
}

// windowTemplates are the templates the composer offers when a WeChat
// conversation cannot take text (outside the 48-hour window). WeChat not
// answering leaves the page usable: the reason is logged and none offered.
func (s *Server) windowTemplates(r *http.Request, c *crm.Conversation, send canSendAnswer) []crm.ChannelTemplate {
	if c.Channel != crm.ChannelWeChat || send.OK || s.deps.Outbox == nil {
		return nil
	}
	ts, err := s.deps.Outbox.Templates(r.Context(), viewerOf(r), c.ID)
	if err != nil {
		s.log.WarnContext(r.Context(), "templates not listed", "conversation", c.ID, "err", err)
		return nil
	}
	return ts
}

// followerConversation is, for a web-form lead who is a known WeChat
// follower (the form's contact has a WeChat conversation v may see), that
// conversation: the composer offers to answer there instead; 0 for none.
func (s *Server) followerConversation(ctx context.Context, v crm.Viewer, c *crm.Conversation) (int64, error) {
	if c.Channel != crm.ChannelWebForm {
		return 0, nil
	}
	return s.wechatConversationOf(ctx, v, c.ContactID)
}

// wechatConversationOf is the contact's latest WeChat conversation v may
// see; 0 for none (or no contact).
func (s *Server) wechatConversationOf(ctx context.Context, v crm.Viewer, contactID *int64) (int64, error) {
	about, ok := s.store.(conversationsAbout)
	if contactID == nil || !ok {
		return 0, nil
	}
	cs, err := about.ConversationsAbout(ctx, v, contactID, nil, 20)
	if err != nil {
		return 0, err
	}
	for _, o := range cs {
		if o.Channel == crm.ChannelWeChat {
			return o.ID, nil
		}
	}
	return 0, nil
}

// answeredByEmail reports whether the person has written by email in the
// thread: a reply then goes on from that mailbox without a choice.
func answeredByEmail(items []timelineItem) bool {
	for _, it := range items {
		if m := it.Msg; m != nil && m.Direction == crm.DirectionIn && m.Channel == crm.ChannelEmail {
			return true
		}
	}
	return false
}
