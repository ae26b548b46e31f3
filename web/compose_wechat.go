package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// follower is the WeChat follower a record can be written to.
type follower struct {
	AppID, OpenID, Name string
	ContactID           int64
}

// followerOf finds the WeChat follower behind a record, among what v may
// see: a contact's own identity; for a lead, the contact its email or phone
// belongs to; for a customer, its first contact who follows. nil: none.
func (s *Server) followerOf(ctx context.Context, v crm.Viewer, kind string, id int64) (*follower, error) {
	var people []*crm.Contact
	switch kind {
	case "contacts":
		ct, err := s.store.Contact(ctx, v, id)
		if err != nil {
			return nil, err
		}
		people = []*crm.Contact{ct}
	case "leads":
		l, err := s.store.Lead(ctx, v, id)
		if err != nil {
			return nil, err
		}
		if l.Email != "" {
			cs, err := s.store.ContactsByEmail(ctx, v, l.Email)
			if err != nil {
				return nil, err
			}
			people = append(people, cs...)
		}
		if l.Phone != "" {
			cs, err := s.store.ContactsByPhone(ctx, v, l.Phone)
			if err != nil {
				return nil, err
			}
			people = append(people, cs...)
		}
	case "customers":
		l, err := s.store.ListContacts(ctx, crm.ContactFilter{Viewer: v, CustomerID: &id, Page: crm.Page{Limit: 100}})
		if err != nil {
			return nil, err
		}
		people = l.Items
	}
	for _, ct := range people {
		for _, idn := range ct.Identities {
			if idn.Kind == crm.IdentityWeChat && idn.Key != "" && idn.Value != "" {
				return &follower{AppID: idn.Key, OpenID: idn.Value, Name: ct.Name, ContactID: ct.ID}, nil
			}
		}
	}
	return nil, nil
}

// noWayMessage is the refusal for a record that can be written to neither
// by email nor on WeChat.
const noWayMessage = "This person left neither an email address nor a WeChat identity: there is no way to write to them."

// startWeChat queues the first message of a new WeChat conversation with
// the follower behind the record: a customer-service message, which WeChat
// accepts only inside its 48-hour window, or one of the account's template
// messages as listed from WeChat, which it accepts outside it. A new
// conversation has no message from the follower, so Rapport counts it as
// outside the window, and the sender checks again before sending.
func (s *Server) startWeChat(r *http.Request, kind string, id int64, c *crm.Conversation, b composeBody) (*crm.Message, error) {
	v := viewerOf(r)
	f, err := s.followerOf(r.Context(), v, kind, id)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, crm.Errorf(crm.EINVALID, "This person does not follow any WeChat account connected here.")
	}
	if strings.TrimSpace(b.Text) == "" && b.Template == "" {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "Write something first.", Fields: map[string]string{"template": "is required"}}
	}
	if c.ContactID == nil {
		c.ContactID = &f.ContactID
	}
	d := crm.Draft{Channel: crm.ChannelWeChat, Account: f.AppID, Kind: crm.OutReply,
		To: []crm.Address{{Name: f.Name, Address: f.OpenID}}, Text: b.Text, Template: b.Template,
		TemplateValues: b.TemplateValues}
	m, err := s.deps.Outbox.Start(r.Context(), v, c, d)
	return m, err
}

// listStartTemplates lists the templates of the WeChat account the record's
// follower follows, as WeChat lists them, with their fields.
func (s *Server) listStartTemplates(kind string) func(r *http.Request) ([]crm.ChannelTemplate, error) {
	return func(r *http.Request) ([]crm.ChannelTemplate, error) {
		id, err := pathID(r)
		if err != nil {
			return nil, err
		}
		f, err := s.followerOf(r.Context(), viewerOf(r), kind, id)
		if err != nil {
			return nil, err
		}
		if f == nil || s.deps.Outbox == nil {
			return []crm.ChannelTemplate{}, nil
		}
		return s.deps.Outbox.AccountTemplates(r.Context(), crm.ChannelWeChat, f.AppID)
	}
}
