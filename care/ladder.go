package care

import (
	"context"
	"maps"

	"github.com/rapport-crm/rapport/crm"
)

// queue sends through the first rung of the channel ladder that can carry
// the message now, and says which: a WeChat customer-service message
// inside the 48-hour window, else the account's care template, else email
// with a one-click unsubscribe link. The outbox's own checks (the window,
// the template, a follower who left the account) decide each rung; the
// last refusal is returned when none can.
func (s *Service) queue(ctx context.Context, r *crm.CareRecipient, locale, subject, text string, vals map[string]string) (*crm.Message, string, error) {
	if s.cfg.Outbox == nil {
		return nil, "", crm.Errorf(crm.EINVALID, "no outbox on this server")
	}
	var last error = crm.Errorf(crm.EINVALID, "the contact has no WeChat or email conversation")
	for _, c := range r.WeChat {
		if r.Unsubscribed[c.Account] {
			last = crm.Errorf(crm.EINVALID, "the WeChat follower left the account %s", c.Account)
			continue
		}
		d := crm.Draft{ConversationID: c.ID, Kind: crm.OutCare, Text: text}
		if m, err := s.try(ctx, d, &last); m != nil || err != nil {
			return m, "wechat customer-service message", err
		}
		tv := maps.Clone(vals)
		tv["text"] = text
		d.Template, d.TemplateValues = s.cfg.WeChatTemplate, tv
		if m, err := s.try(ctx, d, &last); m != nil || err != nil {
			return m, "wechat template message", err
		}
	}
	for _, c := range r.Email {
		m, err := s.tryEmail(ctx, r, c, locale, subject, text, &last)
		if m != nil || err != nil {
			return m, "email", err
		}
	}
	return nil, "", last
}

// try queues d; a refusal (EINVALID, ERATELIMITED) is kept in last and
// returns nothing, so that the next rung is tried.
func (s *Service) try(ctx context.Context, d crm.Draft, last *error) (*crm.Message, error) {
	m, err := s.cfg.Outbox.Queue(ctx, crm.System, d)
	switch crm.ErrorCode(err) {
	case "":
		return m, nil
	case crm.EINVALID, crm.ERATELIMITED:
		*last = err
		return nil, nil
	}
	return nil, err
}

func (s *Service) tryEmail(ctx context.Context, r *crm.CareRecipient, c *crm.Conversation, locale, subject, text string, last *error) (*crm.Message, error) {
	d := crm.Draft{ConversationID: c.ID, Kind: crm.OutCare, Subject: subject, Text: text}
	if len(r.Contact.Emails) > 0 {
		d.To = []crm.Address{{Name: r.Contact.Name, Address: r.Contact.Emails[0]}}
	}
	if s.cfg.UnsubscribeURL != "" {
		tok, err := s.cfg.Store.CareUnsubscribeToken(ctx, r.Contact.ID)
		if err != nil {
			return nil, err
		}
		d.Unsubscribe = joinURL(s.cfg.UnsubscribeURL, tok)
		d.Text += unsubscribeFooter(locale, d.Unsubscribe)
	}
	return s.try(ctx, d, last)
}
