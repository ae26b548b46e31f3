package web

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// ownAddress is the address an email conversation's mailbox receives at,
// so that reply-all leaves it out. A conversation's Account is the
// mailbox's id, never an address; "" when the mailbox is gone.
func (s *Server) ownAddress(ctx context.Context, c *crm.Conversation) (string, error) {
	if c.Channel != crm.ChannelEmail || s.deps.Mailboxes == nil {
		return "", nil
	}
	id, err := strconv.ParseInt(c.Account, 10, 64)
	if err != nil {
		return "", nil // not a mailbox of ours: nothing to leave out
	}
	m, err := s.deps.Mailboxes.Mailbox(ctx, id)
	if crm.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return m.Address, nil
}

// replyAddresses are the customer's address (the last inbound sender) and,
// for reply-all, everyone else that message went to but our own address.
func replyAddresses(items []timelineItem, own string) (to, cc string) {
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].Msg == nil || items[i].Msg.Direction != crm.DirectionIn {
			continue
		}
		m := items[i].Msg.m
		var others []string
		for _, a := range append(slices.Clone(m.To), m.Cc...) {
			if !strings.EqualFold(a.Address, own) && !strings.EqualFold(a.Address, m.From.Address) {
				others = append(others, a.Address)
			}
		}
		return m.From.Address, strings.Join(others, ", ")
	}
	return "", ""
}
