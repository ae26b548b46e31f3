package web

import (
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
	// Refusals stay in English here: writeErrorBody adds them in the
	// user's language beside (errorBody.Localized).
	if strings.TrimSpace(b.Text) == "" && b.Template == "" {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "Write something first.", Fields: map[string]string{"text": "is required"}}
	}
	if s.deps.Outbox == nil {
		return nil, crm.Errorf(crm.EINVALID, "this server cannot send replies")
	}
	d := crm.Draft{ConversationID: id, Kind: crm.OutReply, To: b.To, Cc: b.Cc, Text: b.Text,
		Template: b.Template, TemplateValues: b.TemplateValues}
	if b.MailboxID != 0 {
		d.Channel, d.Account = crm.ChannelEmail, strconv.FormatInt(b.MailboxID, 10)
	}
	return s.deps.Outbox.Queue(r.Context(), viewerOf(r), d)
}

// problemText is a refusal's message in the user's language when the
// catalogs know it (problemIn), else the message itself.
func problemText(lang, msg string) string {
	tr, _ := problemIn(lang, msg)
	return tr
}

func (s *Server) listTemplates(r *http.Request) ([]crm.ChannelTemplate, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if s.deps.Outbox == nil {
		return []crm.ChannelTemplate{}, nil
	}
	return s.deps.Outbox.Templates(r.Context(), viewerOf(r), id)
}
