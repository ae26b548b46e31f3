package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// The composer's choices beyond text: the mailbox a web-form lead is
// answered from, WeChat's templates outside its window, and a form lead's
// WeChat conversation when they follow the account.

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
