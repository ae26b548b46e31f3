package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// composeBody starts a conversation with a record: an email from a
// mailbox to the record's address (or the addresses given).
type composeBody struct {
	// Channel is email (the default) or wechat: then the message goes to
	// the WeChat follower behind the record, and Template, when set, names
	// one of the account's templates (GET …/wechat-templates).
	Channel        string            `json:"channel,omitempty" doc:"email (default) or wechat"`
	Template       string            `json:"template,omitempty" doc:"a WeChat template id, as listed by …/wechat-templates"`
	TemplateValues map[string]string `json:"template_values,omitempty" doc:"the template's values by field"`
	MailboxID      int64             `json:"mailbox_id" doc:"the mailbox to send from"`
	To             []crm.Address     `json:"to" doc:"empty: the record's email address"`
	Cc             []crm.Address     `json:"cc"`
	Subject        string            `json:"subject"`
	Text           string            `json:"text"`
}

// startKinds are the records a conversation may be started with, by path.
var startKinds = []string{"contacts", "leads", "customers"}

// startTarget reads the record a conversation is started with, as v may
// see it: the conversation's links to it and the address to write to.
func (s *Server) startTarget(ctx context.Context, v crm.Viewer, kind string, id int64) (*crm.Conversation, []crm.Address, error) {
	c := &crm.Conversation{}
	switch kind {
	case "contacts":
		ct, err := s.store.Contact(ctx, v, id)
		if err != nil {
			return nil, nil, err
		}
		c.ContactID, c.CustomerID = &ct.ID, ct.CustomerID
		if len(ct.Emails) > 0 {
			return c, []crm.Address{{Name: ct.Name, Address: ct.Emails[0]}}, nil
		}
	case "leads":
		l, err := s.store.Lead(ctx, v, id)
		if err != nil {
			return nil, nil, err
		}
		c.LeadID = &l.ID
		if l.Email != "" {
			return c, []crm.Address{{Name: l.Name, Address: l.Email}}, nil
		}
	case "customers":
		cu, err := s.store.Customer(ctx, v, id)
		if err != nil {
			return nil, nil, err
		}
		c.CustomerID = &cu.ID
	default:
		return nil, nil, crm.Errorf(crm.ENOTFOUND, "No such record.")
	}
	return c, nil, nil
}

// start queues b as the first message of a new conversation with the
// record at kind/id. Refusals are in English, as every API error is; the
// API adds the user's language beside (errorBody.Localized), the form page
// shows it (refusalText).
func (s *Server) start(r *http.Request, kind string, b composeBody) (*crm.Message, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	v := viewerOf(r)
	c, to, err := s.startTarget(r.Context(), v, kind, id)
	if err != nil {
		return nil, err
	}
	if s.deps.Outbox == nil {
		return nil, crm.Errorf(crm.EINVALID, "this server cannot send replies")
	}
	if b.Channel == crm.ChannelWeChat {
		return s.startWeChat(r, kind, id, c, b)
	}
	if len(b.To) > 0 {
		to = b.To
	}
	if len(to) == 0 {
		f, err := s.followerOf(r.Context(), v, kind, id)
		if err != nil {
			return nil, err
		}
		msg := noWayMessage
		if f != nil {
			msg = "This person left no email address: write to them on WeChat instead."
		}
		return nil, &crm.Error{Code: crm.EINVALID, Message: msg, Fields: map[string]string{"to": "is required"}}
	}
	if strings.TrimSpace(b.Text) == "" {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "Write something first.", Fields: map[string]string{"text": "is required"}}
	}
	d := crm.Draft{Channel: crm.ChannelEmail, Kind: crm.OutReply, To: to, Cc: b.Cc, Subject: b.Subject, Text: b.Text}
	if b.MailboxID != 0 {
		d.Account = strconv.FormatInt(b.MailboxID, 10)
	}
	return s.deps.Outbox.Start(r.Context(), v, c, d)
}

// postStart is the API's: POST /api/v1/{kind}/{id}/conversations.
func (s *Server) postStart(kind string) func(r *http.Request) (*crm.Message, error) {
	return func(r *http.Request) (*crm.Message, error) {
		var b composeBody
		if err := decodeNew(r, &b); err != nil {
			return nil, err
		}
		return s.start(r, kind, b)
	}
}
